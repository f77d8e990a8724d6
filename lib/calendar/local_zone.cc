#include "calendar/local_zone.h"

#include <fmt/format.h>

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
  const date::local_seconds local{d.time_since_epoch() + std::chrono::hours(hour)};
  const auto info = zone_->get_info(local);
  if (info.result == date::local_info::nonexistent) {
    return info.second.begin;  // the clocks jumped over this hour: take when it resumes
  }
  return std::chrono::time_point_cast<std::chrono::seconds>(
      zone_->to_sys(local, date::choose::earliest));
}

Instant LocalZone::EndOfDay(date::sys_days d) const { return At(d + date::days(1), 0) - std::chrono::seconds(1); }

std::string FormatDateForPeople(date::sys_days d) {
  static const char* kDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday",
                                "Thursday", "Friday", "Saturday"};
  static const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                  "July",    "August",   "September", "October", "November", "December"};
  const date::year_month_day ymd(d);
  return fmt::format("{} {} {} {}", kDays[date::weekday(d).c_encoding()], unsigned(ymd.day()),
                     kMonths[unsigned(ymd.month()) - 1], int(ymd.year()));
}

std::string FormatIsoDate(date::sys_days d) {
  const date::year_month_day ymd(d);
  return fmt::format("{:04}-{:02}-{:02}", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
}

}  // namespace intaked
