// SPDX-License-Identifier: GPL-3.0-or-later
// ParseMessage: raw RFC 5322 bytes to a Message value.
//
// The only place that knows mimetic. Never throws and never rejects: whatever
// the input, the result holds what could be recovered and `defects` says what
// could not. Sizes and nesting are guarded before mimetic sees the bytes,
// because its header parser is quadratic and its multipart parser recursive.
#pragma once

#include <string_view>

#include "mail/message.h"

namespace intaked {

struct ParseLimits {
  size_t max_header_line = 16 * 1024;    // longer header lines are cut
  size_t max_header_bytes = 256 * 1024;  // a larger header block is cut
  int max_multipart_depth = 32;          // deeper structure is not walked
};

Message ParseMessage(std::string_view raw, const ParseLimits& limits = {});

// Message-IDs in a header value ("<a@b> <c@d>"), without angle brackets. Ids
// holding anything but printable ASCII (or over 250 bytes) are dropped: they
// are written back into the headers of our replies.
std::vector<std::string> ParseMessageIds(std::string_view value);

}  // namespace intaked
