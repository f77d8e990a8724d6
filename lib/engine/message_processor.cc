#include "engine/message_processor.h"

#include <fmt/format.h>

#include <algorithm>

#include "engine/case_opening.h"
#include "engine/case_reply.h"
#include "engine/intake_command.h"
#include "mail/address.h"
#include "mail/mime_parser.h"
#include "mail/quoted_text.h"
#include "procedure/case_reference.h"
#include "procedure/classification.h"
#include "procedure/reply_command.h"
#include "store/case_store.h"
#include "store/message_log.h"
#include "store/outbox.h"

namespace intaked {
namespace {

// The case a reply belongs to: by the ids it answers, then by [REF] in the subject.
std::optional<int64_t> FindCase(SQLite::Database& db, const Message& m, const std::string& prefix) {
  std::vector<std::string> ids = m.references;
  if (!m.in_reply_to.empty()) ids.insert(ids.begin(), m.in_reply_to);
  Outbox outbox(db);
  MessageLog log(db);
  for (const std::string& id : ids) {
    if (auto sent = outbox.FindByMessageId(id); sent && sent->case_id) return sent->case_id;
    if (auto c = log.CaseOf(id)) return c;
  }
  if (auto ref = FindCaseReference(m.subject, prefix)) {
    if (auto c = CaseStore(db).FindByReference(*ref)) return c->id;
  }
  return std::nullopt;
}

// FNV-1a, in hex: stable across runs and builds.
std::string Fnv(std::string_view bytes) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return fmt::format("{:016x}", h);
}

}  // namespace

std::string DedupKey(const Message& m) {
  if (!m.message_id.empty()) return m.message_id;
  // Hash what the sender wrote, not the trace headers each mailbox's delivery
  // adds, so one message without an id is still one message in two mailboxes.
  std::string content = (m.from ? m.from->email : "") + "\n" + m.subject + "\n" +
                        (m.date ? std::to_string(m.date->time_since_epoch().count()) : "") + "\n" +
                        m.body;
  for (const Attachment& at : m.attachments)
    content += "\n" + at.filename + ":" + std::to_string(at.size);
  return fmt::format("no-message-id.{}.{}@intaked.invalid", Fnv(content), content.size());
}

