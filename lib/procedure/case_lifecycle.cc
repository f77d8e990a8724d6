// SPDX-License-Identifier: GPL-3.0-or-later
#include "procedure/case_lifecycle.h"

#include <array>
#include <utility>

namespace intaked {
namespace {

// A set of phases, as bits.
using Phases = unsigned;
constexpr Phases Bit(Phase p) { return 1u << unsigned(p); }
constexpr Phases kS1 = Bit(Phase::kStageOne);
constexpr Phases kAppeal = Bit(Phase::kAppealWindow);
constexpr Phases kS2 = Bit(Phase::kStageTwo);
constexpr Phases kDone = Bit(Phase::kDone);
constexpr Phases kNever = 0;

// Holding letters from the handler and the reviewer: one per stage, sent on or
// before the stage's original date. The fallback's are not limited.
enum class Limit { kNone, kOnceByOriginalDate };

struct Rule {
  Phases handler, fallback, reviewer, admin, complainant;
  Limit limit = Limit::kNone;
};

// THE table (docs/PROCEDURE.md, "Acting on a case by email"). Rows by CaseAct, in enum
// order; columns by role.
// Stage Two is independent: the Stage One handler may write and note there,
// nothing more. A void case takes notes only (see MayAct).
constexpr std::array<std::pair<CaseAct, Rule>, 8> kTable = {{
    //                         handler                 fallback               reviewer  admin
    //                         complainant
    {CaseAct::kCorrespond,
     {kS1 | kAppeal | kS2 | kDone, kS1 | kAppeal | kS2 | kDone, kS2, kNever,
      kS1 | kAppeal | kS2 | kDone}},
    {CaseAct::kNote,
     {kS1 | kAppeal | kS2 | kDone, kS1 | kAppeal | kS2 | kDone, kS2, kNever, kNever}},
    {CaseAct::kOutcome, {kS1, kS1, kS2, kNever, kNever}},
    {CaseAct::kHolding, {kS1, kS1 | kS2, kS2, kNever, kNever, Limit::kOnceByOriginalDate}},
    {CaseAct::kEscalate, {kS1 | kAppeal | kDone, kS1 | kAppeal | kDone, kNever, kNever, kNever}},
    {CaseAct::kReassign, {kS1 | kAppeal, kS1 | kAppeal, kNever, kS1 | kAppeal | kS2, kNever}},
    {CaseAct::kClose, {kS1, kS1, kNever, kS1 | kAppeal | kS2, kNever}},
    {CaseAct::kVoid, {kS1, kS1, kNever, kNever, kNever}},
}};

Phases AllowedPhases(const Rule& r, Role role) {
  switch (role) {
    case Role::kHandler:
      return r.handler;
    case Role::kFallback:
      return r.fallback;
    case Role::kReviewer:
      return r.reviewer;
    case Role::kAdmin:
      return r.admin;
    case Role::kComplainant:
      return r.complainant;
    case Role::kIntaked:
      return kNever;
  }
  return kNever;
}

const Rule& RuleFor(CaseAct act) {
  for (const auto& [a, rule] : kTable) {
    if (a == act) return rule;
  }
  return kTable[0].second;  // unreachable: every act has a row (see the test)
}

std::string Keyword(CaseAct a) { return ForPeople(a); }

// Why `role` may not take `act` in `phase`: the rule it meets, said plainly.
std::string PhaseRefusal(Role role, CaseAct act, Phase phase) {
  const std::string what = Keyword(act);
  if (phase == Phase::kStageTwo && role == Role::kHandler) {
    return what +
           " is not open to the Stage One handler once the independent review has started: "
           "Stage Two is independent, and the reviewer now holds the case. Nothing was changed.";
  }
  if (phase == Phase::kDone) {
    return what + " does not apply: this case is already closed. Nothing was changed.";
  }
  if (role == Role::kReviewer) {
    return what +
           " is not open to the independent reviewer: the reviewer writes to the complainant, "
           "notes, sends one holding letter and the recommendation (#outcome). Nothing was "
           "changed.";
  }
  if (role == Role::kComplainant || role == Role::kIntaked) {
    return what + " is for the people handling the case. Nothing was changed.";
  }
  if (act == CaseAct::kOutcome && phase == Phase::kAppealWindow) {
    return "the written response for this case has already been sent. Nothing was changed.";
  }
  if ((act == CaseAct::kClose || act == CaseAct::kVoid) && phase == Phase::kAppealWindow) {
    return what +
           " is open only before the written response: the complainant may still ask for an "
           "independent review, and the window closes by itself. Nothing was changed.";
  }
  if (act == CaseAct::kHolding && phase == Phase::kAppealWindow) {
    return "a holding letter only fits while a response is awaited. Nothing was changed.";
  }
  return what + " is not open to " + ForPeople(role) + " while the case is in " + ForPeople(phase) +
         ". Nothing was changed.";
}

}  // namespace

namespace {

// Each enum's names, once: in the database, and for people.
template <typename E>
struct Names {
  E value;
  const char* storage;
  const char* people;
};

constexpr Names<Phase> kPhases[] = {
    {Phase::kStageOne, "stage1", "Stage One"},
    {Phase::kAppealWindow, "appeal", "the appeal window"},
    {Phase::kStageTwo, "stage2", "Stage Two (the independent review)"},
    {Phase::kDone, "done", "no stage (closed)"},
};
constexpr Names<CaseState> kStates[] = {
    {CaseState::kOpen, "open", "open"},
    {CaseState::kClosed, "closed", "closed"},
    {CaseState::kVoid, "void", "void (not a complaint)"},
};
constexpr Names<CloseCause> kCauses[] = {
    {CloseCause::kNone, "", ""},
    {CloseCause::kWithdrawn, "withdrawn", "withdrawn"},
    {CloseCause::kClosed, "closed", "closed by whoever held it"},
    {CloseCause::kClosedByAdmin, "closed_by_admin", "closed by the admin"},
    {CloseCause::kAppealWindowEnded, "appeal_window_ended", "appeal window ended"},
    {CloseCause::kReviewComplete, "review_complete", "independent review complete"},
    {CloseCause::kNotComplaint, "not_complaint", "not a complaint"},
};
constexpr Names<Role> kRoles[] = {
    {Role::kHandler, "handler", "the Stage One handler"},
    {Role::kFallback, "fallback", "the fallback"},
    {Role::kReviewer, "reviewer", "the independent reviewer"},
    {Role::kAdmin, "admin", "the admin"},
    {Role::kComplainant, "complainant", "the complainant"},
    {Role::kIntaked, "intaked", "intaked"},
};
constexpr Names<CaseAct> kActs[] = {
    {CaseAct::kCorrespond, "", "a reply to the complainant"},
    {CaseAct::kNote, "", "#note"},
    {CaseAct::kOutcome, "", "#outcome"},
    {CaseAct::kHolding, "", "#holding"},
    {CaseAct::kEscalate, "", "#escalate"},
    {CaseAct::kReassign, "", "#reassign"},
    {CaseAct::kClose, "", "#close"},
    {CaseAct::kVoid, "", "#not-complaint"},
};

template <typename E, size_t N>
const Names<E>& Find(const Names<E> (&all)[N], E v) {
  for (const Names<E>& n : all) {
    if (n.value == v) return n;
  }
  return all[0];  // unreachable: the tests round-trip every value
}

template <typename E, size_t N>
std::optional<E> Parse(const Names<E> (&all)[N], std::string_view s) {
  for (const Names<E>& n : all) {
    if (s == n.storage) return n.value;
  }
  return std::nullopt;
}

}  // namespace

const char* StorageName(Phase p) { return Find(kPhases, p).storage; }
const char* StorageName(CaseState s) { return Find(kStates, s).storage; }
const char* StorageName(CloseCause c) { return Find(kCauses, c).storage; }
const char* StorageName(Role r) { return Find(kRoles, r).storage; }
std::optional<Phase> ParsePhase(std::string_view s) { return Parse(kPhases, s); }
std::optional<CaseState> ParseCaseState(std::string_view s) { return Parse(kStates, s); }
std::optional<CloseCause> ParseCloseCause(std::string_view s) { return Parse(kCauses, s); }
std::optional<Role> ParseRole(std::string_view s) { return Parse(kRoles, s); }
const char* ForPeople(Role r) { return Find(kRoles, r).people; }
const char* ForPeople(Phase p) { return Find(kPhases, p).people; }
const char* ForPeople(CloseCause c) { return Find(kCauses, c).people; }
const char* ForPeople(CaseAct a) { return Find(kActs, a).people; }

ActDecision MayAct(Role role, CaseAct act, Phase phase, CaseState state, const ActFacts& facts) {
  if (state == CaseState::kVoid && act != CaseAct::kNote) {
    return {false, Keyword(act) +
                       " does not apply: this case was voided as not a complaint. Nothing was "
                       "changed."};
  }
  const Rule& rule = RuleFor(act);
  if (!(AllowedPhases(rule, role) & Bit(phase))) return {false, PhaseRefusal(role, act, phase)};
  if (act == CaseAct::kEscalate && facts.reviewed) {
    return {false,
            "this case has already had its independent review; the procedure has no further "
            "stage. Nothing was changed."};
  }
  if (act == CaseAct::kEscalate && phase == Phase::kDone && !facts.appeal_window_ended) {
    return {false,
            "this case was closed before any appeal window ran out (withdrawn, closed or "
            "closed by the admin); it cannot be reopened by email. Nothing was changed."};
  }
  const bool limited = role == Role::kHandler || role == Role::kReviewer;
  if (rule.limit == Limit::kOnceByOriginalDate && limited) {
    if (facts.holding_letters_by_role > 0) {
      return {false,
              "a holding letter has already been sent in this stage, and the policy allows one: "
              "the complainant was given a final date. Nothing was sent; the fallback has been "
              "told, and can send a further one if it is truly needed."};
    }
    if (facts.past_original_date) {
      return {false,
              "a holding letter must go on or before the original response date, and that date "
              "has passed. Nothing was sent; the fallback has been told."};
    }
  }
  return {true, {}};
}

}  // namespace intaked
