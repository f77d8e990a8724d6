// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/deadline_watch.h"

#include <SQLiteCpp/Transaction.h>

#include "calendar/local_zone.h"
#include "engine/case_actions.h"
#include "mail/address.h"
#include "procedure/reminder_schedule.h"
#include "store/case_store.h"
#include "store/reminder_log.h"

namespace intaked {
namespace {

// The deadline a case is waiting on, and who must meet it.
struct Watched {
  const char* deadline;  // the reminder ledger's name: "respond" | "review"
  std::string due;
  Address actor;
  const char* what;
};

Watched WatchedDeadline(const Config& cfg, CaseMail& mail, const CaseRecord& c) {
  if (c.phase == Phase::kStageTwo)
    return {"review",
            c.review_due,
            {cfg.reviewer_name, cfg.reviewer_address},
            "the independent review's recommendation"};
  return {"respond",
          c.respond_due,
          {mail.NameOf(c.handler_email), c.handler_email},
          "the written response to the complainant"};
}

// Whether the case, read again inside the writing transaction, is as it was decided on:
// a reply or the admin may have moved it since the list was read.
bool Unchanged(SQLite::Database& db, const CaseRecord& c) {
  const std::optional<CaseRecord> now = CaseStore(db).FindById(c.id);
  return now && now->state == c.state && now->phase == c.phase &&
         now->respond_due == c.respond_due && now->review_due == c.review_due &&
         now->handler_email == c.handler_email;
}

}  // namespace

WatchReport DeadlineWatch::Run(Instant now) {
  WatchReport report;
  const date::sys_days today = ctx_.zone.LocalDate(now);
  const bool sending_hours =
      ctx_.calendar.IsWorkingDay(today) && ctx_.zone.LocalHour(now) >= ctx_.config.reminder_hour;
  // Decide first, reading only (this thread is the only writer); a transaction
  // is opened only for a case with something to do, since this runs every cycle.
  for (CaseRecord& c : CaseStore(db_).List(true)) {
    if (c.phase == Phase::kAppealWindow) {
      CloseAfterAppealWindow(c, today, now, report);
      continue;
    }
    if (!sending_hours) continue;
    if (c.phase == Phase::kStageOne && !c.acknowledged) AcknowledgeReminder(c, today, now, report);
    if (c.phase == Phase::kStageOne || c.phase == Phase::kStageTwo) {
      DeadlineStep(c, today, now, report);
      LateLetter(c, today, now, report);
    }
  }
  return report;
}

void DeadlineWatch::CloseAfterAppealWindow(CaseRecord& c, date::sys_days today, Instant now,
                                           WatchReport& report) {
  const auto appeal_due = ParseIsoDate(c.appeal_due);
  if (!appeal_due || today <= *appeal_due) return;
  SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
  // Read again inside the transaction: a reply or the admin may have moved it meanwhile.
  std::optional<CaseRecord> now_case = CaseStore(db_).FindById(c.id);
  if (!now_case || now_case->phase != Phase::kAppealWindow) return;
  CaseActions(ctx_, db_, tokens_, now)
      .Close(*now_case, {Role::kIntaked, ""}, CloseCause::kAppealWindowEnded);
  tx.commit();
  ++report.closed;
  log_->info("{}: appeal window ended; case closed", c.reference);
}

void DeadlineWatch::AcknowledgeReminder(const CaseRecord& c, date::sys_days today, Instant now,
                                        WatchReport& report) {
  const auto due = ParseIsoDate(c.acknowledge_due);
  if (!due) return;
  const auto step =
      ReminderDueToday(ctx_.calendar, *due, today, ctx_.config.remind_before,
                       ReminderLog(db_).StepsDone(c.id, "acknowledge", c.acknowledge_due), 0);
  // Once, after the date too: downtime over the date must not leave the handler unreminded.
  if (!step || (step->overdue() &&
                !ReminderLog(db_).StepsDone(c.id, "acknowledge", c.acknowledge_due).empty()))
    return;
  // The reminder asks the handler to note on the case that they acknowledged it; once they
  // have written a note, they are not asked again.
  if (CaseStore(db_).CountEventsBy(c.id, CaseEventKind::kNote, Role::kHandler) > 0) return;
  SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
  if (!Unchanged(db_, c)) return;
  CaseActions act(ctx_, db_, tokens_, now);
  LetterFields f = act.mail().Fields(c);
  f.values["due"] = FormatDateForPeople(*due);
  f.values["days_left"] = std::to_string(step->working_days_left);
  f.flags["on_the_day"] = step->kind == ReminderStep::Kind::kDue;
  f.flags["late"] = step->overdue();
  act.mail().Send(c, "acknowledge_reminder", {act.mail().NameOf(c.handler_email), c.handler_email},
                  f, "auto-generated");
  ReminderLog(db_).Record(c.id, "acknowledge", c.acknowledge_due, step->LedgerKey(), now);
  tx.commit();
  ++report.reminders;
  log_->info("{}: acknowledgement reminder {}", c.reference, step->LedgerKey());
}

void DeadlineWatch::DeadlineStep(const CaseRecord& c, date::sys_days today, Instant now,
                                 WatchReport& report) {
  const Config& cfg = ctx_.config;
  CaseActions act(ctx_, db_, tokens_, now);
  const Watched w = WatchedDeadline(cfg, act.mail(), c);
  const auto due = ParseIsoDate(w.due);
  if (!due) return;
  const auto step =
      ReminderDueToday(ctx_.calendar, *due, today, cfg.remind_before,
                       ReminderLog(db_).StepsDone(c.id, w.deadline, w.due), cfg.overdue_repeats);
  if (!step) return;
  SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
  if (!Unchanged(db_, c)) return;
  LetterFields f = act.mail().Fields(c);
  f.values["due"] = FormatDateForPeople(*due);
  f.values["what"] = w.what;
  f.values["days_left"] = std::to_string(step->working_days_left);
  f.values["days_late"] = std::to_string(-step->working_days_left);
  f.values["actor_name"] = w.actor.name;
  f.flags["on_the_day"] = step->kind == ReminderStep::Kind::kDue;
  f.flags["is_reviewer"] = c.phase == Phase::kStageTwo;
  f.flags["fallback_copied"] = !SameEmail(cfg.fallback_address, w.actor.email);
  f.flags["complainant_by_email"] = !c.complainant_email.empty();
  f.flags["complainant_by_post"] = c.complainant_email.empty() && !c.anonymous;
  if (!step->overdue()) {
    act.mail().Send(c, "reminder", w.actor, f, "auto-generated");
    ++report.reminders;
  } else {
    f.flags["to_fallback"] = false;
    act.mail().Send(c, "overdue_notice", w.actor, f, "auto-generated");
    // The fallback is told as the fallback, with the power to act: its reply to this notice
    // is authenticated like the handler's (case_reply.h).
    if (!SameEmail(cfg.fallback_address, w.actor.email)) {
      f.flags["to_fallback"] = true;
      act.mail().Send(c, "overdue_notice", {cfg.fallback_name, cfg.fallback_address}, f,
                      "auto-generated");
    }
    ++report.overdue_notices;
  }
  ReminderLog(db_).Record(c.id, w.deadline, w.due, step->LedgerKey(), now);
  tx.commit();
  log_->info("{}: {} {} for the {} deadline of {}", c.reference,
             step->overdue() ? "overdue notice" : "reminder", step->LedgerKey(), w.deadline, w.due);
}

void DeadlineWatch::LateLetter(const CaseRecord& c, date::sys_days today, Instant now,
                               WatchReport& report) {
  CaseActions act(ctx_, db_, tokens_, now);
  const Watched w = WatchedDeadline(ctx_.config, act.mail(), c);
  const auto due = ParseIsoDate(w.due);
  if (!due) return;
  const std::string ledger = std::string(w.deadline) + "-late";
  CaseStore cases(db_);
  // The complainant must never pass a deadline in silence, even after downtime.
  const std::set<std::string> sent = ReminderLog(db_).StepsDone(c.id, ledger, w.due);
  const auto step = LateLetterDueToday(ctx_.calendar, *due, today, sent);
  if (!step) return;
  SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
  if (!Unchanged(db_, c)) return;
  LetterFields f = act.mail().Fields(c);
  f.values["due"] = FormatDateForPeople(*due);
  f.values["what"] = c.phase == Phase::kStageTwo ? "the independent reviewer's recommendation"
                                                 : "our written response";
  f.values["holder"] =
      c.phase == Phase::kStageTwo ? ctx_.config.reviewer_name : act.mail().NameOf(c.handler_email);
  f.values["next_letter"] = FormatDateForPeople(NextLateLetterDay(ctx_.calendar, *due, today));
  // "We wrote before" only if we did: after downtime the first letter may be step 2.
  f.flags["first"] = sent.empty();
  act.mail().ToComplainant(c, "complainant_delay", f);
  cases.AddEvent(c.id, now, CaseEventKind::kLateLetter,
                 "the complainant was told the " + std::string(w.deadline) + " date has passed (" +
                     LateLetterKey(*step) + ")");
  ReminderLog(db_).Record(c.id, ledger, w.due, LateLetterKey(*step), now);
  tx.commit();
  ++report.late_letters;
  log_->info("{}: late letter {} to the complainant", c.reference, *step);
}

}  // namespace intaked
