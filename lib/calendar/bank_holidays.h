// UK bank holidays, computed from the statutory rules for 2000-2100 plus the
// one-off days proclaimed by royal proclamation (jubilees, a royal wedding, the
// State Funeral, the Coronation, the moved VE-day holiday).
//
// Pure: no clock, no files. A GOV.UK bank-holidays.json can replace the table;
// parsing it is here too, so that both sources yield the same value type.
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

// The dates of `region`'s division in a GOV.UK bank-holidays.json document.
Result<std::set<date::sys_days>> ParseGovUkBankHolidays(std::string_view json, Region region);

}  // namespace intaked
