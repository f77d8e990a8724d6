// SPDX-License-Identifier: GPL-3.0-or-later
// SplitReply: a reply or forward read as a person reads it - the writer's own
// words, the earlier mail their client quoted, and a forwarded message with
// its original sender, date, subject and words.
//
// Recognised by shape more than by wording, for the clients a small charity
// hears from: Gmail, Outlook (desktop, web, mobile; any language), Apple Mail
// and iPhone, Thunderbird (top and bottom posting), Yahoo and AOL. See
// docs/MAIL_READING.md. The body is the text ParseMessage gives (an HTML-only
// body arrives with its <blockquote>s as "> " lines and Outlook's reply header
// after a rule of underscores, see html_text.h).
//
// Pure. Linear in the input: each line is tested against a fixed number of
// shapes over at most kMaxMarkerLine bytes (reply_markers.h) (longer lines are never markers),
// a look-ahead of at most kMaxHeaderLines lines, and a forwarded message is
// split once more (one level; a forward inside a forward is its history).
#pragma once

#include <date/date.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "mail/message.h"

namespace intaked {

struct ForwardedMessage {
  Address from;                                   // the original sender (email empty if none found)
  std::optional<date::local_seconds> sent_local;  // when they sent it, as the block shows it
  std::optional<std::chrono::minutes> utc_offset;  // when the block gave a zone ("GMT", "+0100")
  std::string subject;
  std::string text;  // what the original sender wrote (their own quoted history stripped too)
};

struct ReplyText {
  std::string own;     // the writer's own words: above AND below (bottom-posting) the quote, joined
  std::string quoted;  // the quoted earlier mail (kept for the record, never relayed)
  std::optional<ForwardedMessage> forwarded;  // the first forwarded message in the text, if any
};

// `text`: the body as ParseMessage gives it (UTF-8, "\n" line ends).
// `subject`: the message's Subject, when the caller has it. Outlook writes a
// forward's body exactly as a reply's ("From:/Sent:/To:/Subject:" under a
// rule); only a subject starting "FW:" (or "WG:", "TR:", "RV:", "Fwd:"...)
// tells that the block is forwarded rather than quoted. Gmail's, Apple's,
// Thunderbird's and Yahoo's forwards say so in the body and need no subject.
ReplyText SplitReply(std::string_view text, std::string_view subject = {});

}  // namespace intaked
