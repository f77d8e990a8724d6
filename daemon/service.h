// SPDX-License-Identifier: GPL-3.0-or-later
// RunService: intaked as a long-running daemon (`intaked run`).
//
// A Boost.Asio event loop owns the signals and the poll timer; each cycle runs
// on one worker thread so the loop stays responsive. SIGTERM/SIGINT stop after
// the message in hand; SIGHUP re-reads the config and swaps it in only if it
// is entirely valid (the old one stays otherwise).
#pragma once

#include <SQLiteCpp/Database.h>
#include <spdlog/logger.h>

#include <memory>
#include <string>

#include "base/clock.h"
#include "engine/procedure_context.h"
#include "sign_in_parts.h"

namespace intaked {

struct ServiceParts {
  std::string config_path;
  std::shared_ptr<const ProcedureContext> context;
  SQLite::Database& db;
  const Clock& clock;
  TokenSource& tokens;
  std::shared_ptr<spdlog::logger> log;
  SignInParts& sign_in;  // shared by the cycles and the IDLE doorbells
};

int RunService(ServiceParts& parts);

}  // namespace intaked
