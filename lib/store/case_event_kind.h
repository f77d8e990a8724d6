// SPDX-License-Identifier: GPL-3.0-or-later
// CaseEventKind: the kinds of entry on a case's timeline, defined once.
//
// Each kind has its storage name and says whether its text can carry
// personal data (a person's words, an address) - erasure and the retention
// purge clear the text of every kind that can, and keep the fixed sentences
// intaked writes itself. Adding a kind here is the only way to add one, so a
// new kind cannot slip past erasure unnoticed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace intaked {

enum class CaseEventKind {
  kOpened,
  kRouted,
  kComplaint,  // the complaint's own words
  kAnonymous,
  kAcknowledged,
  kNotAcknowledged,
  kComplainantReply,
  kComplainantReplyHeld,
  kHandlerReply,
  kHandlerReplyHeld,
  kDirectReply,  // a co-chair wrote to the complainant from their own client
  kOutcome,
  kReviewOutcome,
  kHolding,        // a Stage One holding letter
  kReviewHolding,  // a Stage Two holding letter
  kNote,
  kStageTwo,
  kReassigned,
  kClosed,
  kVoided,
  kRefused,  // someone asked for something the procedure does not allow them
  kCommandError,
  kReplyCapReached,
  kAutomated,
  kUnauthenticated,
  kOtherCorrespondence,
  kLetter,    // a letter went (or was queued)
  kWithheld,  // a letter not sent: the complaint names its recipient
  kNotSent,   // a letter not sent: no usable address
  kHeldBack,  // a letter held back by the loop guard
  kLateLetter,
  kUndelivered,  // a letter to the complainant bounced or was refused for good
  kErased,
};

const char* StorageName(CaseEventKind k);
std::optional<CaseEventKind> ParseCaseEventKind(std::string_view s);

// Whether the kind's text is only ever a fixed sentence intaked writes (naming
// no one but staff by role or name), so erasure may keep it.
bool HasFixedText(CaseEventKind k);

// Every kind, in enum order.
const std::vector<CaseEventKind>& AllCaseEventKinds();

}  // namespace intaked
