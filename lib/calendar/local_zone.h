// SPDX-License-Identifier: GPL-3.0-or-later
// LocalZone: the organisation's time zone, for turning instants into local
// dates and hours and back (daylight saving included).
//
// Construction looks the zone up in the system tz database (tzdata), which is
// I/O; do it once at configuration time. After that every method is pure.
#pragma once

#include <date/tz.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"

namespace intaked {

class LocalZone {
 public:
  static Result<LocalZone> Find(const std::string& name);

  const std::string& name() const { return name_; }
  // The local calendar date of `t`.
  date::sys_days LocalDate(Instant t) const;
  // The local hour (0-23) of `t`.
  int LocalHour(Instant t) const;
  // The first instant of the local date `d` at `hour`:00 (skipping a DST gap).
  Instant At(date::sys_days d, int hour) const;
  // The last second of the local date `d`.
  Instant EndOfDay(date::sys_days d) const;
  // The instant a local wall-clock time names (the earlier one when the clocks go back,
  // the moment they resume when it falls in a gap).
  Instant FromLocal(date::local_seconds local) const;

 private:
  LocalZone(const date::time_zone* zone, std::string name) : zone_(zone), name_(std::move(name)) {}
  const date::time_zone* zone_;
  std::string name_;
};

// "Friday 8 January 2027", as letters write dates.
std::string FormatDateForPeople(date::sys_days d);
// "2027-01-08".
std::string FormatIsoDate(date::sys_days d);
// "2027-01-08" -> that date; nothing unless exactly YYYY-MM-DD and a real date.
std::optional<date::sys_days> ParseIsoDate(std::string_view text);
// "2026-12-01T09:30:00+00:00" (or Z) -> that instant; nothing when malformed.
std::optional<Instant> ParseIsoInstant(std::string_view text);

}  // namespace intaked
