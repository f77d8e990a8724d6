// SPDX-License-Identifier: GPL-3.0-or-later
// WorkingDayCalendar: which local dates are working days, and counting them.
//
// A working day is Monday-Friday that is neither a bank holiday of the
// configured region nor one of the organisation's closure days. Dates here are
// local calendar dates (date::sys_days used as a plain date); turning an
// instant into a local date is LocalZone's job. Pure and immutable after
// construction; safe to share between threads.
#pragma once

#include <date/date.h>

#include <map>
#include <optional>
#include <set>

#include "calendar/bank_holidays.h"

namespace intaked {

class WorkingDayCalendar {
 public:
  // Holidays from the built-in rules for `region`.
  WorkingDayCalendar(Region region, std::set<date::sys_days> closures);
  // Holidays from a GOV.UK file over the years it covers, the region's rules outside them.
  WorkingDayCalendar(BankHolidayTable table, std::set<date::sys_days> closures);

  bool IsWorkingDay(date::sys_days day) const;
  bool IsBankHoliday(date::sys_days day) const;
  // The n-th working day after `day0` (day0 itself is day 0, whatever it is).
  date::sys_days AddWorkingDays(date::sys_days day0, int n) const;
  // Working days after `from` up to and including `to` (0 when to <= from).
  int WorkingDaysBetween(date::sys_days from, date::sys_days to) const;

 private:
  std::optional<BankHolidayTable> table_;  // counts over the years it covers
  std::set<date::sys_days> closures_;
  std::map<int, std::set<date::sys_days>> by_year_;  // the rules' holidays, per year
};

}  // namespace intaked
