// SPDX-License-Identifier: GPL-3.0-or-later
#include "calendar/bank_holidays.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "calendar/local_zone.h"

namespace intaked {
namespace {

using date::days;
using date::sys_days;
using date::year_month_day;

sys_days Ymd(int y, unsigned m, unsigned d) {
  return sys_days(year_month_day(date::year(y), date::month(m), date::day(d)));
}

bool IsWeekend(sys_days d) {
  const date::weekday wd(d);
  return wd == date::Saturday || wd == date::Sunday;
}

// A fixed-date holiday falling at a weekend moves to the next free weekday.
void AddWithSubstitute(std::set<sys_days>& out, sys_days d) {
  while (IsWeekend(d) || out.count(d)) d += days(1);
  out.insert(d);
}

sys_days FirstMonday(int y, unsigned m) {
  return sys_days(date::year(y) / date::month(m) / date::Monday[1]);
}

sys_days LastMonday(int y, unsigned m) {
  return sys_days(date::year(y) / date::month(m) / date::Monday[date::last]);
}

// Christmas and Boxing Day; when either falls at a weekend the substitutes
// follow in order (Sat 25 -> Mon 27 + Tue 28; Sun 25 -> Mon 26 + Tue 27).
void AddChristmas(std::set<sys_days>& out, int y) {
  AddWithSubstitute(out, Ymd(y, 12, 25));
  AddWithSubstitute(out, Ymd(y, 12, 26));
}

void AddNewYear(std::set<sys_days>& out, int y, bool scotland) {
  AddWithSubstitute(out, Ymd(y, 1, 1));
  if (scotland) AddWithSubstitute(out, Ymd(y, 1, 2));
}

// Early May: first Monday, except 2020 when it moved to Friday 8 May (VE Day).
sys_days EarlyMay(int y) { return y == 2020 ? Ymd(2020, 5, 8) : FirstMonday(y, 5); }

// Spring: last Monday of May, moved for the 2002, 2012 and 2022 jubilees.
sys_days Spring(int y) {
  switch (y) {
    case 2002:
      return Ymd(2002, 6, 4);
    case 2012:
      return Ymd(2012, 6, 4);
    case 2022:
      return Ymd(2022, 6, 2);
    default:
      return LastMonday(y, 5);
  }
}

// One-off days proclaimed for the whole United Kingdom.
void AddOneOffs(std::set<sys_days>& out, int y) {
  for (sys_days d : {Ymd(2002, 6, 3), Ymd(2011, 4, 29), Ymd(2012, 6, 5), Ymd(2022, 6, 3),
                     Ymd(2022, 9, 19), Ymd(2023, 5, 8)}) {
    if (int(year_month_day(d).year()) == y) out.insert(d);
  }
}

}  // namespace

std::optional<Region> ParseRegion(std::string_view name) {
  if (name == "england-and-wales") return Region::kEnglandAndWales;
  if (name == "scotland") return Region::kScotland;
  if (name == "northern-ireland") return Region::kNorthernIreland;
  return std::nullopt;
}

std::string_view RegionName(Region region) {
  switch (region) {
    case Region::kScotland:
      return "scotland";
    case Region::kNorthernIreland:
      return "northern-ireland";
    default:
      return "england-and-wales";
  }
}

sys_days EasterSunday(int y) {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31, day = ((h + l - 7 * m + 114) % 31) + 1;
  return Ymd(y, unsigned(month), unsigned(day));
}

std::set<sys_days> BankHolidaysIn(Region region, int y) {
  std::set<sys_days> out;
  const bool scotland = region == Region::kScotland;
  const sys_days easter = EasterSunday(y);
  out.insert(easter - days(2));                 // Good Friday
  if (!scotland) out.insert(easter + days(1));  // Easter Monday
  out.insert(EarlyMay(y));
  out.insert(Spring(y));
  out.insert(scotland ? FirstMonday(y, 8) : LastMonday(y, 8));
  AddOneOffs(out, y);
  // Fixed days last, so their substitutes step over the days already placed.
  AddNewYear(out, y, scotland);
  if (region == Region::kNorthernIreland) {
    AddWithSubstitute(out, Ymd(y, 3, 17));  // St Patrick's Day
    AddWithSubstitute(out, Ymd(y, 7, 12));  // Battle of the Boyne
  }
  if (scotland && y >= 2007) AddWithSubstitute(out, Ymd(y, 11, 30));  // St Andrew's Day
  AddChristmas(out, y);
  return out;
}

Result<BankHolidayTable> ParseGovUkBankHolidays(std::string_view json, Region region) {
  // GOV.UK's file is about 20 KB; one far larger is not it.
  constexpr size_t kMaxBytes = 1 << 20;
  if (json.size() > kMaxBytes)
    return Status::InvalidInput("larger than 1 MB: not a GOV.UK bank-holidays.json");
  // {"england-and-wales": {"division": ..., "events": [{"date": "YYYY-MM-DD", ...}]}, ...}.
  // nlohmann's parser keeps its own stack: deep nesting cannot overflow ours.
  const nlohmann::json doc = nlohmann::json::parse(json.begin(), json.end(), nullptr, false);
  if (doc.is_discarded()) return Status::InvalidInput("not valid JSON");
  const std::string name(RegionName(region));
  const auto division = doc.is_object() ? doc.find(name) : doc.end();
  if (division == doc.end() || !division->is_object())
    return Status::InvalidInput("no \"" + name + "\" division");
  const auto events = division->find("events");
  if (events == division->end() || !events->is_array())
    return Status::InvalidInput("the \"" + name + "\" division has no \"events\" list");
  BankHolidayTable table;
  table.region = region;
  for (const nlohmann::json& event : *events) {
    const auto at = event.is_object() ? event.find("date") : event.end();
    if (at == event.end() || !at->is_string())
      return Status::InvalidInput("an event in \"" + name + "\" has no \"date\"");
    const std::string& text = at->get_ref<const std::string&>();
    const auto day = ParseIsoDate(text);
    if (!day) return Status::InvalidInput("invalid date \"" + text.substr(0, 40) + "\"");
    table.days.insert(*day);
  }
  if (table.days.empty()) return Status::InvalidInput("no dates in the \"" + name + "\" division");
  table.first_year = int(year_month_day(*table.days.begin()).year());
  table.last_year = int(year_month_day(*table.days.rbegin()).year());
  return table;
}

std::string CoverageWarning(const BankHolidayTable& table, date::sys_days today) {
  if (table.last_year >= int(year_month_day(today + days(364)).year())) return "";
  return fmt::format(
      "\"{}\" lists bank holidays to the end of {}; later days count the built-in rules for {} - "
      "replace it with a newer copy of https://www.gov.uk/bank-holidays.json",
      table.source, table.last_year, RegionName(table.region));
}

}  // namespace intaked
