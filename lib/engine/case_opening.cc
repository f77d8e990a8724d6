// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/case_opening.h"

#include <fmt/format.h>

#include "base/text.h"
#include "engine/case_mail.h"
#include "mail/address.h"
#include "procedure/case_reference.h"
#include "procedure/complainant_requests.h"
#include "procedure/deadlines.h"
#include "procedure/naming.h"
#include "store/case_store.h"

namespace intaked {
namespace {

// Most mail servers refuse messages over 25 MB; base64 adds a third.
constexpr size_t kMaxForwardedBytes = 15u * 1024 * 1024;

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out += (i + 1 == names.size()) ? " and " : ", ";
    out += names[i];
  }
  return out;
}

std::string NoAcknowledgementReason(const NewComplaint& n, const CaseRecord& c) {
  if (n.message && n.message->from_unusable)
    return "the sender's address is malformed or unsafe (it could have been used to attack our "
           "mail server), so nothing is sent to it";
  if (c.complainant_email.empty())
    return c.anonymous ? "no email address was given"
                       : "no email address was given; the acknowledgement has come to you in a "
                         "separate email, to send by post or read out by phone";
  return "held back by the loop guard: too many automatic letters to this address today";
}

}  // namespace

std::string HumanSize(size_t bytes) {
  if (bytes < 1024) return fmt::format("{} bytes", bytes);
  if (bytes < 1024 * 1024) return fmt::format("{} KB", (bytes + 512) / 1024);
  return fmt::format("{:.1f} MB", double(bytes) / (1024.0 * 1024.0));
}

bool AddressedTo(const Message& m, const std::string& email) {
  for (const auto* list : {&m.to, &m.cc}) {
    for (const Address& a : *list) {
      if (SameEmail(a.email, email)) return true;
    }
  }
  return false;
}

ComplaintRoute RouteComplaint(const ProcedureContext& ctx, SQLite::Database& db,
                              const NewComplaint& n, const Arrival& arrival) {
  const Config& cfg = ctx.config;
  CaseStore cases(db);
  RoutingInput in;
  in.named =
      NamedCoChairs({n.subject + "\n" + n.own_text, n.sent_straight_to}, ctx.CoChairIdentities());
  for (size_t i = 0; i < cfg.co_chairs.size(); ++i) {
    const std::string& email = cfg.co_chairs[i].identity.address;
    in.received_directly.push_back(arrival.co_chair == i ||
                                   (n.message && AddressedTo(*n.message, email)));
    in.open_cases.push_back(cases.OpenCasesHandledBy(email));
  }
  return {in.named, Route(in)};
}

OpenedCase CaseOpening::Open(const NewComplaint& n, const Arrival& arrival) {
  const Config& cfg = ctx_.config;
  CaseStore cases(db_);
  const ComplaintRoute routed = RouteComplaint(ctx_, db_, n, arrival);
  const RoutingDecision& route = routed.decision;

  CaseRecord c;
  const date::sys_days day0 = ctx_.zone.LocalDate(arrival.received);
  c.year = int(date::year_month_day(day0).year());
  c.seq = cases.NextSequence(c.year);
  c.reference = FormatCaseReference(cfg.reference_prefix, c.year, c.seq);
  c.subject = n.subject;
  c.complainant_name = n.complainant.name;
  c.complainant_email = n.complainant.email;
  c.anonymous = n.anonymous;
  c.received_at = arrival.received;
  c.thread_id = n.thread_id;
  c.handler_email =
      route.co_chair ? cfg.co_chairs[*route.co_chair].identity.address : cfg.fallback_address;
  std::vector<std::string> named_names;
  for (size_t i = 0; i < routed.named.size(); ++i) {
    if (!routed.named[i]) continue;
    c.named_emails.push_back(cfg.co_chairs[i].identity.address);
    named_names.push_back(cfg.co_chairs[i].identity.name);
  }
  c.acknowledge_due = FormatIsoDate(
      WorkingDaysAfter(ctx_.calendar, ctx_.zone, arrival.received, cfg.acknowledge_days).day);
  c.respond_due = FormatIsoDate(
      WorkingDaysAfter(ctx_.calendar, ctx_.zone, arrival.received, cfg.respond_days).day);
  cases.Create(c);
  cases.AddEvent(c.id, now_, CaseEventKind::kOpened, n.why);
  cases.AddEvent(c.id, now_, CaseEventKind::kRouted, "to " + c.handler_email + ": " + route.reason);
  cases.AddEvent(c.id, now_, CaseEventKind::kComplaint, n.own_text, Role::kComplainant);
  if (c.anonymous)
    cases.AddEvent(c.id, now_, CaseEventKind::kAnonymous, "the complainant asked not to be named");

  CaseMail mail(ctx_, db_, tokens_, now_);
  LetterFields f = mail.Fields(c);
  f.values["handler_role"] = route.co_chair ? "one of our co-chairs" : "our " + cfg.fallback_name;
  f.values["acknowledged"] = FormatDateForPeople(ctx_.zone.LocalDate(now_));
  f.values["complaint_text"] = TrimRight(mail.ForStaff(c, n.own_text));
  f.values["named_others"] = JoinNames(named_names);
  f.flags["names_someone"] = !named_names.empty();
  f.flags["has_address"] = !c.complainant_email.empty();
  f.flags["has_attachments"] = !n.attachments.empty();
  for (const Attachment& a : n.attachments) {
    f.lists["attachments"].push_back({{"name", c.anonymous ? "a file" : a.filename},
                                      {"type", a.content_type},
                                      {"size", HumanSize(a.size)}});
  }
  // The handler is told the truth: an acknowledgement that did not go is theirs to give.
  // A From that was there but unusable (malformed, hostile) gets nothing, not even by
  // post: the handler's notification says so.
  const bool unusable = n.message && n.message->from_unusable;
  const bool acknowledged = !unusable && mail.ToComplainant(c, "acknowledgement", f);
  if (acknowledged) {
    c.acknowledged = true;
    cases.Save(c);
    cases.AddEvent(c.id, now_, CaseEventKind::kAcknowledged,
                   "acknowledgement queued to the complainant");
  } else {
    const std::string why = NoAcknowledgementReason(n, c);
    cases.AddEvent(c.id, now_, CaseEventKind::kNotAcknowledged, why);
    f.values["no_ack_reason"] = why;
  }
  f.flags["ack_sent"] = acknowledged;
  f.values["acknowledge_due"] = FormatDateForPeople(*ParseIsoDate(c.acknowledge_due));
  // The handler gets the complainant's files too, unless they are too big for mail.
  size_t total = 0;
  for (const Attachment& a : n.attachments) total += a.size;
  // An anonymous complainant's files can name them: staff see their type and size only.
  const bool attach = total <= kMaxForwardedBytes && !c.anonymous;
  f.flags["attachments_withheld"] = c.anonymous;
  f.flags["attachments_attached"] = attach;
  mail.Send(c, "handler_notification", {mail.NameOf(c.handler_email), c.handler_email}, f,
            "auto-generated", attach ? n.attachments : std::vector<Attachment>{});
  return {c.id, c.reference, c.handler_email, route.reason};
}

}  // namespace intaked
