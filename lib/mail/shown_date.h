// SPDX-License-Identifier: GPL-3.0-or-later
// ParseShownDate: a date as a mail client writes it into a quoted or
// forwarded header block ("Sent: Monday, 2 November 2026 09:14"), in the
// languages reply_markers.h knows. Used by SplitReply for a forwarded
// message's date, and to recognise attribution lines by their shape.
//
// Pure; reads at most kMaxShownDate bytes and 32 words; no regular expression.
#pragma once

#include <date/date.h>

#include <chrono>
#include <optional>
#include <string_view>

namespace intaked {

inline constexpr size_t kMaxShownDate = 200;

// A date as a mail client shows it in a header block or attribution:
// "Mon, 2 Nov 2026 at 09:14", "Monday, November 2, 2026 9:14 AM",
// "Montag, 2. November 2026 09:14", "lundi 2 novembre 2026 09:14",
// "2 de noviembre de 2026 9:14", "Llun, 2 Tach 2026 09:14", "02/11/2026 09:14",
// "Mon, 2 Nov 2026 09:14:03 +0000". Numeric dates are read day first (UK).
struct ShownDate {
  date::local_seconds local;
  std::optional<std::chrono::minutes> utc_offset;  // when a zone was shown
};
std::optional<ShownDate> ParseShownDate(std::string_view text);

// True when `text` holds a time ("09:14") or a year beside a day and month:
// what an attribution line carries. Cheaper than ParseShownDate, as loose.
bool MentionsDateOrTime(std::string_view text);

}  // namespace intaked
