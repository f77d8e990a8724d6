// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/possible_complaint.h"

#include "engine/letter_post.h"
#include "mail/address.h"
#include "procedure/anonymity_redaction.h"
#include "store/message_log.h"
#include "store/outbox.h"

namespace intaked {
namespace {

constexpr const char* kNote = "possible_complaint_note";

NewComplaint ComplaintOf(const MessageReading& r, const std::string& why) {
  const Message& m = r.message;
  return {
      m.from.value_or(Address{}), m.subject,       r.own_text, m.attachments, m.message_id, &m, why,
      r.sent_straight_to,         r.asks_anonymity};
}

// The co-chair whose mailbox a message was first read from, by its state key.
std::optional<size_t> MailboxOwner(const Config& cfg, const std::string& mailbox_key) {
  for (size_t i = 0; i < cfg.co_chairs.size(); ++i) {
    const std::string& a = cfg.co_chairs[i].identity.address;
    if (mailbox_key.size() > a.size() && SameEmail(mailbox_key.substr(0, a.size()), a) &&
        mailbox_key[a.size()] == '/')
      return i;
  }
  return std::nullopt;
}

}  // namespace

std::string AskAboutPossibleComplaint(const ProcedureContext& ctx, SQLite::Database& db,
                                      TokenSource& tokens, Instant now, const MessageReading& r,
                                      std::optional<size_t> mailbox_owner) {
  const Config& cfg = ctx.config;
  const NewComplaint n = ComplaintOf(r, r.verdict.reason);
  const RoutingDecision route =
      RouteComplaint(ctx, db, n, {"", mailbox_owner, r.received}).decision;
  const Address to = route.co_chair ? Address{cfg.co_chairs[*route.co_chair].identity.name,
                                              cfg.co_chairs[*route.co_chair].identity.address}
                                    : Address{cfg.fallback_name, cfg.fallback_address};
  const Address who = r.message.from.value_or(Address{});
  LetterFields f;
  f.values = {{"handler_name", to.name},
              {"intake_address", cfg.intake_address},
              {"organisation", cfg.organisation_name},
              {"received", FormatDateForPeople(ctx.zone.LocalDate(r.received))},
              {"subject", r.message.subject},
              {"sender", r.asks_anonymity ? "(asked not to be named)" : FormatAddress(who)},
              {"text", r.asks_anonymity ? RedactForStaff(r.own_text, who) : r.own_text},
              {"attachment_count", std::to_string(r.message.attachments.size())}};
  f.flags = {{"anonymous", r.asks_anonymity}, {"has_attachments", !r.message.attachments.empty()}};
  auto letter = ctx.templates.Render(kNote, f);
  if (!letter.ok()) throw std::runtime_error(letter.status().message());
  Outbox outbox(db);
  LetterPost(ctx, outbox, tokens, now)
      .Enqueue({kNote, std::nullopt, "", to, "", {}, "auto-generated", {}}, letter.value());
  return to.email;
}

PossibleComplaintAnswer OpenPossibleComplaint(const ProcedureContext& ctx, SQLite::Database& db,
                                              TokenSource& tokens, Instant now,
                                              const MessageReading& reply) {
  Outbox outbox(db);
  MessageLog log(db);
  for (const std::string& id : reply.answers) {
    const auto note = outbox.FindByMessageId(id);
    // Only the person the note went to may answer it: its Message-ID is their proof.
    if (!note || note->purpose != kNote || !SameEmail(note->recipient, reply.from)) continue;
    PossibleComplaintAnswer out{true, std::nullopt, ""};
    const auto original_id = outbox.MessageAbout(id);
    const auto original = original_id ? log.Find(*original_id) : std::nullopt;
    if (!original || !original->raw) {
      out.detail = "the message the note was about is no longer held";
      return out;
    }
    if (original->kind != "possible_complaint") {
      out.detail = "the message the note was about was opened before";
      return out;
    }
    FetchedMail fm;
    fm.raw = *original->raw;
    fm.internal_date = original->received_at;
    const MessageReading r = ReadMessage(fm, ctx, now);
    const std::string why =
        "might have been a complaint; opened by " + ctx.StaffName(reply.from) + " (#complaint)";
    const OpenedCase opened =
        CaseOpening(ctx, db, tokens, now)
            .Open(ComplaintOf(r, why),
                  {original->mailbox, MailboxOwner(ctx.config, original->mailbox), r.received});
    log.Reclassify(*original_id, "complaint", opened.id);
    out.opened = opened;
    return out;
  }
  return {};
}

}  // namespace intaked
