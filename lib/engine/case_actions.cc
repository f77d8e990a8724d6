// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/case_actions.h"

#include "calendar/local_zone.h"
#include "engine/case_reply_cap.h"
#include "mail/address.h"
#include "procedure/deadlines.h"

namespace intaked {
namespace {

const char* EventLabel(CaseEventKind kind) {
  switch (kind) {
    case CaseEventKind::kComplaint:
      return "The complaint";
    case CaseEventKind::kComplainantReply:
      return "From the complainant";
    case CaseEventKind::kComplainantReplyHeld:
      return "From the complainant (not forwarded: daily limit)";
    case CaseEventKind::kHandlerReply:
      return "To the complainant";
    case CaseEventKind::kHandlerReplyHeld:
      return "To the complainant (not sent: daily limit)";
    case CaseEventKind::kDirectReply:
      return "To the complainant (sent directly)";
    case CaseEventKind::kOutcome:
      return "Stage One written response";
    case CaseEventKind::kHolding:
    case CaseEventKind::kReviewHolding:
      return "Holding letter";
    case CaseEventKind::kNote:
      return "Internal note";
    default:
      return nullptr;
  }
}

}  // namespace

std::string CaseActions::WhoIs(const Actor& a) const {
  if (a.role == Role::kAdmin) return "the admin";
  if (a.email.empty()) return ForPeople(a.role);
  return mail_.NameOf(a.email);
}

date::sys_days CaseActions::OriginalRespondDate(const CaseRecord& c) const {
  return WorkingDaysAfter(ctx_.calendar, ctx_.zone, c.received_at, ctx_.config.respond_days).day;
}

date::sys_days CaseActions::OriginalReviewDate(const CaseRecord& c) const {
  return WorkingDaysAfter(ctx_.calendar, ctx_.zone, c.stage_two_at.value_or(now_),
                          ctx_.config.review_days)
      .day;
}

ActFacts CaseActions::FactsFor(const CaseRecord& c, const Actor& by, CaseAct act) {
  ActFacts facts;
  facts.reviewed = c.reached_stage_two;
  facts.appeal_window_ended = c.close_cause == CloseCause::kAppealWindowEnded;
  if (act != CaseAct::kHolding) return facts;
  const bool review = c.phase == Phase::kStageTwo;
  facts.holding_letters_by_role = CaseStore(db_).CountEventsBy(
      c.id, review ? CaseEventKind::kReviewHolding : CaseEventKind::kHolding, by.role);
  facts.past_original_date = Today() > (review ? OriginalReviewDate(c) : OriginalRespondDate(c));
  return facts;
}

bool CaseActions::Permit(const CaseRecord& c, const Actor& by, CaseAct act, std::string* refusal) {
  const ActDecision d = MayAct(by.role, act, c.phase, c.state, FactsFor(c, by, act));
  if (d.allowed) return true;
  CaseStore(db_).AddEvent(
      c.id, now_, CaseEventKind::kRefused,
      std::string(ForPeople(act)) + " from " + ForPeople(by.role) + " refused: " + d.why_not,
      by.role);
  if (refusal) *refusal = d.why_not;
  if (by.role != Role::kAdmin && !by.email.empty()) {
    LetterFields f = mail_.Fields(c);
    f.values["error"] = d.why_not;
    mail_.Send(c, "command_error", {WhoIs(by), by.email}, f, "auto-generated");
  }
  // The fallback hears of a holding letter refused for the limits (a second, or a late
  // one), not of one its sender could never send in this phase.
  const bool over_the_limit =
      act == CaseAct::kHolding && MayAct(by.role, act, c.phase, c.state, {}).allowed;
  if (over_the_limit) TellFallbackOfRefusedHolding(c, by, d.why_not);
  return false;
}

void CaseActions::TellFallbackOfRefusedHolding(const CaseRecord& c, const Actor& by,
                                               const std::string& why) {
  if (SameEmail(ctx_.config.fallback_address, by.email)) return;
  LetterFields f = mail_.Fields(c);
  f.values["who"] = WhoIs(by);
  f.values["role"] = ForPeople(by.role);
  f.values["why"] = why;
  f.values["due"] = FormatDateForPeople(
      *ParseIsoDate(c.phase == Phase::kStageTwo ? c.review_due : c.respond_due));
  mail_.Send(c, "holding_refused_notice", {ctx_.config.fallback_name, ctx_.config.fallback_address},
             f, "auto-generated");
}

std::string CaseActions::RelayToComplainant(CaseRecord& c, const Actor& by,
                                            const std::string& text) {
  if (text.empty())
    return "your reply had no text of its own to send on (quoted history is removed).";
  if (c.complainant_email.empty())
    return "this complainant gave no email address, so nothing can be sent to them.";
  LetterFields f = mail_.Fields(c);
  f.values["text"] = text;
  f.values["writer"] = WhoIs(by);
  CaseStore(db_).AddEvent(c.id, now_, CaseEventKind::kHandlerReply, text, by.role);
  mail_.ToComplainant(c, "correspondence_to_complainant", f);
  return {};
}

void CaseActions::ForwardToActors(CaseRecord& c, const std::string& text, const std::string& note) {
  CaseStore(db_).AddEvent(c.id, now_, CaseEventKind::kComplainantReply, text, Role::kComplainant);
  LetterFields f = mail_.Fields(c);
  f.values["text"] = mail_.ForStaff(c, text);
  f.values["note"] = note;
  f.flags["has_note"] = !note.empty();
  mail_.Send(c, "correspondence_to_handler", {mail_.NameOf(c.handler_email), c.handler_email}, f,
             "auto-generated");
  if (c.phase == Phase::kStageTwo) {
    mail_.Send(c, "correspondence_to_handler",
               {ctx_.config.reviewer_name, ctx_.config.reviewer_address}, f, "auto-generated");
  }
}

std::string CaseActions::Outcome(CaseRecord& c, const Actor& by, const std::string& text) {
  if (text.empty()) return "#outcome needs the written response below it; nothing was sent.";
  CaseStore cases(db_);
  LetterFields f = mail_.Fields(c);
  f.values["text"] = text;
  if (c.phase == Phase::kStageTwo) {
    cases.AddEvent(c.id, now_, CaseEventKind::kReviewOutcome, text, by.role);
    mail_.ToComplainant(c, "review_outcome", f);
    mail_.Send(c, "review_outcome_notice", {mail_.NameOf(c.handler_email), c.handler_email}, f,
               "auto-generated");
    Close(c, {Role::kIntaked, ""}, CloseCause::kReviewComplete);
    return {};
  }
  c.phase = Phase::kAppealWindow;
  c.appeal_due =
      FormatIsoDate(WorkingDaysAfter(ctx_.calendar, ctx_.zone, now_, ctx_.config.appeal_days).day);
  cases.Save(c);
  cases.AddEvent(c.id, now_, CaseEventKind::kOutcome, text, by.role);
  f = mail_.Fields(c);
  f.values["text"] = text;
  mail_.ToComplainant(c, "outcome_letter", f);
  return {};
}

std::string CaseActions::Holding(CaseRecord& c, const Actor& by, date::sys_days day,
                                 const std::string& reason) {
  const bool review = c.phase == Phase::kStageTwo;
  std::string& due = review ? c.review_due : c.respond_due;
  if (const auto current = ParseIsoDate(due); current && day <= *current) {
    return "a holding letter's final date must be a working day after the current due date (" +
           FormatDateForPeople(*current) + "); nothing was sent.";
  }
  // One holding letter may not park a case for years: the handler and the reviewer may
  // move the date by at most one more response period; the fallback decides beyond that.
  if (const auto current = ParseIsoDate(due); current && by.role != Role::kFallback) {
    const date::sys_days limit = ctx_.calendar.AddWorkingDays(*current, ctx_.config.respond_days);
    if (day > limit)
      return "a holding letter may move the date by at most " +
             std::to_string(ctx_.config.respond_days) + " working days, to " +
             FormatDateForPeople(limit) +
             " at the latest; nothing was sent. Ask the fallback if more is truly needed.";
  }
  due = FormatIsoDate(day);
  CaseStore cases(db_);
  cases.Save(c);
  cases.AddEvent(c.id, now_, review ? CaseEventKind::kReviewHolding : CaseEventKind::kHolding,
                 "new final date " + FormatIsoDate(day) + (reason.empty() ? "" : ": " + reason),
                 by.role);
  LetterFields f = mail_.Fields(c);
  f.values["new_date"] = FormatDateForPeople(day);
  f.values["reason"] = reason;
  f.flags["has_reason"] = !reason.empty();
  mail_.ToComplainant(c, "holding_letter", f);
  return {};
}

void CaseActions::Note(CaseRecord& c, const Actor& by, const std::string& text) {
  CaseStore(db_).AddEvent(c.id, now_, CaseEventKind::kNote, WhoIs(by) + ": " + text, by.role);
}

std::string CaseActions::CasePack(const CaseRecord& c) {
  std::string pack;
  for (const CaseEvent& e : CaseStore(db_).Events(c.id)) {
    const char* label = EventLabel(e.kind);
    if (!label) continue;
    pack += std::string(label) + ", " + FormatDateForPeople(ctx_.zone.LocalDate(e.at)) + "\n" +
            std::string(40, '-') + "\n" +
            (e.actor == Role::kComplainant ? mail_.ForStaff(c, e.detail) : e.detail) + "\n\n";
  }
  return pack;
}

std::string CaseActions::StartStageTwo(CaseRecord& c, const Actor& by, const std::string& why) {
  c.phase = Phase::kStageTwo;
  c.reached_stage_two = true;
  c.state = CaseState::kOpen;
  c.close_cause = CloseCause::kNone;
  c.closed_at.reset();
  c.stage_two_at = now_;
  c.review_due =
      FormatIsoDate(WorkingDaysAfter(ctx_.calendar, ctx_.zone, now_, ctx_.config.review_days).day);
  CaseStore cases(db_);
  cases.Save(c);
  cases.AddEvent(c.id, now_, CaseEventKind::kStageTwo, why, by.role);
  LetterFields f = mail_.Fields(c);
  f.values["why"] = why;
  f.values["case_pack"] = CasePack(c);
  mail_.ToComplainant(c, "stage2_acknowledgement", f);
  mail_.Send(c, "stage2_review_request", {ctx_.config.reviewer_name, ctx_.config.reviewer_address},
             f, "auto-generated");
  mail_.Send(c, "stage2_handler_notice", {mail_.NameOf(c.handler_email), c.handler_email}, f,
             "auto-generated");
  return {};
}

std::string CaseActions::Reassign(CaseRecord& c, const Actor& by,
                                  const std::optional<std::string>& to) {
  CaseStore cases(db_);
  std::string next;
  if (to) {
    next = *to;
  } else {
    int best_open = 0;
    for (const CoChairSettings& cc : ctx_.config.co_chairs) {
      const std::string& email = cc.identity.address;
      if (c.Names(email) || SameEmail(email, c.handler_email)) continue;
      const int open = cases.OpenCasesHandledBy(email);
      if (next.empty() || open < best_open) next = email, best_open = open;
    }
  }
  if (next.empty())
    return "there is no other co-chair this complaint does not name; the case stays where it is.";
  if (c.Names(next))
    return "the complaint names " + mail_.NameOf(next) + "; they cannot handle it.";
  if (SameEmail(next, c.handler_email))
    return mail_.NameOf(next) + " already handles this case; nothing was changed.";
  const std::string old = c.handler_email;
  c.handler_email = next;
  cases.Save(c);
  cases.AddEvent(c.id, now_, CaseEventKind::kReassigned,
                 "from " + mail_.NameOf(old) + " to " + mail_.NameOf(next) + " by " + WhoIs(by),
                 by.role);
  LetterFields f = mail_.Fields(c);
  f.values["case_pack"] = CasePack(c);
  f.values["previous_handler"] = mail_.NameOf(old);
  f.values["by"] = WhoIs(by);
  f.values["phase"] = ForPeople(c.phase);
  f.flags["ack_sent"] = c.acknowledged;
  f.values["acknowledge_due"] = FormatDateForPeople(*ParseIsoDate(c.acknowledge_due));
  mail_.Send(c, "reassignment_notice", {mail_.NameOf(next), next}, f, "auto-generated");
  return {};
}

void CaseActions::Close(CaseRecord& c, const Actor& by, CloseCause cause, const std::string& note) {
  c.state = CaseState::kClosed;
  c.phase = Phase::kDone;
  c.close_cause = cause;
  c.closed_at = now_;
  CaseStore cases(db_);
  cases.Save(c);
  std::string detail = ForPeople(cause);
  if (by.role != Role::kIntaked) detail += " by " + WhoIs(by);
  if (!note.empty()) detail += ": " + note;
  cases.AddEvent(c.id, now_, CaseEventKind::kClosed, detail, by.role);
}

void CaseActions::CloseByAdmin(CaseRecord& c, const std::string& reason) {
  const bool in_review = c.phase == Phase::kStageTwo;
  Close(c, {Role::kAdmin, ""}, CloseCause::kClosedByAdmin, reason);
  LetterFields f = mail_.Fields(c);
  f.values["reason"] = reason;
  f.values["name"] = mail_.NameOf(c.handler_email);
  mail_.Send(c, "admin_closed_notice", {mail_.NameOf(c.handler_email), c.handler_email}, f,
             "auto-generated");
  if (in_review) {
    f.values["name"] = ctx_.config.reviewer_name;
    mail_.Send(c, "admin_closed_notice", {ctx_.config.reviewer_name, ctx_.config.reviewer_address},
               f, "auto-generated");
  }
}

void CaseActions::Void(CaseRecord& c, const Actor& by) {
  c.state = CaseState::kVoid;
  c.phase = Phase::kDone;
  c.close_cause = CloseCause::kNotComplaint;
  c.closed_at = now_;
  CaseStore cases(db_);
  cases.Save(c);
  cases.AddEvent(c.id, now_, CaseEventKind::kVoided, "marked not a complaint by " + WhoIs(by),
                 by.role);
}

void CaseActions::TellHolderOfFallbackAct(const CaseRecord& c, CaseAct act) {
  // A note is internal; a reassignment and Stage Two send their own letters to the new holder.
  if (act == CaseAct::kNote || act == CaseAct::kReassign || act == CaseAct::kEscalate) return;
  const bool review = c.phase == Phase::kStageTwo;
  const Address holder = review ? Address{ctx_.config.reviewer_name, ctx_.config.reviewer_address}
                                : Address{mail_.NameOf(c.handler_email), c.handler_email};
  if (SameEmail(holder.email, ctx_.config.fallback_address)) return;
  LetterFields f = mail_.Fields(c);
  f.values["name"] = holder.name;
  f.values["act"] = ForPeople(act);
  f.values["phase"] = ForPeople(c.phase);
  mail_.Send(c, "fallback_acted_notice", holder, f, "auto-generated");
}

void CaseActions::ComplainantLetterUndelivered(CaseRecord& c, const std::string& purpose) {
  CaseStore cases(db_);
  const bool ack = purpose == "acknowledgement";
  if (ack && c.acknowledged) {
    c.acknowledged = false;
    cases.Save(c);
  }
  const std::string what = purpose.empty() ? "a letter" : "the " + purpose;
  const date::sys_days today = Today();
  const bool told_today = cases.CountEvents(c.id, {CaseEventKind::kUndelivered},
                                            ctx_.zone.At(today, 0), ctx_.zone.EndOfDay(today)) > 0;
  cases.AddEvent(c.id, now_, CaseEventKind::kUndelivered,
                 what + " to the complainant could not be delivered");
  if (told_today) return;  // a burst of bounces is one notice
  LetterFields f = mail_.Fields(c);
  f.values["what"] = what;
  f.flags["acknowledgement"] = ack;
  f.values["acknowledge_due"] = FormatDateForPeople(*ParseIsoDate(c.acknowledge_due));
  mail_.Send(c, "undelivered_notice", {mail_.NameOf(c.handler_email), c.handler_email}, f,
             "auto-generated");
}

bool CaseActions::ReplyCapReached(const CaseRecord& c) const {
  return CaseReplyCapReached(db_, ctx_.zone, c.id, now_);
}

void CaseActions::HoldReply(const CaseRecord& c, CaseEventKind kind, Role by,
                            const std::string& text) {
  CaseStore cases(db_);
  cases.AddEvent(c.id, now_, kind, text, by);
  if (CaseReplyCapNoticeSent(db_, ctx_.zone, c.id, now_)) return;
  cases.AddEvent(
      c.id, now_, CaseEventKind::kReplyCapReached,
      std::to_string(kCaseRepliesPerDay) +
          " replies relayed today: later ones are recorded, not sent on, until tomorrow");
  LetterFields f = mail_.Fields(c);
  f.values["limit"] = std::to_string(kCaseRepliesPerDay);
  mail_.Send(c, "reply_cap_notice", {mail_.NameOf(c.handler_email), c.handler_email}, f,
             "auto-generated");
}

void CaseActions::CommandError(const CaseRecord& c, const Actor& to, const std::string& error) {
  CaseStore(db_).AddEvent(c.id, now_, CaseEventKind::kCommandError, error, to.role);
  LetterFields f = mail_.Fields(c);
  f.values["error"] = error;
  mail_.Send(c, "command_error", {WhoIs(to), to.email}, f, "auto-generated");
}

}  // namespace intaked
