// SPDX-License-Identifier: GPL-3.0-or-later
// Database: opens intaked's SQLite file and brings its schema up to date.
//
// The file is created readable by the service user only (0600) and used in
// WAL mode, so that a `kill -9` at any instant leaves the last committed
// transaction intact. The schema is versioned with PRAGMA user_version and
// migrated forward, one numbered step at a time, inside a transaction.
// The returned database is owned by the caller and used from one thread.
//
// Personal data must not outlive its erasure in the file: every connection
// sets secure_delete, so deleted or overwritten content is zeroed in its page,
// and after an erasure is committed EmptyWriteAheadLog moves the WAL into the
// database and truncates it, so no older copy of a page survives there.
#pragma once

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <memory>
#include <string>

#include "base/status.h"

namespace intaked {

Result<std::unique_ptr<SQLite::Database>> OpenDatabase(const std::string& path);

// Checkpoints the WAL into the database file and truncates it to nothing. Another
// connection reading an older snapshot (the daemon mid-cycle, or an admin command) holds
// this up: it is waited for up to `patience`, then the error names the -wal file. Call
// outside a transaction, after committing an erasure.
Status EmptyWriteAheadLog(SQLite::Database& db, std::chrono::milliseconds patience);

// The schema version this build writes.
int CurrentSchemaVersion();

}  // namespace intaked