ProcessOutcome MessageProcessor::Process(const FetchedMail& fm, const FolderRole& role,
                                         Instant now) {
  Message m = ParseMessage(fm.raw);
  m.message_id = DedupKey(m);
  // Never later than our own clock: a server clock ahead of ours, or a replay
  // (`run --now`) of a mailbox holding later mail, must not date a complaint
  // in the future and so push its deadlines out.
  const Instant received =
      std::min(now, fm.internal_date.time_since_epoch().count() > 0 ? fm.internal_date
                    : m.date                                        ? *m.date
                                                                    : now);
  MessageLog log(db_);
  if (log.Contains(m.message_id)) return {"duplicate", "", "already processed"};
  const std::string from = m.from ? m.from->email : "";
  auto record = [&](const std::string& kind, const std::string& why, std::optional<int64_t> case_id,
                    bool details, bool keep_raw) {
    log.Record({m.message_id, role.key, received, kind, why, case_id, details ? from : "",
                details ? m.subject : "",
                keep_raw ? std::optional<std::string>(fm.raw) : std::nullopt});
  };
  if (Outbox(db_).FindByMessageId(m.message_id)) {
    record("own", "a letter intaked sent", std::nullopt, false, false);
    return {"own", "", "our own letter"};
  }
  if (SameEmail(from, ctx_.config.intake_address)) {
    record("own", "sent from the intake address", std::nullopt, false, false);
    return {"own", "", "from the intake address"};
  }
  if (fm.truncated) {
    // Over polling's size limit: only the header was fetched. Say so wherever the text would be.
    m.body = "[This message is larger than intaked reads (" +
             std::to_string(ctx_.config.max_message_bytes >> 20) +
             " MB); open it in the mailbox to read it.]";
    m.defects.push_back("too large: header only");
  }
  const std::string own_text = StripQuotedText(m.body);
  const std::optional<int64_t> case_id = FindCase(db_, m, ctx_.config.reference_prefix);
  const std::optional<size_t> writer = CoChairIndex(from);
  const ReplyCommand cmd = ParseReplyCommand(own_text);
  const bool intake_command =
      !case_id && writer && AddressedTo(m, ctx_.config.intake_address) &&
      (cmd.keyword == Keyword::kComplaint || cmd.keyword == Keyword::kCompliment);

  if (case_id) {
    const auto c = CaseStore(db_).FindById(*case_id);
    const std::string owner =
        role.sent && role.co_chair ? ctx_.config.co_chairs[*role.co_chair].identity.address : "";
    const CaseReplyOutcome out =
        HandleCaseMessage(ctx_, db_, tokens_, now, *c, {m, own_text, owner, received});
    // Not recorded: the copy in the writer's Sent folder is the one acted on.
    if (out.kind == CaseReplyKind::kDeferred) return {"deferred", c->reference, out.detail};
    const std::string kind = out.kind == CaseReplyKind::kAutomated ? "automated" : "correspondence";
    record(kind, StorageName(out.kind), case_id, true, true);
    return {kind, c->reference, out.detail};
  }
  if (intake_command) {
    const bool from_own_sent = role.sent && role.co_chair == writer;
    // Every co-chair mailbox intaked reads has its Sent folder read too.
    const bool sent_is_read = ctx_.config.co_chairs[*writer].mailbox.has_value();
    if (!from_own_sent && sent_is_read) {
      // Not recorded: the copy in their Sent folder proves who wrote it, and is acted on there.
      return {"deferred", "", "a co-chair's command; acted on from their Sent folder"};
    }
    if (!from_own_sent) {
      // Without their Sent folder nothing proves the From: a forger could open cases at will.
      record("other",
             "#complaint/#compliment from a co-chair whose Sent folder is not read: not acted on",
             std::nullopt, true, true);
      return {"other", "", "co-chair command not acted on: configure their mailbox (imap_url)"};
    }
    const auto done =
        HandleIntakeCommand(ctx_, db_, tokens_, now, m, *writer, cmd, {role.key, writer, received});
    record(done.kind, "#" + done.kind + " logged by a co-chair", done.case_id, true, true);
    return {done.kind, done.reference, "logged by a co-chair"};
  }
  if (role.sent) {  // the rest of a co-chair's own outgoing mail is none of intaked's business
    record("other", "sent mail", std::nullopt, false, false);
    return {"other", "", "co-chair's own sent mail"};
  }
  const Classification cl = Classify(m, ctx_.rules);
  switch (cl.kind) {
    case MessageKind::kAutomated:
      record("automated", cl.reason, std::nullopt, true, false);
      return {"automated", "", cl.reason};
    case MessageKind::kComplaint: {
      NewComplaint n{*m.from, m.subject, own_text, m.attachments, m.message_id, &m, cl.reason};
      const OpenedCase c =
          CaseOpening(ctx_, db_, tokens_, now).Open(n, {role.key, role.co_chair, received});
      record("complaint", cl.reason, c.id, true, true);
      return {"complaint", c.reference,
              "routed to " + MaskEmail(c.handler_email) + " (" + c.route_reason + ")"};
    }
    case MessageKind::kCompliment:
      HandleCompliment(ctx_, db_, tokens_, now, {*m.from, m.subject, own_text, ""});
      record("compliment", cl.reason, std::nullopt, true, false);
      return {"compliment", "", cl.reason};
    case MessageKind::kDoubtful:  // "might be a complaint": a person decides (issue 10)
    case MessageKind::kOther:
      break;
  }
  // Left for people. In a co-chair's own mailbox nothing beyond the id is kept.
  record("other", cl.reason, std::nullopt, !role.co_chair.has_value(), false);
  return {"other", "", cl.reason};
}

std::optional<size_t> MessageProcessor::CoChairIndex(const std::string& email) const {
  for (size_t i = 0; i < ctx_.config.co_chairs.size(); ++i) {
    if (SameEmail(email, ctx_.config.co_chairs[i].identity.address)) return i;
  }
  return std::nullopt;
}

void MessageProcessor::RecordFailure(const FetchedMail& fm, const FolderRole& role, Instant now,
                                     const std::string& error, bool read_headers) {
  // The message has already failed: read no more of it than its Message-ID
  // and the fields a person needs to find it, trust no parse of it not to
  // throw again - and after it killed the process, do not parse it at all.
  std::string id, from, subject;
  if (read_headers) {
    try {
      const Message m = ParseMessage(std::string_view(fm.raw).substr(0, 64 * 1024));
      id = m.message_id;
      from = m.from ? m.from->email : "";
      subject = m.subject.substr(0, 200);
    } catch (const std::exception&) {
    }
  }
  MessageLog log(db_);
  if (id.empty() || log.Contains(id)) id = "unprocessable." + Fnv(fm.raw) + "@intaked.invalid";
  if (log.Contains(id)) return;  // the same bytes, set aside before
  const Instant stamped = fm.internal_date.time_since_epoch().count() > 0 ? fm.internal_date : now;
  // A co-chair's own mail stays in their mailbox: only intake's is kept here.
  log.Record({id, role.key, std::min(now, stamped), "unprocessable", error, std::nullopt, from,
              subject, role.co_chair ? std::nullopt : std::optional<std::string>(fm.raw)});
}

}  // namespace intaked
