// DeadlineWatch: the daily side of the procedure - reminders before each
// deadline, notices once it has passed, and closing cases whose appeal window
// has run out (SPEC §2.4).
//
// Called every cycle; sends only on working days at or after reminder_hour,
// and each step exactly once (the reminder ledger), so a daemon that was down
// catches up on its next cycle. One transaction per case.
#pragma once

#include <SQLiteCpp/Database.h>
#include <spdlog/logger.h>

#include <memory>

#include "base/clock.h"
#include "engine/procedure_context.h"

namespace intaked {

struct WatchReport {
  int reminders = 0;
  int overdue_notices = 0;
  int closed = 0;
};

class DeadlineWatch {
 public:
  DeadlineWatch(const ProcedureContext& ctx, SQLite::Database& db, TokenSource& tokens,
                std::shared_ptr<spdlog::logger> log)
      : ctx_(ctx), db_(db), tokens_(tokens), log_(std::move(log)) {}

  WatchReport Run(Instant now);

 private:
  const ProcedureContext& ctx_;
  SQLite::Database& db_;
  TokenSource& tokens_;
  std::shared_ptr<spdlog::logger> log_;
};

}  // namespace intaked
