// SPDX-License-Identifier: GPL-3.0-or-later
// LetterPost: turns a rendered Letter into a composed mail in the outbox.
//
// Every letter goes out from the intake address under the organisation's
// display name, with a Message-ID that is a fresh unguessable token at the
// intake domain (so a reply to it can later prove who it answers; short, so
// the reply's In-Reply-To fits on one line), threaded under the message it
// answers. Call inside the transaction that makes the change the letter reports.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "engine/procedure_context.h"
#include "letters/letter_templates.h"
#include "mail/message.h"
#include "store/outbox.h"

namespace intaked {

struct LetterAddressing {
  std::string purpose;  // "acknowledgement", "handler_notification", ...
  std::optional<int64_t> case_id;
  std::string reference;
  Address to;
  std::string in_reply_to;              // thread under this Message-ID, if any
  std::vector<std::string> references;  // its References, oldest first
  std::string auto_submitted = "auto-replied";
  std::vector<Attachment> attachments;  // forwarded files, if any
};

class LetterPost {
 public:
  LetterPost(const ProcedureContext& ctx, Outbox& outbox, TokenSource& tokens, Instant now)
      : ctx_(ctx), outbox_(outbox), tokens_(tokens), now_(now) {}

  // Composes and enqueues; returns the new letter's Message-ID.
  std::string Enqueue(const LetterAddressing& addressing, const Letter& letter);

 private:
  const ProcedureContext& ctx_;
  Outbox& outbox_;
  TokenSource& tokens_;
  Instant now_;
};

}  // namespace intaked
