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

// THE table (README.md, "Acting on a case by email"). Rows by CaseAct, in enum
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
    {CaseAct::kClose, {kS1, kS1 | kAppeal, kNever, kS1 | kAppeal | kS2, kNever}},
    {CaseAct::kVoid, {kS1, kS1 | kAppeal, kNever, kNever, kNever}},
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

const char* StorageName(Phase p) {
  switch (p) {
    case Phase::kStageOne:
      return "stage1";
    case Phase::kAppealWindow:
      return "appeal";
    case Phase::kStageTwo:
      return "stage2";
    case Phase::kDone:
      return "done";
  }
  return "done";
}

const char* StorageName(CaseState s) {
  switch (s) {
    case CaseState::kOpen:
      return "open";
    case CaseState::kClosed:
      return "closed";
    case CaseState::kVoid:
      return "void";
  }
  return "open";
}

const char* StorageName(CloseCause c) {
  switch (c) {
    case CloseCause::kNone:
      return "";
    case CloseCause::kWithdrawn:
      return "withdrawn";
    case CloseCause::kClosed:
      return "closed";
    case CloseCause::kClosedByAdmin:
      return "closed_by_admin";
    case CloseCause::kAppealWindowEnded:
      return "appeal_window_ended";
    case CloseCause::kReviewComplete:
      return "review_complete";
    case CloseCause::kNotComplaint:
      return "not_complaint";
  }
  return "";
}

const char* StorageName(Role r) {
  switch (r) {
    case Role::kHandler:
      return "handler";
    case Role::kFallback:
      return "fallback";
    case Role::kReviewer:
      return "reviewer";
    case Role::kAdmin:
      return "admin";
    case Role::kComplainant:
      return "complainant";
    case Role::kIntaked:
      return "intaked";
  }
  return "intaked";
}

namespace {

template <typename E, size_t N>
std::optional<E> ParseAmong(std::string_view s, const std::array<E, N>& all) {
  for (E e : all) {
    if (s == StorageName(e)) return e;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Phase> ParsePhase(std::string_view s) {
  return ParseAmong(
      s, std::array{Phase::kStageOne, Phase::kAppealWindow, Phase::kStageTwo, Phase::kDone});
}

std::optional<CaseState> ParseCaseState(std::string_view s) {
  return ParseAmong(s, std::array{CaseState::kOpen, CaseState::kClosed, CaseState::kVoid});
}

std::optional<CloseCause> ParseCloseCause(std::string_view s) {
  return ParseAmong(s, std::array{CloseCause::kNone, CloseCause::kWithdrawn, CloseCause::kClosed,
                                  CloseCause::kClosedByAdmin, CloseCause::kAppealWindowEnded,
                                  CloseCause::kReviewComplete, CloseCause::kNotComplaint});
}

std::optional<Role> ParseRole(std::string_view s) {
  return ParseAmong(s, std::array{Role::kHandler, Role::kFallback, Role::kReviewer, Role::kAdmin,
                                  Role::kComplainant, Role::kIntaked});
}

const char* ForPeople(Role r) {
  switch (r) {
    case Role::kHandler:
      return "the Stage One handler";
    case Role::kFallback:
      return "the fallback";
    case Role::kReviewer:
      return "the independent reviewer";
    case Role::kAdmin:
      return "the admin";
    case Role::kComplainant:
      return "the complainant";
    case Role::kIntaked:
      return "intaked";
  }
  return "intaked";
}

const char* ForPeople(Phase p) {
  switch (p) {
    case Phase::kStageOne:
      return "Stage One";
    case Phase::kAppealWindow:
      return "the appeal window";
    case Phase::kStageTwo:
      return "Stage Two (the independent review)";
    case Phase::kDone:
      return "no stage (closed)";
  }
  return "no stage";
}

const char* ForPeople(CloseCause c) {
  switch (c) {
    case CloseCause::kNone:
      return "";
    case CloseCause::kWithdrawn:
      return "withdrawn";
    case CloseCause::kClosed:
      return "closed by whoever held it";
    case CloseCause::kClosedByAdmin:
      return "closed by the admin";
    case CloseCause::kAppealWindowEnded:
      return "appeal window ended";
    case CloseCause::kReviewComplete:
      return "independent review complete";
    case CloseCause::kNotComplaint:
      return "not a complaint";
  }
  return "";
}

const char* ForPeople(CaseAct a) {
  switch (a) {
    case CaseAct::kCorrespond:
      return "a reply to the complainant";
    case CaseAct::kNote:
      return "#note";
    case CaseAct::kOutcome:
      return "#outcome";
    case CaseAct::kHolding:
      return "#holding";
    case CaseAct::kEscalate:
      return "#escalate";
    case CaseAct::kReassign:
      return "#reassign";
    case CaseAct::kClose:
      return "#close";
    case CaseAct::kVoid:
      return "#not-complaint";
  }
  return "";
}

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
