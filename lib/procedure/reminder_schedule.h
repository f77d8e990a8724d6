// ReminderSchedule: which reminder or overdue notice a deadline calls for
// today (SPEC §2.4).
//
// Steps, in order: "before-N" for each N in remind_before (N working days
// before the deadline), "due" (on the day), then "overdue-K" on the 1st, 6th,
// 11th... working day after it (every 5 working days). Each step is sent
// once. After downtime only the latest step that has fallen due is sent -
// the earlier ones are superseded, since their words ("5 working days left")
// would no longer be true. Pure.
#pragma once

#include <date/date.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "calendar/working_day_calendar.h"

namespace intaked {

struct ReminderStep {
  std::string step;       // "before-5", "due", "overdue-2"
  int working_days_left;  // negative once overdue: working days late
  bool overdue;
};

// The step to send today for a deadline on `due`, unless already sent.
std::optional<ReminderStep> ReminderDueToday(const WorkingDayCalendar& calendar, date::sys_days due,
                                             date::sys_days today,
                                             const std::vector<int>& remind_before,
                                             const std::set<std::string>& sent);

// The working day `n` working days before `day`.
date::sys_days WorkingDaysBefore(const WorkingDayCalendar& calendar, date::sys_days day, int n);

}  // namespace intaked
