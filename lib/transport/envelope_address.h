// SPDX-License-Identifier: GPL-3.0-or-later
// EnvelopeAddressProblem: the SMTP layer's own check of an address it is about
// to put in MAIL FROM or RCPT TO.
//
// The mail layer validates addresses when it parses them; this is the last
// line of defence, right before the bytes reach libcurl, which writes them to
// the wire unchanged. A CR or LF (or any control byte, space or angle bracket)
// there would let the sender of a complaint inject SMTP commands into the
// charity's authenticated session. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace intaked {

// Why `address` must not be sent ("empty", "longer than 254 bytes", "holds a
// control character, space or angle bracket"), or nothing when it is safe.
// The reason never repeats the address: it may be hostile.
std::optional<std::string> EnvelopeAddressProblem(std::string_view address);

}  // namespace intaked
