// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/message_reading.h"

#include <fmt/format.h>

#include <algorithm>

#include "engine/case_opening.h"
#include "mail/address.h"
#include "mail/mime_parser.h"

namespace intaked {
namespace {

std::optional<size_t> CoChairIndex(const Config& cfg, const std::string& email) {
  for (size_t i = 0; i < cfg.co_chairs.size(); ++i) {
    if (SameEmail(email, cfg.co_chairs[i].identity.address)) return i;
  }
  return std::nullopt;
}

// The one co-chair the message is addressed to, when exactly one is.
std::optional<size_t> SentStraightTo(const Message& m, const Config& cfg) {
  std::optional<size_t> only;
  for (size_t i = 0; i < cfg.co_chairs.size(); ++i) {
    if (!AddressedTo(m, cfg.co_chairs[i].identity.address)) continue;
    if (only) return std::nullopt;
    only = i;
  }
  return only;
}

std::vector<std::string> Answers(const Message& m) {
  std::vector<std::string> ids;
  if (!m.in_reply_to.empty()) ids.push_back(m.in_reply_to);
  for (auto it = m.references.rbegin(); it != m.references.rend(); ++it) {
    if (std::find(ids.begin(), ids.end(), *it) == ids.end()) ids.push_back(*it);
  }
  return ids;
}

}  // namespace

// FNV-1a, in hex: stable across runs and builds.
std::string StableDigest(std::string_view bytes) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return fmt::format("{:016x}", h);
}

std::string DedupKey(const Message& m) {
  if (!m.message_id.empty()) return m.message_id;
  // Hash what the sender wrote, not the trace headers each mailbox's delivery
  // adds, so one message without an id is still one message in two mailboxes.
  std::string content = (m.from ? m.from->email : "") + "\n" + m.subject + "\n" +
                        (m.date ? std::to_string(m.date->time_since_epoch().count()) : "") + "\n" +
                        m.body;
  for (const Attachment& at : m.attachments)
    content += "\n" + at.filename + ":" + std::to_string(at.size);
  return fmt::format("no-message-id.{}.{}@intaked.invalid", StableDigest(content), content.size());
}

std::optional<Instant> ForwardedSentAt(const ForwardedMessage& f, const LocalZone& zone) {
  if (!f.sent_local) return std::nullopt;
  if (f.utc_offset) return Instant{f.sent_local->time_since_epoch() - *f.utc_offset};
  return zone.FromLocal(*f.sent_local);
}

MessageReading ReadMessage(const FetchedMail& fm, const ProcedureContext& ctx, Instant now) {
  const Config& cfg = ctx.config;
  MessageReading r;
  r.message = ParseMessage(fm.raw);
  Message& m = r.message;
  m.message_id = DedupKey(m);
  // Never later than our own clock: a server clock ahead of ours, or a replay
  // (`run --now`) of a mailbox holding later mail, must not date a complaint
  // in the future and so push its deadlines out.
  r.received = std::min(now, fm.internal_date.time_since_epoch().count() > 0 ? fm.internal_date
                             : m.date                                        ? *m.date
                                                                             : now);
  if (fm.truncated) {
    // Over polling's size limit: only the header was fetched. Say so wherever the text would be.
    m.body = "[This message is larger than intaked reads (" +
             std::to_string(cfg.max_message_bytes >> 20) +
             " MB); open it in the mailbox to read it.]";
    m.defects.push_back("too large: header only");
  }
  r.from = m.from ? m.from->email : "";
  r.writer_co_chair = CoChairIndex(cfg, r.from);
  r.to_intake = AddressedTo(m, cfg.intake_address);
  r.sent_straight_to = SentStraightTo(m, cfg);

  ReplyText split = SplitReply(m.body, m.subject);
  r.own_text = std::move(split.own);
  r.quoted = std::move(split.quoted);
  r.forwarded = std::move(split.forwarded);
  r.command = ParseReplyCommand(r.own_text);
  r.answers = Answers(m);

  r.automated = AutomatedReason(m, ctx.rules);
  // A friend forwarding a parent's complaint ("see below") sends us the parent's words:
  // they are read with the sender's own.
  const std::string words = r.forwarded ? r.own_text + "\n\n" + r.forwarded->text : r.own_text;
  r.verdict = r.automated.empty() ? ClassifyText(m.subject, words, ctx.rules)
                                  : Classification{MessageKind::kAutomated, r.automated};
  r.review = ReadReviewRequest(r.own_text);
  r.asks_anonymity = AsksForAnonymity(m.subject + "\n" + words);
  return r;
}

}  // namespace intaked
