// SPDX-License-Identifier: GPL-3.0-or-later
// StripQuotedText: the writer's own words of a reply, without the earlier mail
// their client quoted. A thin wrapper kept for existing callers: SplitReply
// (reply_text.h) says what is recognised, and also gives the quoted history
// and a forwarded message.
#pragma once

#include <string>
#include <string_view>

namespace intaked {

std::string StripQuotedText(std::string_view body);

}  // namespace intaked
