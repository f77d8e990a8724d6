// SPDX-License-Identifier: GPL-3.0-or-later
// UK bank holidays, computed from the statutory rules for 2000-2100 plus the
// one-off days proclaimed by royal proclamation (jubilees, a royal wedding, the
// State Funeral, the Coronation, the moved VE-day holiday).
//
// Pure: no clock, no files. A GOV.UK bank-holidays.json can stand in for the
// rules over the years it lists; parsing it is here too. Past those years (a
// file not replaced in time) the rules count again, and CoverageWarning says so.
#pragma once

#include <date/date.h>

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "base/status.h"

namespace intaked {

enum class Region { kEnglandAndWales, kScotland, kNorthernIreland };

// "england-and-wales", "scotland", "northern-ireland" (the GOV.UK division names).
std::optional<Region> ParseRegion(std::string_view name);
std::string_view RegionName(Region region);

// The bank holidays of `region` in `year` (valid for 2000-2100).
std::set<date::sys_days> BankHolidaysIn(Region region, int year);

// Western (Gregorian) Easter Sunday.
date::sys_days EasterSunday(int year);

// The bank holidays a GOV.UK bank-holidays.json lists for one region, and the whole years it
// covers: from its first date's year to its last date's.
struct BankHolidayTable {
  Region region = Region::kEnglandAndWales;
  std::set<date::sys_days> days;
  int first_year = 0;
  int last_year = 0;
  std::string source;  // the file it was read from, for messages

  bool Covers(int year) const { return year >= first_year && year <= last_year; }
};

// `region`'s division of a GOV.UK bank-holidays.json document (at most 1 MB). Linear and
// bounded: a JSON parser that does not recurse, no regular expression.
Result<BankHolidayTable> ParseGovUkBankHolidays(std::string_view json, Region region);

// What to tell the admin when `table` does not list the 12 months from `today` - naming its
// file and its last year - or "" when it does.
std::string CoverageWarning(const BankHolidayTable& table, date::sys_days today);

}  // namespace intaked
