// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/case_reply.h"

#include "calendar/local_zone.h"
#include "engine/case_actions.h"
#include "engine/case_opening.h"
#include "mail/address.h"
#include "procedure/classification.h"
#include "procedure/complainant_requests.h"
#include "procedure/reply_command.h"
#include "store/outbox.h"

namespace intaked {
namespace {

// The letters that give the fallback standing on a case it does not handle: it was told
// the case is overdue, or that a holding letter was refused. Any other letter it had (a
// reassignment that has since moved on) proves who it is, not that it may act.
bool GivesTheFallbackStanding(const std::string& purpose) {
  return purpose == "overdue_notice" || purpose == "holding_refused_notice";
}

// Does the message answer a letter intaked sent `sender` about case `c` (for the fallback
// acting on a case it does not handle: one of the letters that give it standing)?
bool AnswersOurLetter(SQLite::Database& db, const MessageReading& r, const CaseRecord& c,
                      const std::string& sender, Role role) {
  const std::vector<std::string>& ids = r.answers;
  Outbox outbox(db);
  const bool standing_needed = role == Role::kFallback && !SameEmail(sender, c.handler_email);
  for (const std::string& id : ids) {
    const auto sent = outbox.FindByMessageId(id);
    if (sent && sent->case_id == c.id && SameEmail(sent->recipient, sender) &&
        (!standing_needed || GivesTheFallbackStanding(sent->purpose)))
      return true;
  }
  return false;
}

// Whether intaked reads `email`'s Sent folder (so a copy of what they send is read there).
bool SentFolderRead(const ProcedureContext& ctx, const std::string& email) {
  for (const CoChairSettings& cc : ctx.config.co_chairs) {
    if (SameEmail(cc.identity.address, email)) return cc.mailbox.has_value();
  }
  return false;
}

// Who wrote `from`, for the timeline: a role, never an address.
std::string Writer(CaseMail& mail, const CaseRecord& c, const std::string& from,
                   const CaseMessage& in) {
  if (!in.sent_folder_owner.empty()) return "a co-chair's Sent folder";
  if (const auto role = mail.RoleOf(c, from)) return ForPeople(*role);
  if (!c.complainant_email.empty() && SameEmail(from, c.complainant_email))
    return "the complainant";
  return "an address not on the case";
}

std::optional<CaseAct> ActOf(Keyword k) {
  switch (k) {
    case Keyword::kNone:
      return CaseAct::kCorrespond;
    case Keyword::kOutcome:
      return CaseAct::kOutcome;
    case Keyword::kHolding:
      return CaseAct::kHolding;
    case Keyword::kNote:
      return CaseAct::kNote;
    case Keyword::kEscalate:
      return CaseAct::kEscalate;
    case Keyword::kReassign:
      return CaseAct::kReassign;
    case Keyword::kWithdrawn:
    case Keyword::kClose:
      return CaseAct::kClose;
    case Keyword::kNotComplaint:
      return CaseAct::kVoid;
    case Keyword::kComplaint:
    case Keyword::kCompliment:
      return std::nullopt;
  }
  return std::nullopt;
}

std::string Carry(const ProcedureContext& ctx, CaseActions& act, CaseRecord& c, const Actor& by,
                  const ReplyCommand& cmd) {
  switch (cmd.keyword) {
    case Keyword::kNone:
      return act.RelayToComplainant(c, by, cmd.text);
    case Keyword::kOutcome:
      return act.Outcome(c, by, cmd.text);
    case Keyword::kHolding:
      if (std::string problem = HoldingDateProblem(*cmd.date, act.Today(), ctx.calendar);
          !problem.empty())
        return problem;
      return act.Holding(c, by, *cmd.date, cmd.text);
    case Keyword::kNote:
      act.Note(c, by, cmd.text);
      return {};
    case Keyword::kEscalate:
      return act.StartStageTwo(c, by, act.mail().NameOf(by.email) + " started Stage Two");
    case Keyword::kReassign:
      return act.Reassign(c, by);
    case Keyword::kWithdrawn:
      act.Close(c, by, CloseCause::kWithdrawn);
      return {};
    case Keyword::kClose:
      act.Close(c, by, CloseCause::kClosed);
      return {};
    case Keyword::kNotComplaint:
      act.Void(c, by);
      return {};
    case Keyword::kComplaint:
    case Keyword::kCompliment:
      break;
  }
  return "#" + std::string(KeywordName(cmd.keyword)) +
         " records a new complaint or compliment: send it as a new message to " +
         ctx.config.intake_address + ", not as a reply on a case.";
}

CaseReplyOutcome Execute(const ProcedureContext& ctx, CaseActions& act, CaseRecord& c,
                         const Actor& by, const ReplyCommand& cmd) {
  if (!cmd.error.empty()) {
    act.CommandError(c, by, cmd.error);
    return {CaseReplyKind::kHandlerCommand, "bad keyword line; the sender was told what was wrong"};
  }
  const std::string name =
      std::string("#") + (cmd.keyword == Keyword::kNone ? "reply" : KeywordName(cmd.keyword));
  const std::optional<CaseAct> what = ActOf(cmd.keyword);
  if (what && !act.Permit(c, by, *what))
    return {CaseReplyKind::kHandlerCommand,
            name + " from " + ForPeople(by.role) + " refused: told why"};
  if (what == CaseAct::kCorrespond && !cmd.text.empty() && act.ReplyCapReached(c)) {
    act.HoldReply(c, CaseEventKind::kHandlerReplyHeld, by.role, cmd.text);
    return {CaseReplyKind::kHeld,
            "daily reply limit reached: recorded, not sent to the complainant"};
  }
  if (const std::string problem = Carry(ctx, act, c, by, cmd); !problem.empty()) {
    act.CommandError(c, by, problem);
    return {CaseReplyKind::kHandlerCommand, name + " refused: sender told why"};
  }
  if (by.role == Role::kFallback && what) act.TellHolderOfFallbackAct(c, *what);
  if (what == CaseAct::kCorrespond)
    return {CaseReplyKind::kRelayed,
            ForPeople(by.role) + std::string("'s reply sent on to the complainant")};
  return {CaseReplyKind::kHandlerCommand, name};
}

CaseReplyOutcome FromComplainant(const ProcedureContext& ctx, SQLite::Database& db, Instant now,
                                 CaseActions& act, CaseRecord& c, const CaseMessage& in) {
  const MessageReading& r = in.reading;
  const std::string& text = r.own_text;
  // Asking not to be named counts in any reply: from then on staff see no name or address.
  if (!c.anonymous && r.asks_anonymity) {
    c.anonymous = true;
    CaseStore(db).Save(c);
    CaseStore(db).AddEvent(c.id, now, CaseEventKind::kAnonymous,
                           "the complainant asked not to be named (in a reply)",
                           Role::kComplainant);
  }
  // "I am happy with this and will not appeal" declines; only a request starts Stage Two.
  const bool asks_review = r.review == ReviewRequest::kAsks;
  if (asks_review && AppealInTime(ctx, c, r.received)) {
    CaseStore(db).AddEvent(c.id, now, CaseEventKind::kComplainantReply, text, Role::kComplainant);
    act.StartStageTwo(c, {Role::kComplainant, c.complainant_email},
                      "the complainant asked for an independent review");
    return {CaseReplyKind::kStageTwo,
            "the complainant asked for an independent review within the window"};
  }
  std::string note;
  if (asks_review && c.close_cause == CloseCause::kAppealWindowEnded) {
    note = "The complainant asks for an independent review after the window closed on " +
           c.appeal_due + ". Reply #escalate to start Stage Two anyway.";
  }
  if (act.ReplyCapReached(c)) {
    act.HoldReply(c, CaseEventKind::kComplainantReplyHeld, Role::kComplainant, text);
    return {CaseReplyKind::kHeld,
            "daily reply limit reached: recorded, not forwarded to the handler"};
  }
  act.ForwardToActors(c, text, note);
  return {CaseReplyKind::kComplainantReply, "complainant's reply forwarded to the handler"};
}

}  // namespace

// A request for review counts when it was made in time, even if intaked reads it after the
// window has closed (an outage).
bool AppealInTime(const ProcedureContext& ctx, const CaseRecord& c, Instant received) {
  if (c.phase == Phase::kAppealWindow) return true;
  if (c.phase != Phase::kDone || c.close_cause != CloseCause::kAppealWindowEnded) return false;
  const auto due = ParseIsoDate(c.appeal_due);
  return due && ctx.zone.LocalDate(received) <= *due;
}

const char* StorageName(CaseReplyKind k) {
  switch (k) {
    case CaseReplyKind::kHandlerCommand:
      return "handler_command";
    case CaseReplyKind::kRelayed:
      return "relayed";
    case CaseReplyKind::kComplainantReply:
      return "complainant_reply";
    case CaseReplyKind::kStageTwo:
      return "stage_two";
    case CaseReplyKind::kUnauthenticated:
      return "unauthenticated";
    case CaseReplyKind::kRecorded:
      return "recorded";
    case CaseReplyKind::kAutomated:
      return "automated";
    case CaseReplyKind::kHeld:
      return "held";
    case CaseReplyKind::kDeferred:
      return "deferred";
  }
  return "recorded";
}

CaseReplyOutcome HandleCaseMessage(const ProcedureContext& ctx, SQLite::Database& db,
                                   TokenSource& tokens, Instant now, CaseRecord c,
                                   const CaseMessage& in) {
  CaseActions act(ctx, db, tokens, now);
  CaseStore cases(db);
  const MessageReading& r = in.reading;
  const Message& m = r.message;
  const std::string& from = r.from;

  // Out-of-office replies and bounces carry a token or a case reference like
  // any reply; relaying them, or acting on them, would start a loop.
  if (const std::string& why = r.automated; !why.empty()) {
    cases.AddEvent(c.id, now, CaseEventKind::kAutomated,
                   "automated mail (" + why + ") from " + Writer(act.mail(), c, from, in) +
                       ": recorded, not relayed or acted on");
    // A delivery failure report on the case: a letter to the complainant bounced.
    if (IsDeliveryFailureAbout(m, c.complainant_email)) act.ComplainantLetterUndelivered(c, "");
    return {CaseReplyKind::kAutomated, "automated mail on the case (" + why + "): recorded only"};
  }
  if (!in.sent_folder_owner.empty()) {
    if (!SameEmail(in.sent_folder_owner, c.handler_email)) {
      return {CaseReplyKind::kRecorded, "in the Sent folder of someone not handling the case"};
    }
    // Written to the complainant (a copy to intake or not): they have it already.
    const bool to_complainant = !c.complainant_email.empty() && AddressedTo(m, c.complainant_email);
    if (to_complainant || !r.to_intake) {
      cases.AddEvent(c.id, now, CaseEventKind::kDirectReply, r.own_text, Role::kHandler);
      return {CaseReplyKind::kRecorded,
              "the handler wrote to the complainant directly; recorded, not sent again"};
    }
    return Execute(ctx, act, c, {Role::kHandler, in.sent_folder_owner}, r.command);
  }
  if (const auto role = act.mail().RoleOf(c, from)) {
    if (AnswersOurLetter(db, r, c, from, *role))
      return Execute(ctx, act, c, {*role, from}, r.command);
    // A new message (not a reply) from the handler to intake: its copy in their Sent
    // folder proves who wrote it, and is acted on there.
    if (*role == Role::kHandler && SentFolderRead(ctx, from) && r.to_intake) {
      return {CaseReplyKind::kDeferred, "the handler's message; acted on from their Sent folder"};
    }
    cases.AddEvent(c.id, now, CaseEventKind::kUnauthenticated,
                   std::string("a message claiming to be from ") + ForPeople(*role) +
                       " that does not answer intaked's letter to them: recorded, not acted on");
    return {CaseReplyKind::kUnauthenticated,
            "an actor's address but no proof it answers our letter: not acted on"};
  }
  if (!c.complainant_email.empty() && SameEmail(from, c.complainant_email)) {
    if (c.state == CaseState::kVoid) {
      cases.AddEvent(c.id, now, CaseEventKind::kComplainantReply, r.own_text, Role::kComplainant);
      return {CaseReplyKind::kRecorded, "reply on a voided case"};
    }
    return FromComplainant(ctx, db, now, act, c, in);
  }
  cases.AddEvent(c.id, now, CaseEventKind::kOtherCorrespondence,
                 "a message from an address not on the case: recorded only");
  return {CaseReplyKind::kRecorded, "from an address not on the case"};
}

}  // namespace intaked
