#include "engine/case_opening.h"

#include <fmt/format.h>

#include "engine/letter_post.h"
#include "mail/address.h"
#include "mail/quoted_text.h"
#include "procedure/case_reference.h"
#include "procedure/deadlines.h"
#include "procedure/naming.h"
#include "procedure/routing.h"
#include "store/case_store.h"
#include "store/message_log.h"
#include "store/outbox.h"

namespace intaked {
namespace {

std::string HumanSize(size_t bytes) {
  if (bytes < 1024) return fmt::format("{} bytes", bytes);
  if (bytes < 1024 * 1024) return fmt::format("{} KB", (bytes + 512) / 1024);
  return fmt::format("{:.1f} MB", double(bytes) / (1024.0 * 1024.0));
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out += (i + 1 == names.size()) ? " and " : ", ";
    out += names[i];
  }
  return out;
}

}  // namespace

std::string TrimTrailing(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  return s;
}

bool AddressedTo(const Message& m, const std::string& email) {
  for (const auto* list : {&m.to, &m.cc}) {
    for (const Address& a : *list) {
      if (SameEmail(a.email, email)) return true;
    }
  }
  return false;
}

OpenedCase CaseOpening::OpenComplaint(const Message& m, const Arrival& arrival,
                                      const std::string& raw, const std::string& why) {
  const Config& cfg = ctx_.config;
  CaseStore cases(db_);
  const std::string own_text = m.subject + "\n" + StripQuotedText(m.body);

  RoutingInput route_in;
  route_in.named = NamedCoChairs(own_text, ctx_.CoChairIdentities());
  for (size_t i = 0; i < cfg.co_chairs.size(); ++i) {
    const std::string& email = cfg.co_chairs[i].identity.address;
    route_in.received_directly.push_back(arrival.co_chair == i || AddressedTo(m, email));
    route_in.open_cases.push_back(cases.OpenCasesHandledBy(email));
  }
  const RoutingDecision route = Route(route_in);

  CaseRecord c;
  const date::sys_days day0 = ctx_.zone.LocalDate(arrival.received);
  c.year = int(date::year_month_day(day0).year());
  c.seq = cases.NextSequence(c.year);
  c.reference = FormatCaseReference(cfg.reference_prefix, c.year, c.seq);
  c.subject = m.subject;
  c.complainant_name = m.from ? m.from->name : "";
  c.complainant_email = m.from ? m.from->email : "";
  c.received_at = arrival.received;
  std::string handler_name;
  if (route.co_chair) {
    c.handler_email = cfg.co_chairs[*route.co_chair].identity.address;
    handler_name = cfg.co_chairs[*route.co_chair].identity.name;
  } else {
    c.handler_email = cfg.fallback_address;
    handler_name = cfg.fallback_name;
  }
  std::vector<std::string> named_names;
  for (size_t i = 0; i < route_in.named.size(); ++i) {
    if (!route_in.named[i]) continue;
    c.named_emails.push_back(cfg.co_chairs[i].identity.address);
    named_names.push_back(cfg.co_chairs[i].identity.name);
  }
  const Deadline ack =
      WorkingDaysAfter(ctx_.calendar, ctx_.zone, arrival.received, cfg.acknowledge_days);
  const Deadline respond =
      WorkingDaysAfter(ctx_.calendar, ctx_.zone, arrival.received, cfg.respond_days);
  c.acknowledge_due = FormatIsoDate(ack.day);
  c.respond_due = FormatIsoDate(respond.day);
  cases.Create(c);

  cases.AddEvent(c.id, now_, "opened", why);
  cases.AddEvent(c.id, now_, "routed", "to " + c.handler_email + ": " + route.reason);
  MessageLog(db_).Record({m.message_id, arrival.mailbox, arrival.received, "complaint", why, c.id,
                          c.complainant_email, m.subject, raw});

  Outbox outbox(db_);
  LetterPost post(ctx_, outbox, tokens_, now_);
  LetterFields f;
  f.values = {
      {"reference", c.reference},
      {"organisation", cfg.organisation_name},
      {"complainant_name", c.complainant_name.empty() ? "Sir or Madam" : c.complainant_name},
      {"complainant", m.from ? FormatAddress(*m.from) : "(no address)"},
      {"handler_name", handler_name},
      {"handler_role", route.co_chair ? "one of our co-chairs" : "our " + cfg.fallback_name},
      {"respond_due", FormatDateForPeople(respond.day)},
      {"respond_days", std::to_string(cfg.respond_days)},
      {"acknowledged", FormatDateForPeople(ctx_.zone.LocalDate(now_))},
      {"received", FormatDateForPeople(day0)},
      {"retention_years", std::to_string(cfg.retention_years)},
      {"intake_address", cfg.intake_address},
      {"subject", m.subject},
      {"complaint_text", TrimTrailing(m.body)},
      {"named_others", JoinNames(named_names)}};
  f.flags = {{"names_someone", !named_names.empty()}, {"has_attachments", !m.attachments.empty()}};
  for (const Attachment& a : m.attachments) {
    f.lists["attachments"].push_back(
        {{"name", a.filename}, {"type", a.content_type}, {"size", HumanSize(a.size)}});
  }
  auto render = [&](const char* name) {
    auto letter = ctx_.templates.Render(name, f);
    if (!letter.ok()) throw std::runtime_error(letter.status().message());
    return letter.value();
  };
  if (!c.complainant_email.empty()) {
    post.Enqueue({"acknowledgement", c.id, c.reference, *m.from, &m, "auto-replied"},
                 render("acknowledgement"));
    cases.AddEvent(c.id, now_, "acknowledged", "acknowledgement queued to the complainant");
  }
  post.Enqueue({"handler_notification",
                c.id,
                c.reference,
                {handler_name, c.handler_email},
                &m,
                "auto-generated"},
               render("handler_notification"));
  cases.AddEvent(c.id, now_, "notified", "notification queued to " + c.handler_email);
  return {c.id, c.reference, c.handler_email, route.reason};
}

}  // namespace intaked
