// SPDX-License-Identifier: GPL-3.0-or-later
// Charset conversion to UTF-8 (iconv underneath).
//
// Mail declares charsets wrongly, misspells them, or declares none. These
// functions never fail: bytes that cannot be converted become U+FFFD, an
// unknown charset is read as UTF-8 when the bytes are valid UTF-8 and as
// Windows-1252 otherwise. Thread-safe (each call opens its own converter).
#pragma once

#include <string>
#include <string_view>

namespace intaked {

// Converts `bytes` declared as `charset` (any case; empty means unknown) to UTF-8.
std::string ToUtf8(std::string_view bytes, std::string_view charset);

bool IsValidUtf8(std::string_view s);
// Replaces each invalid UTF-8 sequence with U+FFFD.
std::string SanitizeUtf8(std::string_view s);

}  // namespace intaked
