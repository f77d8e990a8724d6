// SPDX-License-Identifier: GPL-3.0-or-later
// Deadlines: "within N working days of receipt" as an instant (docs/PROCEDURE.md, "Working
// days").
//
// The day of receipt (a local date in the organisation's zone) is day 0; the
// deadline is the end of the N-th working day after it. Pure.
#pragma once

#include "calendar/local_zone.h"
#include "calendar/working_day_calendar.h"

namespace intaked {

struct Deadline {
  date::sys_days day;  // local date of the last working day
  Instant at;          // the last second of that day
};

Deadline WorkingDaysAfter(const WorkingDayCalendar& calendar, const LocalZone& zone,
                          Instant received, int working_days);

}  // namespace intaked
