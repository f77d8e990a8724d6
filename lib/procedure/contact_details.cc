// SPDX-License-Identifier: GPL-3.0-or-later
#include "procedure/contact_details.h"

#include <cctype>
#include <string>

#include "base/text.h"

namespace intaked {
namespace {

bool IsAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool IsLocalChar(char c) {
  return IsAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '\'';
}
bool IsDomainChar(char c) { return IsAlnum(c) || c == '.' || c == '-'; }

// Each '@' with a local part before it and a dotted domain after it. The left
// scan stops at the previous address or '@', so every byte is read a bounded
// number of times.
void FindEmails(std::string_view t, std::vector<WithheldSpan>& out) {
  size_t floor = 0;
  for (size_t at = 0; at < t.size(); ++at) {
    if (t[at] != '@') continue;
    size_t b = at;
    while (b > floor && IsLocalChar(t[b - 1])) --b;
    size_t e = at + 1;
    bool dot = false;
    while (e < t.size() && IsDomainChar(t[e])) dot |= t[e++] == '.';
    while (e > at + 1 && (t[e - 1] == '.' || t[e - 1] == '-')) --e;
    if (b < at && dot && t[e - 1] != '@') out.push_back({b, e, Withheld::kEmail});
    floor = at + 1;
  }
}

// A run of digits with single separators (space, '-', '.', brackets, a leading
// '+') that a UK number is written with: 10-11 digits from 0, or 44 and 10-11
// more (a "(0)" may sit after the 44).
void FindPhones(std::string_view t, std::vector<WithheldSpan>& out) {
  size_t i = 0;
  while (i < t.size()) {
    const bool starts =
        (IsDigit(t[i]) || t[i] == '+' || t[i] == '(') && (i == 0 || !IsAlnum(t[i - 1]));
    if (!starts) {
      ++i;
      continue;
    }
    std::string digits;
    size_t e = i, last_digit_end = i;
    bool plus = t[i] == '+';
    if (plus) ++e;
    while (e < t.size() && digits.size() < 16) {
      if (IsDigit(t[e])) {
        digits += t[e++];
        last_digit_end = e;
        continue;
      }
      const char c = t[e];
      const bool sep = c == ' ' || c == '-' || c == '.' || c == '(' || c == ')';
      if (!sep || e + 1 >= t.size()) break;
      // One separator, or ") " / " (" pairs, between digit groups.
      const size_t next =
          (e + 2 < t.size() && (t[e + 1] == ' ' || t[e + 1] == '(')) ? e + 2 : e + 1;
      if (!IsDigit(t[next]) && t[next] != '(') break;
      e = next;
    }
    const bool uk_national =
        !plus && digits.size() >= 10 && digits.size() <= 11 && digits[0] == '0';
    const bool intl = digits.size() >= 12 && digits.size() <= 13 && digits.rfind("44", 0) == 0;
    const bool ends_clean = last_digit_end >= t.size() || !IsAlnum(t[last_digit_end]);
    if ((uk_national || intl) && ends_clean) out.push_back({i, last_digit_end, Withheld::kPhone});
    i = std::max(e, i + 1);
  }
}

// "SK4" "1AA" or "SK41AA": outward code A9, A99, AA9, AA99, A9A, AA9A; inward 9AA.
bool IsOutward(std::string_view s) {
  if (s.size() < 2 || s.size() > 4 || !IsAlpha(s[0])) return false;
  size_t k = 1;
  if (IsAlpha(s[k])) ++k;
  if (k >= s.size() || !IsDigit(s[k])) return false;
  ++k;
  if (k < s.size() && IsAlnum(s[k])) ++k;
  return k == s.size();
}
bool IsInward(std::string_view s) {
  return s.size() == 3 && IsDigit(s[0]) && IsAlpha(s[1]) && IsAlpha(s[2]);
}
bool SameCase(std::string_view s) {
  bool up = false, low = false;
  for (char c : s) {
    up |= std::isupper(static_cast<unsigned char>(c)) != 0;
    low |= std::islower(static_cast<unsigned char>(c)) != 0;
  }
  return !(up && low);
}

bool IsStreetWord(std::string_view lower) {
  static constexpr std::string_view kStreets[] = {
      "road",   "rd",    "street",   "st",    "avenue", "ave",     "lane",    "close",  "drive",
      "way",    "court", "crescent", "place", "grove",  "terrace", "gardens", "walk",   "mews",
      "square", "row",   "view",     "brow",  "rise",   "fold",    "green",   "parade", "hill"};
  for (std::string_view s : kStreets) {
    if (lower == s) return true;
  }
  return false;
}

// Whether a line reads like part of a postal address: starts with a house
// number or names a street, and is short.
bool LooksLikeStreetLine(std::string_view line) {
  const std::string l = LowerAscii(Trim(line));
  if (l.empty() || l.size() > 80) return false;
  if (IsDigit(l[0])) return true;
  size_t b = 0;
  for (size_t i = 0; i <= l.size(); ++i) {
    if (i == l.size() || !IsAlpha(l[i])) {
      if (i > b && IsStreetWord(std::string_view(l).substr(b, i - b))) return true;
      b = i + 1;
    }
  }
  return false;
}

// A line holding a postcode is withheld whole, with up to three street or
// town lines just above it.
void FindPostalAddresses(std::string_view t, std::vector<WithheldSpan>& out) {
  const std::vector<TextLine> lines = SplitLines(t);
  for (size_t n = 0; n < lines.size(); ++n) {
    const std::string_view line = t.substr(lines[n].begin, lines[n].end - lines[n].begin);
    std::vector<std::string_view> tokens;
    size_t b = 0;
    bool postcode = false;
    for (size_t i = 0; i <= line.size() && !postcode; ++i) {
      if (i < line.size() && IsAlnum(line[i])) continue;
      if (i > b) tokens.push_back(line.substr(b, i - b));
      b = i + 1;
      const size_t k = tokens.size();
      if (k == 0) continue;
      const std::string_view last = tokens[k - 1];
      const bool joined = last.size() >= 5 && IsOutward(last.substr(0, last.size() - 3)) &&
                          IsInward(last.substr(last.size() - 3));
      const bool split = k >= 2 && IsOutward(tokens[k - 2]) && IsInward(last) &&
                         SameCase(std::string(tokens[k - 2]) + std::string(last));
      postcode = (joined && SameCase(last)) || split;
    }
    if (!postcode) continue;
    size_t first = n;
    while (first > 0 && n - first < 3 &&
           LooksLikeStreetLine(
               t.substr(lines[first - 1].begin, lines[first - 1].end - lines[first - 1].begin))) {
      --first;
    }
    out.push_back({lines[first].begin, lines[n].end, Withheld::kAddress});
  }
}

// "12 Acacia Avenue", "3a Mill Lane": a number, one to three capitalised
// words, a street word.
void FindStreetAddresses(std::string_view t, std::vector<WithheldSpan>& out) {
  for (size_t i = 0; i < t.size(); ++i) {
    if (!IsDigit(t[i]) || (i > 0 && IsAlnum(t[i - 1]))) continue;
    size_t e = i;
    while (e < t.size() && e - i < 4 && IsAlnum(t[e])) ++e;
    if (e - i >= 4) continue;
    for (int words = 0; words < 4 && e < t.size() && t[e] == ' '; ++words) {
      size_t b = e + 1, w = b;
      while (w < t.size() && IsAlpha(t[w])) ++w;
      if (w == b || !std::isupper(static_cast<unsigned char>(t[b]))) break;
      if (words > 0 && IsStreetWord(LowerAscii(t.substr(b, w - b)))) {
        out.push_back({i, w, Withheld::kAddress});
        break;
      }
      e = w;
    }
  }
}

}  // namespace

std::vector<WithheldSpan> FindContactDetails(std::string_view text) {
  std::vector<WithheldSpan> out;
  FindEmails(text, out);
  FindPhones(text, out);
  FindPostalAddresses(text, out);
  FindStreetAddresses(text, out);
  return out;
}

std::vector<TextLine> SplitLines(std::string_view t) {
  std::vector<TextLine> lines;
  size_t b = 0;
  for (size_t i = 0; i <= t.size(); ++i) {
    if (i == t.size() || t[i] == '\n') {
      lines.push_back({b, i});
      b = i + 1;
    }
  }
  return lines;
}

}  // namespace intaked
