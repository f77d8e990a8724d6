// SPDX-License-Identifier: GPL-3.0-or-later
#include "mail/shown_date.h"

#include <array>
#include <string>
#include <vector>

#include "base/text.h"

namespace intaked {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Words: split at blanks and commas; a trailing '.' or ')' and a leading '('
// dropped ("2." in German, "nov." in French, "(GMT)").
std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::string w;
  auto flush = [&] {
    while (!w.empty() && (w.back() == '.' || w.back() == ')')) w.pop_back();
    if (!w.empty() && w.front() == '(') w.erase(0, 1);
    if (!w.empty() && words.size() < 32) words.push_back(LowerAscii(w));
    w.clear();
  };
  for (char c : text.substr(0, kMaxShownDate)) {
    if (c == ' ' || c == '\t' || c == ',') {
      flush();
    } else {
      w += c;
    }
  }
  flush();
  return words;
}

// A run of 1..4 digits from s[at]; -1 if none. Advances `at`.
int Number(std::string_view s, size_t& at) {
  int n = 0, digits = 0;
  while (at < s.size() && IsDigit(s[at]) && digits < 5) {
    n = n * 10 + (s[at++] - '0');
    ++digits;
  }
  return digits == 0 || digits > 4 ? -1 : n;
}

// Month names and their short forms, lower case, in English, German,
// French, Spanish, Welsh, Italian and Dutch. Index / 1 is not the month:
// each row is one month.
constexpr std::array<std::array<std::string_view, 12>, 12> kMonths = {{
    {"january", "jan", "januar", "jän", "janvier", "janv", "enero", "ene", "ionawr", "ion",
     "gennaio", "januari"},
    {"february", "feb", "februar", "février", "févr", "fevrier", "febrero", "chwefror", "chwef",
     "febbraio", "februari", "fev"},
    {"march", "mar", "märz", "mär", "mars", "marzo", "mawrth", "maw", "maart", "mrt", "", ""},
    {"april", "apr", "avril", "avr", "abril", "abr", "ebrill", "ebr", "aprile", "", "", ""},
    {"may", "mai", "mayo", "maggio", "mei", "", "", "", "", "", "", ""},
    {"june", "jun", "juni", "juin", "junio", "mehefin", "meh", "giugno", "", "", "", ""},
    {"july", "jul", "juli", "juillet", "juil", "julio", "gorffennaf", "gorff", "luglio", "", "",
     ""},
    {"august", "aug", "août", "aout", "agosto", "ago", "awst", "augustus", "", "", "", ""},
    {"september", "sep", "sept", "septembre", "septiembre", "medi", "settembre", "set", "", "", "",
     ""},
    {"october", "oct", "oktober", "okt", "octobre", "octubre", "hydref", "hyd", "ottobre", "ott",
     "", ""},
    {"november", "nov", "novembre", "noviembre", "tachwedd", "tach", "", "", "", "", "", ""},
    {"december", "dec", "dezember", "dez", "décembre", "déc", "decembre", "diciembre", "dic",
     "rhagfyr", "rhag", "dicembre"},
}};

int MonthOf(std::string_view word) {
  for (size_t m = 0; m < kMonths.size(); ++m) {
    for (std::string_view name : kMonths[m]) {
      if (!name.empty() && word == name) return int(m) + 1;
    }
  }
  return 0;
}

// "+0100", "-0500", "gmt", "utc", "bst", "gmt+1", "utc+01:00".
std::optional<std::chrono::minutes> ZoneOf(std::string_view w) {
  if (w == "gmt" || w == "utc" || w == "ut" || w == "z" || w == "wet")
    return std::chrono::minutes(0);
  if (w == "bst" || w == "cet" || w == "ist" || w == "west") return std::chrono::minutes(60);
  if (w == "cest" || w == "eet") return std::chrono::minutes(120);
  if (StartsWithNoCase(w, "gmt") || StartsWithNoCase(w, "utc")) w.remove_prefix(3);
  if (w.size() < 2 || (w[0] != '+' && w[0] != '-')) return std::nullopt;
  const int sign = w[0] == '-' ? -1 : 1;
  std::string digits;
  for (char c : w.substr(1)) {
    if (IsDigit(c)) {
      digits += c;
    } else if (c != ':') {
      return std::nullopt;
    }
  }
  if (digits.empty() || digits.size() > 4) return std::nullopt;
  int hours = 0, minutes = 0;
  if (digits.size() <= 2) {
    hours = std::stoi(digits);
  } else {
    hours = std::stoi(digits.substr(0, digits.size() - 2));
    minutes = std::stoi(digits.substr(digits.size() - 2));
  }
  if (hours > 14 || minutes > 59) return std::nullopt;
  return std::chrono::minutes(sign * (hours * 60 + minutes));
}

