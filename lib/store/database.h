// Database: opens intaked's SQLite file and brings its schema up to date.
//
// The file is created readable by the service user only (0600) and used in
// WAL mode, so that a `kill -9` at any instant leaves the last committed
// transaction intact. The schema is versioned with PRAGMA user_version and
// migrated forward, one numbered step at a time, inside a transaction.
// The returned database is owned by the caller and used from one thread.
#pragma once

#include <SQLiteCpp/Database.h>

#include <memory>
#include <string>

#include "base/status.h"

namespace intaked {

Result<std::unique_ptr<SQLite::Database>> OpenDatabase(const std::string& path);

// The schema version this build writes.
int CurrentSchemaVersion();

}  // namespace intaked
