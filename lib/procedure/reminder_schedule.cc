// SPDX-License-Identifier: GPL-3.0-or-later
#include "procedure/reminder_schedule.h"

#include <algorithm>

namespace intaked {

std::string ReminderStep::LedgerKey() const {
  switch (kind) {
    case Kind::kBefore:
      return "before-" + std::to_string(n);
    case Kind::kDue:
      return "due";
    case Kind::kOverdue:
      return "overdue-" + std::to_string(n);
  }
  return "due";
}

date::sys_days WorkingDaysBefore(const WorkingDayCalendar& calendar, date::sys_days day, int n) {
  date::sys_days d = day;
  while (n > 0) {
    d -= date::days(1);
    if (calendar.IsWorkingDay(d)) --n;
  }
  return d;
}

std::optional<ReminderStep> ReminderDueToday(const WorkingDayCalendar& calendar, date::sys_days due,
                                             date::sys_days today,
                                             const std::vector<int>& remind_before,
                                             const std::set<std::string>& sent,
                                             int overdue_repeats) {
  std::optional<ReminderStep> latest;
  if (today > due) {
    const int late = calendar.WorkingDaysBetween(due, today);
    const int k = (late - 1) / kOverdueNoticeEvery + 1;
    if (late >= 1 && (overdue_repeats < 0 || k <= overdue_repeats + 1)) {
      latest = ReminderStep{ReminderStep::Kind::kOverdue, k, -late};
    }
  } else if (today == due) {
    latest = ReminderStep{ReminderStep::Kind::kDue, 0, 0};
  } else {
    std::vector<int> before = remind_before;
    std::sort(before.begin(), before.end());  // nearest first: 1, 5
    for (int b : before) {
      if (WorkingDaysBefore(calendar, due, b) <= today) {
        latest =
            ReminderStep{ReminderStep::Kind::kBefore, b, calendar.WorkingDaysBetween(today, due)};
        break;
      }
    }
  }
  if (!latest || sent.count(latest->LedgerKey())) return std::nullopt;
  return latest;
}

bool OverdueNoticesExhausted(const WorkingDayCalendar& calendar, date::sys_days due,
                             date::sys_days today, int overdue_repeats) {
  if (today <= due) return false;
  const int late = calendar.WorkingDaysBetween(due, today);
  return late >= 1 && (late - 1) / kOverdueNoticeEvery + 1 > overdue_repeats + 1;
}

std::string LateLetterKey(int k) { return "late-" + std::to_string(k); }

std::optional<int> LateLetterDueToday(const WorkingDayCalendar& calendar, date::sys_days due,
                                      date::sys_days today, const std::set<std::string>& sent) {
  if (today <= due) return std::nullopt;
  const int late = calendar.WorkingDaysBetween(due, today);
  if (late < 1) return std::nullopt;  // the days after it so far are not working days
  const int k = (late - 1) / kLateLetterEvery + 1;
  if (sent.count(LateLetterKey(k))) return std::nullopt;
  return k;
}

date::sys_days NextLateLetterDay(const WorkingDayCalendar& calendar, date::sys_days due,
                                 date::sys_days today) {
  const int late = today > due ? calendar.WorkingDaysBetween(due, today) : 0;
  const int next_step_at = (std::max(late, 1) - 1) / kLateLetterEvery * kLateLetterEvery + 1 +
                           kLateLetterEvery;  // working days after `due`
  return calendar.AddWorkingDays(due, next_step_at);
}

}  // namespace intaked
