// SplitReply: what a reply or forward consists of - the writer's own words,
// the earlier mail their client quoted, and a message they forwarded.
//
// Pure; input is a body as ParseMessage gives it (UTF-8, "\n" line ends).
// The result owns its strings.
#pragma once

#include <date/date.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "mail/message.h"

namespace intaked {

struct ForwardedMessage {
  Address from;                                    // the original sender (email empty if none found)
  std::optional<date::local_seconds> sent_local;   // when they sent it, as the block shows it
  std::optional<std::chrono::minutes> utc_offset;  // when the block gave a zone
  std::string subject;
  std::string text;  // what the original sender wrote (their own quoted history stripped too)
};

struct ReplyText {
  std::string own;     // the writer's own words: above and below the quote, joined
  std::string quoted;  // the quoted earlier mail (kept for the record, never relayed)
  std::optional<ForwardedMessage> forwarded;  // the first forwarded message, if any
};

ReplyText SplitReply(std::string_view text);

}  // namespace intaked
