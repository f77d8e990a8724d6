// SPDX-License-Identifier: GPL-3.0-or-later
#include "command_session.h"

#include <iostream>

#include "config/config_loader.h"
#include "store/database.h"

namespace intaked {

Result<std::shared_ptr<const ProcedureContext>> LoadContext(const std::string& config_path) {
  auto config = LoadConfig(config_path);
  if (!config.ok()) return config.status();
  return ProcedureContext::Build(config.value());
}

int CommandSession::Refuse() const {
  std::cerr << "intaked: " << status.message() << "\n";
  return exit_code;
}

CommandSession OpenCommandSession(const std::string& config_path) {
  CommandSession s;
  auto ctx = LoadContext(config_path);
  if (!ctx.ok()) {
    s.status = ctx.status();
    s.exit_code = kExitUsage;
    return s;
  }
  s.ctx = ctx.value();
  auto db = OpenDatabase(s.ctx->config.database_path);
  if (!db.ok()) {
    s.status = db.status();
    s.exit_code = kExitFailure;
    return s;
  }
  s.db = std::move(db.value());
  return s;
}

std::string BankHolidaysFileWarning(const ProcedureContext& ctx, Instant now) {
  if (!ctx.config.bank_holidays) return "";
  return CoverageWarning(*ctx.config.bank_holidays, ctx.zone.LocalDate(now));
}

}  // namespace intaked
