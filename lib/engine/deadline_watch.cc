#include "engine/deadline_watch.h"

#include <SQLiteCpp/Transaction.h>

#include "calendar/local_zone.h"
#include "engine/case_actions.h"
#include "procedure/reminder_schedule.h"
#include "store/case_store.h"

namespace intaked {
namespace {

struct Watched {
  const char* deadline;  // "respond" | "review"
  std::string due;
  std::string actor_email;
  std::string actor_name;
};

}  // namespace

WatchReport DeadlineWatch::Run(Instant now) {
  WatchReport report;
  const Config& cfg = ctx_.config;
  const date::sys_days today = ctx_.zone.LocalDate(now);
  const bool sending_hours =
      ctx_.calendar.IsWorkingDay(today) && ctx_.zone.LocalHour(now) >= cfg.reminder_hour;
  std::vector<CaseRecord> open = CaseStore(db_).List(true);
  for (CaseRecord& c : open) {
    if (c.kind != "complaint") continue;
    // Decide first, reading only (this thread is the only writer); a transaction
    // is opened only for a case with something to do, since this runs every cycle.
    CaseStore cases(db_);
    if (c.phase == "appeal") {
      const auto appeal_due = ParseIsoDate(c.appeal_due);
      if (!appeal_due || today <= *appeal_due) continue;
      SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
      CaseActions(ctx_, db_, tokens_, now).Close(c, "appeal window ended");
      tx.commit();
      ++report.closed;
      log_->info("{}: appeal window ended; case closed", c.reference);
      continue;
    }
    if (!sending_hours) continue;
    CaseActions act(ctx_, db_, tokens_, now);
    Watched w = c.phase == "stage2"
                    ? Watched{"review", c.review_due, cfg.reviewer_address, cfg.reviewer_name}
                    : Watched{"respond", c.respond_due, c.handler_email,
                              act.mail().NameOf(c.handler_email)};
    const auto due = ParseIsoDate(w.due);
    if (!due) continue;
    const auto step = ReminderDueToday(ctx_.calendar, *due, today, cfg.remind_before,
                                       cases.RemindersDone(c.id, w.deadline, w.due));
    if (!step) continue;
    SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
    LetterFields f = act.mail().Fields(c);
    f.values["due"] = FormatDateForPeople(*due);
    f.values["what"] = std::string(w.deadline) == "review"
                           ? "the independent review's recommendation"
                           : "the written response to the complainant";
    f.values["days_left"] = std::to_string(step->working_days_left);
    f.values["days_late"] = std::to_string(-step->working_days_left);
    f.values["actor_name"] = w.actor_name;
    f.flags["on_the_day"] = step->step == "due";
    f.flags["is_reviewer"] = std::string(w.deadline) == "review";
    if (!step->overdue) {
      act.mail().Send(c, "reminder", {w.actor_name, w.actor_email}, f, "auto-generated");
      ++report.reminders;
    } else {
      act.mail().Send(c, "overdue_notice", {w.actor_name, w.actor_email}, f, "auto-generated");
      if (cfg.fallback_address != w.actor_email) {
        act.mail().Send(c, "overdue_notice", {cfg.fallback_name, cfg.fallback_address}, f,
                        "auto-generated");
      }
      // The complainant must never pass a deadline in silence.
      if (step->step == "overdue-1") act.mail().ToComplainant(c, "complainant_delay", f);
      ++report.overdue_notices;
    }
    cases.RecordReminder(c.id, w.deadline, w.due, step->step, now, false);
    tx.commit();
    log_->info("{}: {} {} for the {} deadline of {}", c.reference,
               step->overdue ? "overdue notice" : "reminder", step->step, w.deadline, w.due);
  }
  return report;
}

}  // namespace intaked
