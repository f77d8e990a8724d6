// SPDX-License-Identifier: GPL-3.0-or-later
#include "calendar/local_zone.h"

#include <fmt/format.h>

#include <cstdio>

namespace intaked {

Result<LocalZone> LocalZone::Find(const std::string& name) {
  try {
    return LocalZone(date::locate_zone(name), name);
  } catch (const std::exception& e) {
    return Status::InvalidInput("unknown time zone \"" + name + "\" (" + e.what() + ")");
  }
}

date::sys_days LocalZone::LocalDate(Instant t) const {
  const auto local = zone_->to_local(t);
  return date::sys_days(date::floor<date::days>(local).time_since_epoch());
}

int LocalZone::LocalHour(Instant t) const {
  const auto local = zone_->to_local(t);
  const auto since_midnight = local - date::floor<date::days>(local);
  return int(std::chrono::duration_cast<std::chrono::hours>(since_midnight).count());
}

Instant LocalZone::At(date::sys_days d, int hour) const {
  return FromLocal(date::local_seconds{d.time_since_epoch() + std::chrono::hours(hour)});
}


Instant LocalZone::FromLocal(date::local_seconds local) const {
  const auto info = zone_->get_info(local);
  if (info.result == date::local_info::nonexistent) {
    return info.second.begin;  // the clocks jumped over this hour: take when it resumes
  }
  return std::chrono::time_point_cast<std::chrono::seconds>(
      zone_->to_sys(local, date::choose::earliest));
}

Instant LocalZone::EndOfDay(date::sys_days d) const {
  return At(d + date::days(1), 0) - std::chrono::seconds(1);
}

std::string FormatDateForPeople(date::sys_days d) {
  static const char* kDays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                "Thursday", "Friday", "Saturday"};
  static const char* kMonths[] = {"January",   "February", "March",    "April",
                                  "May",       "June",     "July",     "August",
                                  "September", "October",  "November", "December"};
  const date::year_month_day ymd(d);
  return fmt::format("{} {} {} {}", kDays[date::weekday(d).c_encoding()], unsigned(ymd.day()),
                     kMonths[unsigned(ymd.month()) - 1], int(ymd.year()));
}

std::optional<date::sys_days> ParseIsoDate(std::string_view text) {
  // date::parse is avoided: under -O2 g++ 12 warns inside its header.
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  auto num = [&](size_t at, size_t len) {
    int v = 0;
    for (size_t i = at; i < at + len; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  const date::year_month_day ymd{date::year{num(0, 4)}, date::month{unsigned(num(5, 2))},
                                 date::day{unsigned(num(8, 2))}};
  if (!ymd.ok()) return std::nullopt;
  return date::sys_days(ymd);
}

std::optional<Instant> ParseIsoInstant(std::string_view text) {
  if (text.size() < 19 || (text[10] != 'T' && text[10] != ' ')) return std::nullopt;
  const auto day = ParseIsoDate(text.substr(0, 10));
  int hh = 0, mm = 0, ss = 0;
  if (!day ||
      std::sscanf(std::string(text.substr(11, 8)).c_str(), "%2d:%2d:%2d", &hh, &mm, &ss) != 3 ||
      text[13] != ':' || text[16] != ':' || hh > 23 || mm > 59 || ss > 60) {
    return std::nullopt;
  }
  const std::string_view zone = text.substr(19);
  int offset_minutes = 0;
  if (zone == "Z" || zone == "z") {
    offset_minutes = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    int zh = 0, zm = 0;
    if (std::sscanf(std::string(zone.substr(1)).c_str(), "%2d:%2d", &zh, &zm) != 2)
      return std::nullopt;
    offset_minutes = (zone[0] == '-' ? -1 : 1) * (zh * 60 + zm);
  } else {
    return std::nullopt;
  }
  return Instant(date::sys_days(*day).time_since_epoch()) + std::chrono::hours(hh) +
         std::chrono::minutes(mm) + std::chrono::seconds(ss) - std::chrono::minutes(offset_minutes);
}

std::string FormatIsoDate(date::sys_days d) {
  const date::year_month_day ymd(d);
  return fmt::format("{:04}-{:02}-{:02}", int(ymd.year()), unsigned(ymd.month()),
                     unsigned(ymd.day()));
}

}  // namespace intaked
