#include "engine/case_mail.h"

#include "calendar/local_zone.h"
#include "engine/letter_post.h"
#include "letters/automatic_answers.h"
#include "mail/address.h"
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

std::string CaseMail::NameOf(const std::string& email) const {
  const Config& cfg = ctx_.config;
  for (const CoChairSettings& cc : cfg.co_chairs) {
    if (SameEmail(email, cc.identity.address)) return cc.identity.name;
  }
  if (SameEmail(email, cfg.reviewer_address)) return cfg.reviewer_name;
  if (SameEmail(email, cfg.fallback_address)) return cfg.fallback_name;
  return email;
}

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
      {"appeal_due", Human(c.appeal_due)},
      {"appeal_days", std::to_string(cfg.appeal_days)},
      {"review_due", Human(c.review_due)},
      {"review_days", std::to_string(cfg.review_days)},
      {"retention_years", std::to_string(cfg.retention_years)},
      {"keyword_help", KeywordHelp()}};
  f.flags = {{"anonymous", c.anonymous}, {"stage_two", c.phase == "stage2"}};
  return f;
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
    cases.AddEvent(c.id, now_, "withheld", letter + " not sent: the complaint names its recipient");
    return false;
  }
  if (!IsDeliverableAddress(to.email)) {
    cases.AddEvent(c.id, now_, "not-sent",
                   letter + " not sent: the address is missing or not one mail may be sent to");
    return false;
  }
  const bool staff = IsStaff(to.email);
  // Only letters that answer incoming mail by themselves can feed a mail loop;
  // letters a person caused (a relayed reply, an outcome) always go.
  const bool answers_mail = AnswersIncomingMail(letter);
  if (!staff && answers_mail && AutomaticMailCapReached(db_, to.email, now_)) {
    cases.AddEvent(c.id, now_, "held-back",
                   letter + " to " + MaskEmail(to.email) +
                       " held back: automatic-mail cap reached (loop guard)");
    return false;
  }
  auto rendered = ctx_.templates.Render(letter, fields);
  if (!rendered.ok()) throw std::runtime_error(rendered.status().message());
  LetterAddressing a{letter, c.id, c.reference, to, "", {}, auto_submitted, attachments};
  // Threads outside mail under the complaint; staff never get an anonymous sender's Message-ID.
  if (!c.thread_id.empty() && (!staff || !c.anonymous)) a.in_reply_to = c.thread_id;
  Outbox outbox(db_);
  LetterPost(ctx_, outbox, tokens_, now_).Enqueue(a, rendered.value());
  cases.AddEvent(c.id, now_, "letter",
                 letter + " to " + (staff ? NameOf(to.email) : "the complainant"));
  return true;
}

bool CaseMail::ToComplainant(const CaseRecord& c, const std::string& letter,
                             const LetterFields& fields) {
  if (c.complainant_email.empty()) return false;
  return Send(c, letter, {c.complainant_name, c.complainant_email}, fields, "auto-replied");
}

}  // namespace intaked
