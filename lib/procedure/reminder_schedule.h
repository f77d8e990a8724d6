// SPDX-License-Identifier: GPL-3.0-or-later
// ReminderSchedule: which reminder or overdue notice a deadline calls for
// today (docs/PROCEDURE.md, "Reminders and overdue notices").
//
// Steps, in order: "before-N" for each N in remind_before (N working days
// before the deadline), "due" (on the day), then "overdue-K" on the 1st, 6th,
// 11th... working day after it (every 5 working days), K up to
// 1 + overdue_repeats; after that the case heads the weekly digests instead.
// Each step is sent once. After downtime only the latest step that has fallen
// due is sent - the earlier ones are superseded, since their words ("5
// working days left") would no longer be true.
//
// The complainant's late letter has its own steps: "late-K" on the 1st, 11th,
// 21st... working day after the date, and the first one goes whenever
// intaked first finds the date passed, even days late. Pure.
#pragma once

#include <date/date.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "calendar/working_day_calendar.h"

namespace intaked {

struct ReminderStep {
  enum class Kind { kBefore, kDue, kOverdue };
  Kind kind;
  int n;                  // kBefore: working days before; kOverdue: which notice (1, 2, ...)
  int working_days_left;  // negative once overdue: working days late

  bool overdue() const { return kind == Kind::kOverdue; }
  // The step's name in the reminder ledger: "before-5", "due", "overdue-2".
  std::string LedgerKey() const;
};

// The step to send today for a deadline on `due`, unless already sent.
// `overdue_repeats` < 0: no limit.
std::optional<ReminderStep> ReminderDueToday(const WorkingDayCalendar& calendar, date::sys_days due,
                                             date::sys_days today,
                                             const std::vector<int>& remind_before,
                                             const std::set<std::string>& sent,
                                             int overdue_repeats = -1);

// Whether every overdue notice the schedule allows has fallen due (the case now
// heads the weekly digests).
bool OverdueNoticesExhausted(const WorkingDayCalendar& calendar, date::sys_days due,
                             date::sys_days today, int overdue_repeats);

// Which of the complainant's late letters (1, 2, ...) is due today, unless sent; the
// ledger names letter K "late-K" (LateLetterKey).
std::optional<int> LateLetterDueToday(const WorkingDayCalendar& calendar, date::sys_days due,
                                      date::sys_days today, const std::set<std::string>& sent);

std::string LateLetterKey(int k);

// The day the complainant's next late letter falls due after `today`'s.
date::sys_days NextLateLetterDay(const WorkingDayCalendar& calendar, date::sys_days due,
                                 date::sys_days today);

constexpr int kOverdueNoticeEvery = 5;  // working days between overdue notices
constexpr int kLateLetterEvery = 10;    // working days between the complainant's late letters

// The working day `n` working days before `day`.
date::sys_days WorkingDaysBefore(const WorkingDayCalendar& calendar, date::sys_days day, int n);

}  // namespace intaked
