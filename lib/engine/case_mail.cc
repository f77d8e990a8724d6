// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/case_mail.h"

#include "calendar/local_zone.h"
#include "engine/letter_post.h"
#include "letters/automatic_answers.h"
#include "mail/address.h"
#include "procedure/anonymity_redaction.h"
#include "procedure/reply_command.h"
#include "store/outbox.h"

namespace intaked {
namespace {

std::string Human(const std::string& iso) {
  const auto d = ParseIsoDate(iso);
  return d ? FormatDateForPeople(*d) : "";
}

}  // namespace

bool CaseMail::IsStaff(const std::string& email) const {
  const Config& cfg = ctx_.config;
  if (SameEmail(email, cfg.fallback_address) || SameEmail(email, cfg.reviewer_address) ||
      SameEmail(email, cfg.intake_address)) {
    return true;
  }
  for (const CoChairSettings& cc : cfg.co_chairs) {
    if (SameEmail(email, cc.identity.address)) return true;
  }
  return false;
}

std::optional<Role> CaseMail::RoleOf(const CaseRecord& c, const std::string& email) const {
  // The fallback acts as the fallback even on a case it handles (one naming every
  // co-chair): its powers include the handler's, and its holding letters are not limited.
  if (SameEmail(email, ctx_.config.fallback_address)) return Role::kFallback;
  if (SameEmail(email, c.handler_email)) return Role::kHandler;
  if (c.reached_stage_two && SameEmail(email, ctx_.config.reviewer_address)) return Role::kReviewer;
  return std::nullopt;
}

std::string CaseMail::NameOf(const std::string& email) const { return ctx_.StaffName(email); }

LetterFields CaseMail::Fields(const CaseRecord& c) const {
  const Config& cfg = ctx_.config;
  LetterFields f;
  const std::string who =
      c.anonymous ? "Complainant (anonymous)"
      : c.complainant_email.empty()
          ? (c.complainant_name.empty() ? "(no name or address given)" : c.complainant_name)
          : FormatAddress({c.complainant_name, c.complainant_email});
  f.values = {
      {"reference", c.reference},
      {"organisation", cfg.organisation_name},
      {"complainant_name", c.complainant_name.empty() ? "Sir or Madam" : c.complainant_name},
      {"complainant", who},
      {"handler_name", NameOf(c.handler_email)},
      {"handler_email", c.handler_email},
      {"fallback_name", cfg.fallback_name},
      {"reviewer_name", cfg.reviewer_name},
      {"subject", c.subject},
      {"intake_address", cfg.intake_address},
      {"received", FormatDateForPeople(ctx_.zone.LocalDate(c.received_at))},
      {"today", FormatDateForPeople(ctx_.zone.LocalDate(now_))},
      {"respond_due", Human(c.respond_due)},
      {"respond_days", std::to_string(cfg.respond_days)},
      {"acknowledge_days", std::to_string(cfg.acknowledge_days)},
      {"acknowledge_due", Human(c.acknowledge_due)},
      {"appeal_due", Human(c.appeal_due)},
      {"appeal_days", std::to_string(cfg.appeal_days)},
      {"review_due", Human(c.review_due)},
      {"review_days", std::to_string(cfg.review_days)},
      {"retention_years", std::to_string(cfg.retention_years)},
      {"keyword_help", KeywordHelp(Role::kHandler, c.phase)}};
  f.flags = {{"anonymous", c.anonymous}, {"stage_two", c.phase == Phase::kStageTwo}};
  return f;
}

std::string CaseMail::ForStaff(const CaseRecord& c, const std::string& words) const {
  return c.anonymous ? RedactForStaff(words, {c.complainant_name, c.complainant_email}) : words;
}

bool AutomaticMailCapReached(SQLite::Database& db, const std::string& recipient, Instant now) {
  const AutomaticAnswerCount n = Outbox(db).AutomaticAnswersTo(
      recipient, now - std::chrono::minutes(10), now - std::chrono::hours(24));
  return n.recent >= 3 || n.day >= 20;
}

bool CaseMail::Send(const CaseRecord& c, const std::string& letter, const Address& to,
                    const LetterFields& fields, const std::string& auto_submitted,
                    const std::vector<Attachment>& attachments) {
  CaseStore cases(db_);
  if (c.Names(to.email)) {
    cases.AddEvent(c.id, now_, CaseEventKind::kWithheld,
                   letter + " not sent: the complaint names its recipient");
    return false;
  }
  if (!IsDeliverableAddress(to.email)) {
    cases.AddEvent(c.id, now_, CaseEventKind::kNotSent,
                   letter + " not sent: the address is missing or not one mail may be sent to");
    return false;
  }
  const bool staff = IsStaff(to.email);
  // Only letters that answer incoming mail by themselves can feed a mail loop;
  // letters a person caused (a relayed reply, an outcome) always go.
  const bool answers_mail = AnswersIncomingMail(letter);
  if (!staff && answers_mail && AutomaticMailCapReached(db_, to.email, now_)) {
    cases.AddEvent(c.id, now_, CaseEventKind::kHeldBack,
                   letter + " to " + MaskEmail(to.email) +
                       " held back: automatic-mail cap reached (loop guard)");
    return false;
  }
  // Each person is offered exactly the keywords their role may use now.
  LetterFields own = fields;
  if (const std::optional<Role> role = RoleOf(c, to.email))
    own.values["keyword_help"] = KeywordHelp(*role, c.phase);
  auto rendered = ctx_.templates.Render(letter, own);
  if (!rendered.ok()) throw std::runtime_error(rendered.status().message());
  LetterAddressing a{letter, c.id, c.reference, to, "", {}, auto_submitted, attachments};
  // Threads outside mail under the complaint; staff never get an anonymous sender's Message-ID.
  if (!c.thread_id.empty() && (!staff || !c.anonymous)) a.in_reply_to = c.thread_id;
  Outbox outbox(db_);
  LetterPost(ctx_, outbox, tokens_, now_).Enqueue(a, rendered.value());
  cases.AddEvent(c.id, now_, CaseEventKind::kLetter,
                 letter + " to " + (staff ? NameOf(to.email) : "the complainant"));
  return true;
}

bool CaseMail::ToComplainant(const CaseRecord& c, const std::string& letter,
                             const LetterFields& fields) {
  // An address that is there but unusable (malformed, hostile) is refused by Send.
  if (!c.complainant_email.empty())
    return Send(c, letter, {c.complainant_name, c.complainant_email}, fields, "auto-replied");
  // No address at all (a complaint made by phone or in person): the handler is
  // given the letter to send by post or read out by phone. An anonymous complainant's
  // handler does not know who they are, so for them it is only recorded.
  CaseStore cases(db_);
  if (c.anonymous) {
    cases.AddEvent(c.id, now_, CaseEventKind::kNotSent,
                   letter + " not sent: the anonymous complainant gave no email address");
    return false;
  }
  auto rendered = ctx_.templates.Render(letter, fields);
  if (!rendered.ok()) throw std::runtime_error(rendered.status().message());
  LetterFields f = Fields(c);
  f.values["letter_subject"] = rendered.value().subject;
  f.values["letter"] = rendered.value().body;
  Send(c, "letter_for_post", {NameOf(c.handler_email), c.handler_email}, f, "auto-generated");
  return false;  // nothing went to the complainant
}

}  // namespace intaked
