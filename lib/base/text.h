// SPDX-License-Identifier: GPL-3.0-or-later
// Small text helpers shared by every layer: trimming ASCII whitespace and
// ASCII case-insensitive matching. All linear in their input: they are what
// the parsers of untrusted mail use instead of regular expressions.
#pragma once

#include <string>
#include <string_view>

namespace intaked {

std::string Trim(std::string_view s);
std::string TrimLeft(std::string_view s);
std::string TrimRight(std::string_view s);

std::string LowerAscii(std::string_view s);

// `s` with every control character (C0 including CR and LF, DEL, and the C1
// range U+0080-U+009F) replaced by a space; with `keep_lines`, "\n" and "\t"
// stay. For text from mail that goes into a header, a log line or a terminal,
// where a control character could start a new header or an escape sequence.
std::string WithoutControls(std::string_view s, bool keep_lines = false);

// ASCII case-insensitive tests; `lower` must already be lower case.
bool StartsWithNoCase(std::string_view s, std::string_view lower);
bool EndsWithNoCase(std::string_view s, std::string_view lower);
// Position of `lower` in `s` at or after `from`, ignoring ASCII case; npos if none.
size_t FindNoCase(std::string_view s, std::string_view lower, size_t from = 0);

}  // namespace intaked
