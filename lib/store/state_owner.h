// SPDX-License-Identifier: GPL-3.0-or-later
// StateOwner: keeps root out of the service's state directory.
//
// The service runs as its own user and owns the directory its database is in.
// An admin command run as root there (`intaked cases` before `sudo -u`) would
// have SQLite create the database, or its -wal and -shm files, owned by root
// and private, and the service could never open them again. So a process
// running as root refuses a database whose directory (or nearest existing
// ancestor) belongs to another user, and says which user to run as. Anyone
// else, and root in root's own directories (tests, the demo), goes on.
#pragma once

#include <string>

#include "base/status.h"

namespace intaked {

Status CheckStateOwner(const std::string& database_path);

}  // namespace intaked
