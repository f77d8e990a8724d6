// SPDX-License-Identifier: GPL-3.0-or-later
// CommandSession: what every intaked command starts with - the config, the
// procedure's context built from it, and the database it names - loaded one
// way, with one exit code for each thing that can be wrong: 2 for the config
// (the message names the file, line and key), 1 for the database (it names the
// file). The commands, `check` and the service's reload all load a config
// through LoadContext; only how they show a failure differs.
#pragma once

#include <SQLiteCpp/Database.h>

#include <memory>
#include <string>

#include "base/clock.h"
#include "base/status.h"
#include "commands.h"
#include "engine/procedure_context.h"

namespace intaked {

// Reads and validates `config_path` and builds the procedure's context from it.
Result<std::shared_ptr<const ProcedureContext>> LoadContext(const std::string& config_path);

struct CommandSession {
  std::shared_ptr<const ProcedureContext> ctx;  // set unless the config was refused
  std::unique_ptr<SQLite::Database> db;         // set unless anything was refused
  Status status;                                // why not, when db is unset
  int exit_code = kExitOk;                      // kExitUsage: the config; kExitFailure: the db

  bool ok() const { return db != nullptr; }
  // Prints "intaked: <why>" on stderr and returns the exit code, for `return s.Refuse();`.
  int Refuse() const;
};

// The config, its context, then the database the config names (created if new).
CommandSession OpenCommandSession(const std::string& config_path);

// The GOV.UK bank-holidays file's warning (CoverageWarning) at `now`, or "" when there is no
// file or it lists the next 12 months. Shown under the key calendar.bank_holidays_file by
// `check`, and logged at warn when the service starts or reloads.
std::string BankHolidaysFileWarning(const ProcedureContext& ctx, Instant now);

}  // namespace intaked