struct Fields {
  int year = 0, month = 0, day = 0, hour = -1, minute = 0, second = 0;
  bool am = false, pm = false;
  std::optional<std::chrono::minutes> zone;
};

// "09:14", "9:14:03", "09:14am".
bool ReadTime(std::string_view w, Fields& f) {
  size_t at = 0;
  const int h = Number(w, at);
  if (h < 0 || h > 23 || at >= w.size() || w[at] != ':') return false;
  ++at;
  const int m = Number(w, at);
  if (m < 0 || m > 59) return false;
  int s = 0;
  if (at < w.size() && w[at] == ':') {
    ++at;
    s = Number(w, at);
    if (s < 0 || s > 60) return false;
  }
  const std::string_view rest = w.substr(at);
  if (rest == "am" || rest == "a.m") f.am = true;
  if (rest == "pm" || rest == "p.m") f.pm = true;
  f.hour = h, f.minute = m, f.second = s;
  return true;
}

// "02/11/2026", "2.11.2026", "2026-11-02", "02/11/26".
bool ReadNumericDate(std::string_view w, Fields& f) {
  size_t at = 0;
  const int a = Number(w, at);
  if (a < 0 || at >= w.size() || (w[at] != '/' && w[at] != '.' && w[at] != '-')) return false;
  const char sep = w[at++];
  const int b = Number(w, at);
  if (b < 0 || at >= w.size() || w[at] != sep) return false;
  ++at;
  const size_t c_start = at;
  const int c = Number(w, at);
  if (c < 0 || at != w.size()) return false;
  if (a >= 1000) {  // year first: ISO
    f.year = a, f.month = b, f.day = c;
  } else {
    f.year = at - c_start == 2 ? 2000 + c : c;
    // Day first, as the UK writes it, unless that cannot be.
    f.day = a, f.month = b;
    if (b > 12 && a <= 12) f.day = b, f.month = a;
  }
  return true;
}

void ReadWord(std::string_view w, Fields& f) {
  if (ReadTime(w, f) || ReadNumericDate(w, f)) return;
  if (w == "am" || w == "a.m") {
    f.am = true;
  } else if (w == "pm" || w == "p.m") {
    f.pm = true;
  } else if (auto zone = ZoneOf(w)) {
    if (!f.zone) f.zone = zone;
  } else if (int m = MonthOf(w)) {
    f.month = m;  // the last month name wins: Welsh "Mawrth" is also Tuesday
  } else if (!w.empty() && IsDigit(w[0])) {
    size_t at = 0;
    const int n = Number(w, at);
    const std::string_view suffix = w.substr(at);
    const bool ordinal = suffix.empty() || suffix == "st" || suffix == "nd" || suffix == "rd" ||
                         suffix == "th" || suffix == "er";
    if (at == 4 && suffix.empty() && n >= 1970 && n <= 2199) {
      f.year = n;
    } else if (at <= 2 && ordinal && n >= 1 && n <= 31 && f.day == 0) {
      f.day = n;
    }
  }
}

}  // namespace

std::optional<ShownDate> ParseShownDate(std::string_view text) {
  if (text.size() > kMaxShownDate) return std::nullopt;
  Fields f;
  for (const std::string& w : Words(text)) ReadWord(w, f);
  if (f.year == 0 || f.month < 1 || f.month > 12 || f.day < 1) return std::nullopt;
  const date::year_month_day ymd{date::year(f.year), date::month(unsigned(f.month)),
                                 date::day(unsigned(f.day))};
  if (!ymd.ok()) return std::nullopt;
  int hour = f.hour < 0 ? 0 : f.hour;
  if (f.pm && hour < 12) hour += 12;
  if (f.am && hour == 12) hour = 0;
  ShownDate shown;
  shown.local = date::local_days(ymd) + std::chrono::hours(hour) + std::chrono::minutes(f.minute) +
                std::chrono::seconds(f.second);
  shown.utc_offset = f.zone;
  return shown;
}

bool MentionsDateOrTime(std::string_view text) {
  // A time "h:mm", or a four-digit year: one pass over the bytes.
  for (size_t i = 0; i < text.size(); ++i) {
    if (!IsDigit(text[i]) || (i > 0 && IsDigit(text[i - 1]))) continue;
    size_t at = i;
    const int n = Number(text, at);
    if (n < 0) continue;
    if (at - i <= 2 && at + 2 < text.size() && text[at] == ':' && IsDigit(text[at + 1]) &&
        IsDigit(text[at + 2]))
      return true;
    if (at - i == 4 && n >= 1970 && n <= 2199 && (at == text.size() || !IsDigit(text[at])))
      return true;
  }
  return false;
}

}  // namespace intaked
