// SPDX-License-Identifier: GPL-3.0-or-later
// Header text decoding: RFC 2047 encoded words, RFC 2231 parameters, and raw
// 8-bit headers, all to UTF-8. Also the transfer decodings shared with bodies.
//
// Pure functions over bytes; malformed input decodes to the best readable text
// and never fails.
#pragma once

#include <string>
#include <string_view>

namespace intaked {

// "=?ISO-8859-1?Q?Caf=E9?= au lait" -> "Café au lait". Unfolds line breaks.
// The result holds no control characters (an encoded CR/LF, ESC or NUL
// becomes a space), so it is safe to put back into a header or on a terminal.
std::string DecodeHeaderValue(std::string_view raw);

// An RFC 2231 extended value ("UTF-8''na%C3%AFve.pdf") to UTF-8, without
// control characters.
std::string DecodeRfc2231Value(std::string_view value);

std::string DecodeBase64(std::string_view in);
// Quoted-printable; `header_q` selects RFC 2047 "Q" (underscore is a space).
std::string DecodeQuotedPrintable(std::string_view in, bool header_q = false);

}  // namespace intaked
