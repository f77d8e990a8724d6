// SPDX-License-Identifier: GPL-3.0-or-later
// DeadlineWatch: the daily side of the procedure (docs/PROCEDURE.md, "Reminders and overdue
// notices") - reminders
// before each deadline; overdue notices to whoever must act and to the
// fallback, on the first working day after and every 5 working days up to
// `overdue_repeats` more; the complainant's late letter, the first time the
// date is found passed and every 10 working days after; a reminder to the
// handler to acknowledge a complaint no acknowledgement went for; and closing
// cases whose appeal window has run out.
//
// Called every cycle; sends only on working days at or after reminder_hour,
// and each step exactly once (the reminder ledger), so a daemon that was down
// catches up on its next cycle. One transaction per step taken.
#pragma once

#include <SQLiteCpp/Database.h>
#include <spdlog/logger.h>

#include <memory>

#include "base/clock.h"
#include "engine/procedure_context.h"
#include "store/case_store.h"

namespace intaked {

struct WatchReport {
  int reminders = 0;
  int overdue_notices = 0;
  int closed = 0;
  int late_letters = 0;
};

class DeadlineWatch {
 public:
  DeadlineWatch(const ProcedureContext& ctx, SQLite::Database& db, TokenSource& tokens,
                std::shared_ptr<spdlog::logger> log)
      : ctx_(ctx), db_(db), tokens_(tokens), log_(std::move(log)) {}

  WatchReport Run(Instant now);

 private:
  void CloseAfterAppealWindow(CaseRecord& c, date::sys_days today, Instant now,
                              WatchReport& report);
  void AcknowledgeReminder(const CaseRecord& c, date::sys_days today, Instant now,
                           WatchReport& report);
  void DeadlineStep(const CaseRecord& c, date::sys_days today, Instant now, WatchReport& report);
  void LateLetter(const CaseRecord& c, date::sys_days today, Instant now, WatchReport& report);

  const ProcedureContext& ctx_;
  SQLite::Database& db_;
  TokenSource& tokens_;
  std::shared_ptr<spdlog::logger> log_;
};

}  // namespace intaked
