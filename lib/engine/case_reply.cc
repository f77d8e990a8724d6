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

bool IsActor(const ProcedureContext& ctx, const CaseRecord& c, const std::string& email) {
  if (SameEmail(email, c.handler_email)) return true;
  return c.phase == "stage2" && SameEmail(email, ctx.config.reviewer_address);
}

// Does the message answer a letter intaked sent `sender` about case `c`?
bool AnswersOurLetter(SQLite::Database& db, const Message& m, const CaseRecord& c,
                      const std::string& sender) {
  std::vector<std::string> ids = m.references;
  if (!m.in_reply_to.empty()) ids.push_back(m.in_reply_to);
  Outbox outbox(db);
  for (const std::string& id : ids) {
    const auto sent = outbox.FindByMessageId(id);
    if (sent && sent->case_id == c.id && SameEmail(sent->recipient, sender)) return true;
  }
  return false;
}

// Who wrote `from`, for the timeline: a role, never an address.
std::string Writer(const ProcedureContext& ctx, const CaseRecord& c, const std::string& from,
                   const CaseMessage& in) {
  if (!in.sent_folder_owner.empty()) return "a co-chair's Sent folder";
  if (IsActor(ctx, c, from))
    return SameEmail(from, c.handler_email) ? "the handler" : "the reviewer";
  if (!c.complainant_email.empty() && SameEmail(from, c.complainant_email))
    return "the complainant";
  return "an address not on the case";
}

CaseReplyOutcome Execute(const ProcedureContext& ctx, CaseActions& act, CaseRecord& c,
                         const std::string& by, const ReplyCommand& cmd) {
  if (!cmd.error.empty()) {
    act.CommandError(c, by, cmd.error);
    return {"handler_command", "bad keyword line; the handler was told what was wrong"};
  }
  if (c.state == "void" && cmd.keyword != Keyword::kNote) {
    act.CommandError(c, by, "this case was voided as not a complaint; nothing was done.");
    return {"handler_command", "case is void"};
  }
  std::string problem;
  switch (cmd.keyword) {
    case Keyword::kNone:
      if (!cmd.text.empty() && act.ReplyCapReached(c)) {
        act.HoldReply(c, "handler_reply_held", cmd.text);
        return {"held", "daily reply limit reached: recorded, not sent to the complainant"};
      }
      problem = act.RelayToComplainant(c, by, cmd.text);
      if (problem.empty()) return {"relayed", "handler's reply sent on to the complainant"};
      break;
    case Keyword::kOutcome:
      problem = act.Outcome(c, by, cmd.text);
      break;
    case Keyword::kHolding:
      problem = HoldingDateProblem(*cmd.date, act.Today(), ctx.calendar);
      if (problem.empty()) problem = act.Holding(c, by, *cmd.date, cmd.text);
      break;
    case Keyword::kNote:
      act.Note(c, by, cmd.text);
      break;
    case Keyword::kEscalate:
      problem = act.StartStageTwo(c, act.mail().NameOf(by) + " started Stage Two");
      break;
    case Keyword::kReassign:
      problem = act.Reassign(c, by);
      break;
    case Keyword::kWithdrawn:
    case Keyword::kClose:
      act.Close(c, std::string(cmd.keyword == Keyword::kWithdrawn ? "withdrawn" : "closed") +
                       " by " + act.mail().NameOf(by));
      break;
    case Keyword::kNotComplaint:
      act.Void(c, by);
      break;
    case Keyword::kComplaint:
    case Keyword::kCompliment:
      problem = "#" + std::string(KeywordName(cmd.keyword)) +
                " records a new complaint or compliment: send it as a new message to " +
                ctx.config.intake_address + ", not as a reply on a case.";
      break;
  }
  if (!problem.empty()) {
    act.CommandError(c, by, problem);
    return {"handler_command",
            std::string("#") + KeywordName(cmd.keyword) + " refused: handler told why"};
  }
  return {"handler_command",
          std::string("#") + (cmd.keyword == Keyword::kNone ? "reply" : KeywordName(cmd.keyword))};
}

CaseReplyOutcome FromComplainant(SQLite::Database& db, Instant now, CaseActions& act, CaseRecord& c,
                                 const std::string& text) {
  if (c.phase == "appeal" && AsksForReview(text)) {
    CaseStore(db).AddEvent(c.id, now, "complainant_reply", text);
    act.StartStageTwo(c, "the complainant asked for an independent review");
    return {"stage_two", "the complainant asked for an independent review within the window"};
  }
  std::string note;
  if (c.state == "closed" && c.close_reason == "appeal window ended" && AsksForReview(text)) {
    note = "The complainant asks for an independent review after the window closed on " +
           c.appeal_due + ". Reply #escalate to start Stage Two anyway.";
  }
  if (act.ReplyCapReached(c)) {
    act.HoldReply(c, "complainant_reply_held", text);
    return {"held", "daily reply limit reached: recorded, not forwarded to the handler"};
  }
  act.ForwardToActors(c, text, note);
  return {"complainant_reply", "complainant's reply forwarded to the handler"};
}

}  // namespace

CaseReplyOutcome HandleCaseMessage(const ProcedureContext& ctx, SQLite::Database& db,
                                   TokenSource& tokens, Instant now, CaseRecord c,
                                   const CaseMessage& in) {
  CaseActions act(ctx, db, tokens, now);
  CaseStore cases(db);
  const std::string from = in.message.from ? in.message.from->email : "";

  // Out-of-office replies and bounces carry a token or a case reference like
  // any reply; relaying them, or acting on them, would start a loop.
  if (const std::string why = AutomatedReason(in.message, ctx.rules); !why.empty()) {
    cases.AddEvent(c.id, now, "automated",
                   "automated mail (" + why + ") from " + Writer(ctx, c, from, in) +
                       ": recorded, not relayed or acted on");
    return {"automated", "automated mail on the case (" + why + "): recorded only"};
  }
  if (!in.sent_folder_owner.empty()) {
    if (!IsActor(ctx, c, in.sent_folder_owner)) {
      return {"recorded", "in the Sent folder of someone not acting on the case"};
    }
    const bool to_intake = AddressedTo(in.message, ctx.config.intake_address);
    if (!to_intake) {
      cases.AddEvent(c.id, now, "direct_reply", in.own_text);
      return {"recorded",
              "the handler wrote to the complainant directly; recorded, not sent again"};
    }
    return Execute(ctx, act, c, in.sent_folder_owner, ParseReplyCommand(in.own_text));
  }
  if (IsActor(ctx, c, from)) {
    if (!AnswersOurLetter(db, in.message, c, from)) {
      cases.AddEvent(c.id, now, "unauthenticated",
                     "a message claiming to be from " + from +
                         " that does not answer intaked's letter to them: "
                         "recorded, not acted on");
      return {"unauthenticated",
              "handler's address but no proof it answers our letter: not acted on"};
    }
    return Execute(ctx, act, c, from, ParseReplyCommand(in.own_text));
  }
  if (!c.complainant_email.empty() && SameEmail(from, c.complainant_email)) {
    if (c.state == "void") {
      cases.AddEvent(c.id, now, "complainant_reply", in.own_text);
      return {"recorded", "reply on a voided case"};
    }
    return FromComplainant(db, now, act, c, in.own_text);
  }
  cases.AddEvent(c.id, now, "other_correspondence",
                 "a message from an address not on the case: recorded only");
  return {"recorded", "from an address not on the case"};
}

}  // namespace intaked
