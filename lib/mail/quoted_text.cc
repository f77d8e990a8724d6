// SPDX-License-Identifier: GPL-3.0-or-later
#include "mail/quoted_text.h"

#include "mail/reply_text.h"

namespace intaked {

std::string StripQuotedText(std::string_view body) { return SplitReply(body).own; }

}  // namespace intaked
