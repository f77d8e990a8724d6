// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/text.h"

#include <cctype>

namespace intaked {
namespace {

bool Blank(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool EqualNoCase(std::string_view s, std::string_view lower) {
  for (size_t i = 0; i < lower.size(); ++i) {
    if (Lower(s[i]) != lower[i]) return false;
  }
  return true;
}

}  // namespace

std::string TrimLeft(std::string_view s) {
  size_t b = 0;
  while (b < s.size() && Blank(s[b])) ++b;
  return std::string(s.substr(b));
}

std::string TrimRight(std::string_view s) {
  size_t e = s.size();
  while (e > 0 && Blank(s[e - 1])) --e;
  return std::string(s.substr(0, e));
}

std::string Trim(std::string_view s) { return TrimLeft(TrimRight(s)); }

std::string WithoutControls(std::string_view s, bool keep_lines) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (keep_lines && (c == '\n' || c == '\t')) {
      out += char(c);
    } else if (c < 0x20 || c == 0x7F) {
      out += ' ';
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      out += ' ';  // a C1 control in UTF-8: U+009B is a terminal's CSI
      ++i;
    } else {
      out += char(c);
    }
  }
  return out;
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

bool StartsWithNoCase(std::string_view s, std::string_view lower) {
  return s.size() >= lower.size() && EqualNoCase(s, lower);
}

bool EndsWithNoCase(std::string_view s, std::string_view lower) {
  return s.size() >= lower.size() && EqualNoCase(s.substr(s.size() - lower.size()), lower);
}

size_t FindNoCase(std::string_view s, std::string_view lower, size_t from) {
  // At most |s| * |lower| steps, and every caller's `lower` is a short word.
  for (size_t i = from; i + lower.size() <= s.size(); ++i) {
    if (EqualNoCase(s.substr(i), lower)) return i;
  }
  return std::string_view::npos;
}

}  // namespace intaked
