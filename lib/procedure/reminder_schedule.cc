#include "procedure/reminder_schedule.h"

#include <algorithm>

namespace intaked {

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
                                             const std::set<std::string>& sent) {
  std::optional<ReminderStep> latest;
  if (today > due) {
    const int late = calendar.WorkingDaysBetween(due, today);
    if (late >= 1) {
      const int k = (late - 1) / 5 + 1;
      latest = ReminderStep{"overdue-" + std::to_string(k), -late, true};
    }
  } else if (today == due) {
    latest = ReminderStep{"due", 0, false};
  } else {
    std::vector<int> before = remind_before;
    std::sort(before.begin(), before.end());  // nearest first: 1, 5
    for (int b : before) {
      if (WorkingDaysBefore(calendar, due, b) <= today) {
        latest = ReminderStep{"before-" + std::to_string(b),
                              calendar.WorkingDaysBetween(today, due), false};
        break;
      }
    }
  }
  if (!latest || sent.count(latest->step)) return std::nullopt;
  return latest;
}

}  // namespace intaked
