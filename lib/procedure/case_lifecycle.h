// SPDX-License-Identifier: GPL-3.0-or-later
// CaseLifecycle: what a complaint's case can be, who acts on it, and the one
// table of who may do what in which phase (docs/PROCEDURE.md, "Acting on a case by email").
//
// A case is in one Phase (Stage One, the appeal window after the written
// response, Stage Two, done) and one CaseState (open, closed, void); when it
// closes, a CloseCause says why, so behaviour never depends on human text.
// MayAct() is the only place that decides whether a role may take an act in
// a phase: the engine asks it before doing anything a person asked for, and
// a refusal carries the sentence the sender is told. Strings exist only at
// the edges: StorageName()/Parse*() for the database, ForPeople() for letters.
// Pure: no clock, no store.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace intaked {

enum class Phase {
  kStageOne,      // awaiting the written response
  kAppealWindow,  // response sent; the complainant may ask for an independent review
  kStageTwo,      // the independent review
  kDone,          // closed or void
};

enum class CaseState { kOpen, kClosed, kVoid };

enum class CloseCause {
  kNone,               // still open
  kWithdrawn,          // #withdrawn
  kClosed,             // #close by whoever held the case
  kClosedByAdmin,      // intaked close REF --reason
  kAppealWindowEnded,  // no independent review asked for in time
  kReviewComplete,     // the reviewer's recommendation went
  kNotComplaint,       // #not-complaint: void
};

// Who is acting: their relation to this case, not who they are.
enum class Role {
  kHandler,      // the Stage One handler (a co-chair the complaint does not name, or the fallback)
  kFallback,     // the fallback, acting on an overdue or escalated case it was told of
  kReviewer,     // the independent reviewer, in Stage Two
  kAdmin,        // the command line
  kComplainant,  // the person who complained
  kIntaked,      // intaked itself (deadlines, the appeal window)
};

// What a person can ask for on a case (the reply keywords, and the admin's commands).
enum class CaseAct {
  kCorrespond,  // a reply with no keyword: relayed
  kNote,
  kOutcome,
  kHolding,
  kEscalate,
  kReassign,
  kClose,  // #close and #withdrawn
  kVoid,   // #not-complaint
};

const char* StorageName(Phase p);
const char* StorageName(CaseState s);
const char* StorageName(CloseCause c);
const char* StorageName(Role r);
// nullopt for a value this version does not know (the caller reports the row).
std::optional<Phase> ParsePhase(std::string_view s);
std::optional<CaseState> ParseCaseState(std::string_view s);
std::optional<CloseCause> ParseCloseCause(std::string_view s);
std::optional<Role> ParseRole(std::string_view s);

// For people: "the Stage One handler", "the independent review", ...
const char* ForPeople(Role r);
const char* ForPeople(Phase p);
const char* ForPeople(CloseCause c);
const char* ForPeople(CaseAct a);

// Facts beyond the phase that some rules need.
struct ActFacts {
  // #holding: how many holding letters this role already sent in this stage, and
  // whether today is after the stage's original (unmoved) date.
  int holding_letters_by_role = 0;
  bool past_original_date = false;
  // #escalate: the case has already had its independent review; it closed because its
  // appeal window ran out (the only closed case a late request may reopen).
  bool reviewed = false;
  bool appeal_window_ended = false;
};

struct ActDecision {
  bool allowed = false;
  std::string why_not;  // a sentence for the sender when refused: what and why
};

// Whether `role` may take `act` on a case in `phase`/`state`.
ActDecision MayAct(Role role, CaseAct act, Phase phase, CaseState state,
                   const ActFacts& facts = {});

}  // namespace intaked
