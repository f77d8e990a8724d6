#include "calendar/bank_holidays.h"

#include <regex>

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

Result<std::set<sys_days>> ParseGovUkBankHolidays(std::string_view json, Region region) {
  // The file is {"england-and-wales": {"division": ..., "events": [{"date": "YYYY-MM-DD", ...}]},
  // ...}. A division starts at its key followed by ':' and '{' (the "division" values are not
  // followed so).
  const std::string text(json);
  static const std::regex kDivision(
      R"re("(england-and-wales|scotland|northern-ireland)"\s*:\s*\{)re");
  size_t start = std::string::npos, end = text.size();
  for (std::sregex_iterator it(text.begin(), text.end(), kDivision), e; it != e; ++it) {
    const size_t at = size_t(it->position(0));
    if (start == std::string::npos && (*it)[1].str() == RegionName(region)) {
      start = at;
    } else if (start != std::string::npos && at > start) {
      end = at;
      break;
    }
  }
  if (start == std::string::npos) {
    return Status::InvalidInput("no \"" + std::string(RegionName(region)) + "\" division");
  }
  const std::string section = text.substr(start, end - start);
  static const std::regex kDate(R"re("date"\s*:\s*"(\d{4})-(\d{2})-(\d{2})")re");
  std::set<sys_days> out;
  for (std::sregex_iterator it(section.begin(), section.end(), kDate), e; it != e; ++it) {
    const year_month_day ymd(date::year(std::stoi((*it)[1])), date::month(std::stoul((*it)[2])),
                             date::day(std::stoul((*it)[3])));
    if (!ymd.ok()) return Status::InvalidInput("invalid date " + (*it)[0].str());
    out.insert(sys_days(ymd));
  }
  if (out.empty())
    return Status::InvalidInput("no dates in the \"" + std::string(RegionName(region)) +
                                "\" division");
  return out;
}

}  // namespace intaked
