// SPDX-License-Identifier: GPL-3.0-or-later
#include "mail/date_header.h"

#include <date/date.h>

#include <cctype>
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

namespace {

// A small cursor over the header value: every step consumes input, so the
// parse is one bounded pass (no regular expression meets untrusted text).
class DateCursor {
 public:
  explicit DateCursor(std::string_view s) : s_(s) {}
  void Blanks() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  bool Eat(char c) {
    if (i_ < s_.size() && s_[i_] == c) return ++i_, true;
    return false;
  }
  // [min, max] digits as a number, and how many there were.
  std::optional<int> Number(size_t min, size_t max, size_t* count = nullptr) {
    size_t n = 0;
    int v = 0;
    while (i_ + n < s_.size() && n < max && std::isdigit(static_cast<unsigned char>(s_[i_ + n])))
      v = v * 10 + (s_[i_ + n++] - '0');
    if (n < min || (i_ + n < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_ + n]))))
      return std::nullopt;
    i_ += n;
    if (count) *count = n;
    return v;
  }
  std::string Letters(size_t max) {
    size_t n = 0;
    while (i_ + n < s_.size() && std::isalpha(static_cast<unsigned char>(s_[i_ + n]))) ++n;
    if (n > max) return {};
    std::string out(s_.substr(i_, n));
    i_ += n;
    return out;
  }
  bool AtSpace() const {
    return i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]));
  }
  size_t pos() const { return i_; }
  void Reset(size_t p) { i_ = p; }
  std::string_view Rest() const { return s_.substr(i_); }

 private:
  std::string_view s_;
  size_t i_ = 0;
};

}  // namespace

// "[Day,] DD Mon YYYY HH:MM[:SS] [zone]" (RFC 5322 3.3 and the obsolete forms
// seen in the wild: two-digit years, "Sept.", named zones).
std::optional<std::chrono::sys_seconds> ParseDateHeader(std::string_view value) {
  DateCursor c(value.substr(0, 256));  // a date is short; the rest is not read
  c.Blanks();
  const size_t start = c.pos();
  if (c.Letters(3).size() == 3 && (c.Eat(','), true)) {
    c.Blanks();
  } else {
    c.Reset(start);
  }
  const auto day = c.Number(1, 2);
  if (!day || !c.AtSpace()) return std::nullopt;
  c.Blanks();
  const std::string month_name = c.Letters(9);
  if (month_name.size() < 3) return std::nullopt;
  c.Eat('.');
  if (!c.AtSpace()) return std::nullopt;
  c.Blanks();
  size_t year_digits = 0;
  auto year = c.Number(2, 4, &year_digits);
  if (!year || !c.AtSpace()) return std::nullopt;
  c.Blanks();
  const auto hour = c.Number(1, 2);
  if (!hour || !c.Eat(':')) return std::nullopt;
  const auto minute = c.Number(2, 2);
  if (!minute) return std::nullopt;
  std::optional<int> second = 0;
  if (c.Eat(':')) second = c.Number(2, 2);
  if (!second) return std::nullopt;
  c.Blanks();
  std::string zone;
  const size_t zone_at = c.pos();
  if (c.Eat('+') || c.Eat('-')) {
    size_t n = 0;
    if (c.Number(4, 4, &n)) zone = std::string(value.substr(zone_at, 5));
  } else {
    zone = c.Letters(5);
  }
  int y = *year;
  if (year_digits == 2)
    y += y < 50 ? 2000 : 1900;
  else if (year_digits == 3)
    y += 1900;
  const int month = MonthNumber(month_name);
  const auto offset = ZoneOffset(zone);
  if (month == 0 || !offset || *hour > 23 || *minute > 59 || *second > 60) return std::nullopt;
  const date::year_month_day ymd{date::year{y}, date::month{unsigned(month)},
                                 date::day{unsigned(*day)}};
  if (!ymd.ok()) return std::nullopt;
  const auto local = date::sys_days(ymd) + std::chrono::hours(*hour) +
                     std::chrono::minutes(*minute) + std::chrono::seconds(*second);
  return std::chrono::sys_seconds(local.time_since_epoch() - std::chrono::minutes(*offset));
}

}  // namespace intaked
