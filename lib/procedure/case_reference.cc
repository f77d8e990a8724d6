// SPDX-License-Identifier: GPL-3.0-or-later
#include "procedure/case_reference.h"

#include <fmt/format.h>

#include <cctype>

#include "base/text.h"

namespace intaked {
namespace {

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Digits at s[i...], at most `max` of them; returns how many.
size_t Digits(std::string_view s, size_t i, size_t max) {
  size_t n = 0;
  while (i + n < s.size() && n < max && IsDigit(s[i + n])) ++n;
  return n;
}

}  // namespace

std::string FormatCaseReference(std::string_view prefix, int year, int sequence) {
  return fmt::format("{}-{:04}-{:04}", prefix, year, sequence);
}

// "<PREFIX>-<4 digits>-<4 or more digits>", not inside a longer word or number.
// One pass over the subject (which can be megabytes of hostile text): each
// candidate is checked in time bounded by the prefix and the digits it holds.
std::optional<std::string> FindCaseReference(std::string_view subject, std::string_view prefix) {
  const std::string lower = LowerAscii(prefix);
  if (lower.empty()) return std::nullopt;
  for (size_t at = FindNoCase(subject, lower); at != std::string_view::npos;
       at = FindNoCase(subject, lower, at + 1)) {
    if (at > 0 && IsAlnum(subject[at - 1])) continue;
    size_t i = at + lower.size();
    if (i >= subject.size() || subject[i] != '-' || Digits(subject, i + 1, 4) != 4) continue;
    i += 5;
    if (i >= subject.size() || subject[i] != '-') continue;
    // A sequence of more than 9 digits is nobody's case: stop counting there.
    const size_t seq = Digits(subject, i + 1, 10);
    if (seq < 4 || seq > 9) continue;
    i += 1 + seq;
    std::string ref(prefix);
    ref += subject.substr(at + lower.size(), i - at - lower.size());
    return ref;
  }
  return std::nullopt;
}

}  // namespace intaked
