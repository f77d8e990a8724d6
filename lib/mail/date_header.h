// SPDX-License-Identifier: GPL-3.0-or-later
// ParseDateHeader: an RFC 5322 Date header value to an instant.
//
// Accepts the obsolete forms seen in real mail (two-digit years, named zones
// such as GMT/BST/EST, missing seconds or weekday). Returns nothing for text
// it cannot read. Pure.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace intaked {

std::optional<std::chrono::sys_seconds> ParseDateHeader(std::string_view value);

}  // namespace intaked
