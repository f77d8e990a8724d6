// SPDX-License-Identifier: GPL-3.0-or-later
#include "calendar/working_day_calendar.h"

namespace intaked {

WorkingDayCalendar::WorkingDayCalendar(Region region, std::set<date::sys_days> closures)
    : closures_(std::move(closures)) {
  // The rules' results up front, so that const lookups never change a shared object.
  for (int y = 2000; y <= 2100; ++y) by_year_[y] = BankHolidaysIn(region, y);
}

WorkingDayCalendar::WorkingDayCalendar(BankHolidayTable table, std::set<date::sys_days> closures)
    : WorkingDayCalendar(table.region, std::move(closures)) {
  table_ = std::move(table);
}

bool WorkingDayCalendar::IsBankHoliday(date::sys_days day) const {
  const int y = int(date::year_month_day(day).year());
  if (table_ && table_->Covers(y)) return table_->days.count(day) > 0;
  auto it = by_year_.find(y);
  if (it == by_year_.end()) return false;  // outside 2000-2100: weekends only
  return it->second.count(day) > 0;
}

bool WorkingDayCalendar::IsWorkingDay(date::sys_days day) const {
  const date::weekday wd(day);
  if (wd == date::Saturday || wd == date::Sunday) return false;
  return !IsBankHoliday(day) && closures_.count(day) == 0;
}

date::sys_days WorkingDayCalendar::AddWorkingDays(date::sys_days day0, int n) const {
  date::sys_days d = day0;
  while (n > 0) {
    d += date::days(1);
    if (IsWorkingDay(d)) --n;
  }
  return d;
}

int WorkingDayCalendar::WorkingDaysBetween(date::sys_days from, date::sys_days to) const {
  int n = 0;
  for (date::sys_days d = from + date::days(1); d <= to; d += date::days(1)) {
    if (IsWorkingDay(d)) ++n;
  }
  return n;
}

}  // namespace intaked
