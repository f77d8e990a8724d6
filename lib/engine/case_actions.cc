#include "engine/case_actions.h"

#include "calendar/local_zone.h"
#include "engine/case_reply_cap.h"
#include "mail/address.h"
#include "procedure/deadlines.h"

namespace intaked {
namespace {

const char* EventLabel(const std::string& kind) {
  if (kind == "complaint") return "The complaint";
  if (kind == "complainant_reply") return "From the complainant";
  if (kind == "complainant_reply_held") return "From the complainant (not forwarded: daily limit)";
  if (kind == "handler_reply") return "To the complainant";
  if (kind == "handler_reply_held") return "To the complainant (not sent: daily limit)";
  if (kind == "direct_reply") return "To the complainant (sent directly)";
  if (kind == "outcome") return "Stage One written response";
  if (kind == "holding") return "Holding letter";
  if (kind == "note") return "Internal note";
  return nullptr;
}

}  // namespace

std::string CaseActions::RelayToComplainant(CaseRecord& c, const std::string& by,
                                            const std::string& text) {
  if (text.empty())
    return "your reply had no text of its own to send on (quoted history is removed).";
  if (c.complainant_email.empty())
    return "this complainant gave no email address, so nothing can be sent to them.";
  LetterFields f = mail_.Fields(c);
  f.values["text"] = text;
  f.values["writer"] = mail_.NameOf(by);
  CaseStore(db_).AddEvent(c.id, now_, "handler_reply", text);
  mail_.ToComplainant(c, "correspondence_to_complainant", f);
  return {};
}

void CaseActions::ForwardToActors(CaseRecord& c, const std::string& text, const std::string& note) {
  CaseStore(db_).AddEvent(c.id, now_, "complainant_reply", text);
  LetterFields f = mail_.Fields(c);
  f.values["text"] = text;
  f.values["note"] = note;
  f.flags["has_note"] = !note.empty();
  mail_.Send(c, "correspondence_to_handler", {mail_.NameOf(c.handler_email), c.handler_email}, f,
             "auto-generated");
  if (c.phase == "stage2") {
    mail_.Send(c, "correspondence_to_handler",
               {ctx_.config.reviewer_name, ctx_.config.reviewer_address}, f, "auto-generated");
  }
}

std::string CaseActions::Outcome(CaseRecord& c, const std::string& by, const std::string& text) {
  if (text.empty()) return "#outcome needs the written response below it; nothing was sent.";
  CaseStore cases(db_);
  if (c.phase == "stage2") {
    if (!SameEmail(by, ctx_.config.reviewer_address)) {
      return "in Stage Two the independent reviewer sends the outcome; your text was not sent.";
    }
    cases.AddEvent(c.id, now_, "review_outcome", text);
    LetterFields f = mail_.Fields(c);
    f.values["text"] = text;
    mail_.ToComplainant(c, "review_outcome", f);
    mail_.Send(c, "review_outcome_notice", {mail_.NameOf(c.handler_email), c.handler_email}, f,
               "auto-generated");
    Close(c, "independent review complete");
    return {};
  }
  if (c.phase != "stage1") return "the written response for this case has already been sent.";
  c.phase = "appeal";
  c.appeal_due =
      FormatIsoDate(WorkingDaysAfter(ctx_.calendar, ctx_.zone, now_, ctx_.config.appeal_days).day);
  cases.Save(c);
  cases.AddEvent(c.id, now_, "outcome", text);
  LetterFields f = mail_.Fields(c);
  f.values["text"] = text;
  mail_.ToComplainant(c, "outcome_letter", f);
  return {};
}

std::string CaseActions::Holding(CaseRecord& c, const std::string& by, date::sys_days day,
                                 const std::string& reason) {
  if (c.phase != "stage1" && c.phase != "stage2")
    return "a holding letter only fits while a response is awaited.";
  if (c.phase == "stage2" && !SameEmail(by, ctx_.config.reviewer_address)) {
    return "in Stage Two only the independent reviewer can move the review's date.";
  }
  (c.phase == "stage2" ? c.review_due : c.respond_due) = FormatIsoDate(day);
  CaseStore cases(db_);
  cases.Save(c);
  cases.AddEvent(c.id, now_, "holding",
                 "new final date " + FormatIsoDate(day) + (reason.empty() ? "" : ": " + reason));
  LetterFields f = mail_.Fields(c);
  f.values["new_date"] = FormatDateForPeople(day);
  f.values["reason"] = reason;
  f.flags["has_reason"] = !reason.empty();
  mail_.ToComplainant(c, "holding_letter", f);
  return {};
}

void CaseActions::Note(CaseRecord& c, const std::string& by, const std::string& text) {
  CaseStore(db_).AddEvent(c.id, now_, "note", mail_.NameOf(by) + ": " + text);
}

std::string CaseActions::CasePack(const CaseRecord& c) {
  std::string pack;
  for (const CaseEvent& e : CaseStore(db_).Events(c.id)) {
    const char* label = EventLabel(e.kind);
    if (!label) continue;
    pack += std::string(label) + ", " + FormatDateForPeople(ctx_.zone.LocalDate(e.at)) + "\n" +
            std::string(40, '-') + "\n" + e.detail + "\n\n";
  }
  return pack;
}

std::string CaseActions::StartStageTwo(CaseRecord& c, const std::string& why) {
  if (c.phase == "stage2") return "this case is already in Stage Two.";
  if (c.state == "void") return "this case was voided as not a complaint.";
  c.phase = "stage2";
  c.stage = 2;
  c.state = "open";
  c.closed_at.reset();
  c.close_reason.clear();
  c.review_due =
      FormatIsoDate(WorkingDaysAfter(ctx_.calendar, ctx_.zone, now_, ctx_.config.review_days).day);
  CaseStore cases(db_);
  cases.Save(c);
  cases.AddEvent(c.id, now_, "stage_two", why);
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

std::string CaseActions::Reassign(CaseRecord& c, const std::string& by) {
  CaseStore cases(db_);
  std::optional<size_t> best;
  int best_open = 0;
  const auto& chairs = ctx_.config.co_chairs;
  for (size_t i = 0; i < chairs.size(); ++i) {
    const std::string& email = chairs[i].identity.address;
    if (c.Names(email) || SameEmail(email, c.handler_email)) continue;
    const int open = cases.OpenCasesHandledBy(email);
    if (!best || open < best_open) best = i, best_open = open;
  }
  if (!best)
    return "there is no other co-chair this complaint does not name; the case stays with you.";
  const std::string old = c.handler_email;
  c.handler_email = chairs[*best].identity.address;
  cases.Save(c);
  cases.AddEvent(c.id, now_, "reassigned",
                 "from " + old + " to " + c.handler_email + " by " + mail_.NameOf(by));
  LetterFields f = mail_.Fields(c);
  f.values["complaint_text"] = CasePack(c);
  f.values["acknowledged"] = "earlier";
  f.flags["reassigned"] = true;
  mail_.Send(c, "handler_notification", {chairs[*best].identity.name, c.handler_email}, f,
             "auto-generated");
  return {};
}

void CaseActions::Close(CaseRecord& c, const std::string& reason) {
  c.state = "closed";
  c.phase = "done";
  c.close_reason = reason;
  c.closed_at = now_;
  CaseStore cases(db_);
  cases.Save(c);
  cases.AddEvent(c.id, now_, "closed", reason);
}

void CaseActions::Void(CaseRecord& c, const std::string& by) {
  c.state = "void";
  c.phase = "done";
  c.close_reason = "not a complaint";
  c.closed_at = now_;
  CaseStore cases(db_);
  cases.Save(c);
  cases.AddEvent(c.id, now_, "voided", "marked not a complaint by " + mail_.NameOf(by));
}

bool CaseActions::ReplyCapReached(const CaseRecord& c) const {
  return CaseReplyCapReached(db_, ctx_.zone, c.id, now_);
}

void CaseActions::HoldReply(const CaseRecord& c, const std::string& kind, const std::string& text) {
  CaseStore cases(db_);
  cases.AddEvent(c.id, now_, kind, text);
  if (CaseReplyCapNoticeSent(db_, ctx_.zone, c.id, now_)) return;
  cases.AddEvent(
      c.id, now_, "reply_cap_reached",
      std::to_string(kCaseRepliesPerDay) +
          " replies relayed today: later ones are recorded, not sent on, until tomorrow");
  LetterFields f = mail_.Fields(c);
  f.values["limit"] = std::to_string(kCaseRepliesPerDay);
  mail_.Send(c, "reply_cap_notice", {mail_.NameOf(c.handler_email), c.handler_email}, f,
             "auto-generated");
}

void CaseActions::CommandError(const CaseRecord& c, const std::string& to,
                               const std::string& error) {
  CaseStore(db_).AddEvent(c.id, now_, "command_error", error);
  LetterFields f = mail_.Fields(c);
  f.values["error"] = error;
  mail_.Send(c, "command_error", {mail_.NameOf(to), to}, f, "auto-generated");
}

}  // namespace intaked
