// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/case_event_kind.h"

#include <array>

namespace intaked {
namespace {

struct KindInfo {
  CaseEventKind kind;
  const char* name;
  bool fixed_text;
};

// The one list. Storage names never change once shipped (they are in databases).
constexpr std::array<KindInfo, 33> kKinds = {{
    {CaseEventKind::kOpened, "opened", true},
    {CaseEventKind::kRouted, "routed", false},
    {CaseEventKind::kComplaint, "complaint", false},
    {CaseEventKind::kAnonymous, "anonymous", true},
    {CaseEventKind::kAcknowledged, "acknowledged", true},
    {CaseEventKind::kNotAcknowledged, "not-acknowledged", false},
    {CaseEventKind::kComplainantReply, "complainant_reply", false},
    {CaseEventKind::kComplainantReplyHeld, "complainant_reply_held", false},
    {CaseEventKind::kHandlerReply, "handler_reply", false},
    {CaseEventKind::kHandlerReplyHeld, "handler_reply_held", false},
    {CaseEventKind::kDirectReply, "direct_reply", false},
    {CaseEventKind::kOutcome, "outcome", false},
    {CaseEventKind::kReviewOutcome, "review_outcome", false},
    {CaseEventKind::kHolding, "holding", false},
    {CaseEventKind::kReviewHolding, "review_holding", false},
    {CaseEventKind::kNote, "note", false},
    {CaseEventKind::kStageTwo, "stage_two", false},
    {CaseEventKind::kReassigned, "reassigned", false},
    {CaseEventKind::kClosed, "closed", false},  // the admin's --reason is free text
    {CaseEventKind::kVoided, "voided", true},
    {CaseEventKind::kRefused, "refused", true},
    {CaseEventKind::kCommandError, "command_error", false},
    {CaseEventKind::kReplyCapReached, "reply_cap_reached", false},
    {CaseEventKind::kAutomated, "automated", false},
    {CaseEventKind::kUnauthenticated, "unauthenticated", false},
    {CaseEventKind::kOtherCorrespondence, "other_correspondence", true},
    {CaseEventKind::kLetter, "letter", true},
    {CaseEventKind::kWithheld, "withheld", true},
    {CaseEventKind::kNotSent, "not-sent", false},
    {CaseEventKind::kHeldBack, "held-back", false},
    {CaseEventKind::kLateLetter, "late_letter", true},
    {CaseEventKind::kUndelivered, "undelivered", true},
    {CaseEventKind::kErased, "erased", true},
}};

const KindInfo& Info(CaseEventKind k) {
  for (const KindInfo& i : kKinds) {
    if (i.kind == k) return i;
  }
  return kKinds[0];  // unreachable: the test checks every kind is listed
}

}  // namespace

const char* StorageName(CaseEventKind k) { return Info(k).name; }

std::optional<CaseEventKind> ParseCaseEventKind(std::string_view s) {
  for (const KindInfo& i : kKinds) {
    if (s == i.name) return i.kind;
  }
  return std::nullopt;
}

bool HasFixedText(CaseEventKind k) { return Info(k).fixed_text; }

const std::vector<CaseEventKind>& AllCaseEventKinds() {
  static const std::vector<CaseEventKind> all = [] {
    std::vector<CaseEventKind> v;
    for (const KindInfo& i : kKinds) v.push_back(i.kind);
    return v;
  }();
  return all;
}

}  // namespace intaked
