// SPDX-License-Identifier: GPL-3.0-or-later
// MessageReading: one incoming message, read once, into the value every later
// decision reads - who wrote it and to whom, its own words, what it quotes and
// forwards (and from whom), its threading, whether it is automated mail, the
// keyword line it starts with, and what its words say (complaint, compliment,
// a request for review or anonymity).
//
// Nothing after ReadMessage goes back to the raw bytes or strips quoted text
// again. Pure: no storage, no clock (the caller passes `now`). Owns its data.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "engine/procedure_context.h"
#include "mail/message.h"
#include "mail/reply_text.h"
#include "procedure/classification.h"
#include "procedure/complainant_requests.h"
#include "procedure/reply_command.h"
#include "transport/mail_folder.h"

namespace intaked {

struct MessageReading {
  Message message;   // parsed; message_id is the dedup key (DedupKey)
  Instant received;  // server receipt (else the Date header), never later than `now`
  std::string from;  // the sender's address; "" when none or unusable

  // Who wrote it and whom it addresses.
  std::optional<size_t> writer_co_chair;   // the co-chair who sent it (by From)
  bool to_intake = false;                  // the intake address is in To or Cc
  std::optional<size_t> sent_straight_to;  // the only co-chair in To/Cc, if exactly one is

  // Its words.
  std::string own_text;  // the writer's own words (no quoted history, no forwarded message)
  std::string quoted;    // the quoted history, for the record only
  std::optional<ForwardedMessage> forwarded;
  ReplyCommand command;  // the keyword line of own_text, if any

  // Threading: the ids it answers, nearest first (In-Reply-To, then References newest first).
  std::vector<std::string> answers;

  // What it is, read from the headers and the own words.
  std::string automated;   // why it is automated mail; "" when it is not
  Classification verdict;  // complaint / compliment / doubtful / other / automated
  ReviewRequest review = ReviewRequest::kNone;  // asks for (or declines) the independent review
  bool asks_anonymity = false;                  // asks not to be named
};

MessageReading ReadMessage(const FetchedMail& mail, const ProcedureContext& ctx, Instant now);

// The Message-ID to deduplicate on: the header's, or one derived from what the
// sender wrote (never from trace headers, which differ per mailbox).
std::string DedupKey(const Message& m);

// FNV-1a of `bytes`, in hex: stable across runs and builds, for ids derived from content.
std::string StableDigest(std::string_view bytes);

// When a forwarded message was sent, as an instant: the block's own zone when it gave one,
// else the organisation's. Nullopt when the block had no date it could read.
std::optional<Instant> ForwardedSentAt(const ForwardedMessage& f, const LocalZone& zone);

}  // namespace intaked
