// SPDX-License-Identifier: GPL-3.0-or-later
#include "procedure/deadlines.h"

namespace intaked {

Deadline WorkingDaysAfter(const WorkingDayCalendar& calendar, const LocalZone& zone,
                          Instant received, int working_days) {
  const date::sys_days day = calendar.AddWorkingDays(zone.LocalDate(received), working_days);
  return {day, zone.EndOfDay(day)};
}

}  // namespace intaked
