#include "mail/date_header.h"

#include <date/date.h>

#include <regex>
#include <string>

#include "mail/address.h"

namespace intaked {
namespace {

int MonthNumber(const std::string& m) {
  static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec"};
  const std::string lower = LowerAscii(m.substr(0, 3));
  for (int i = 0; i < 12; ++i) {
    if (lower == kMonths[i]) return i + 1;
  }
  return 0;
}

// Offset east of UTC in minutes, or nullopt when unreadable.
std::optional<int> ZoneOffset(const std::string& zone) {
  if (zone.empty()) return 0;
  if (zone[0] == '+' || zone[0] == '-') {
    if (zone.size() != 5) return std::nullopt;
    const int hh = std::stoi(zone.substr(1, 2)), mm = std::stoi(zone.substr(3, 2));
    return (zone[0] == '-' ? -1 : 1) * (hh * 60 + mm);
  }
  static const std::pair<const char*, int> kNamed[] = {
      {"ut", 0},     {"utc", 0},    {"gmt", 0},    {"z", 0},      {"bst", 60},
      {"est", -300}, {"edt", -240}, {"cst", -360}, {"cdt", -300}, {"mst", -420},
      {"mdt", -360}, {"pst", -480}, {"pdt", -420}, {"cet", 60},   {"cest", 120}};
  const std::string lower = LowerAscii(zone);
  for (const auto& [name, off] : kNamed) {
    if (lower == name) return off;
  }
  return 0;  // RFC 5322: unknown zones are treated as UTC
}

}  // namespace

std::optional<std::chrono::sys_seconds> ParseDateHeader(std::string_view value) {
  static const std::regex kDate(
      R"re(^\s*(?:[A-Za-z]{3},?\s*)?(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[A-Za-z]{1,5})?)re");
  std::cmatch m;
  const std::string v(value);
  if (!std::regex_search(v.c_str(), m, kDate)) return std::nullopt;
  const int day = std::stoi(m[1]);
  const int month = MonthNumber(m[2]);
  int year = std::stoi(m[3]);
  if (m[3].length() == 2)
    year += year < 50 ? 2000 : 1900;
  else if (m[3].length() == 3)
    year += 1900;
  const int hour = std::stoi(m[4]), minute = std::stoi(m[5]);
  const int second = m[6].matched ? std::stoi(m[6]) : 0;
  const auto offset = ZoneOffset(m[7].matched ? m[7].str() : "");
  if (month == 0 || !offset || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  const date::year_month_day ymd{date::year{year}, date::month{unsigned(month)},
                                 date::day{unsigned(day)}};
  if (!ymd.ok()) return std::nullopt;
  const auto local = date::sys_days(ymd) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
                     std::chrono::seconds(second);
  return std::chrono::sys_seconds(local.time_since_epoch() - std::chrono::minutes(*offset));
}

}  // namespace intaked
