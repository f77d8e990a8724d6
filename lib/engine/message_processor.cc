// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/message_processor.h"

#include <fmt/format.h>

#include <algorithm>

#include "engine/case_opening.h"
#include "engine/case_reply.h"
#include "engine/intake_command.h"
#include "engine/possible_complaint.h"
#include "mail/address.h"
#include "mail/mime_parser.h"
#include "procedure/case_reference.h"
#include "store/case_store.h"
#include "store/message_log.h"
#include "store/outbox.h"

namespace intaked {
namespace {

// A complainant's fresh email (not a reply) asking for the review while their case's
// appeal window is open - or was, when they sent it - belongs to that case.
std::optional<int64_t> AppealCaseOf(SQLite::Database& db, const ProcedureContext& ctx,
                                    const MessageReading& r) {
  if (r.from.empty() || r.review != ReviewRequest::kAsks) return std::nullopt;
  for (const CaseRecord& c : CaseStore(db).OfComplainant(r.from)) {
    if (AppealInTime(ctx, c, r.received)) return c.id;
  }
  return std::nullopt;
}

// The case a message belongs to: by the ids it answers, then by [REF] in the subject,
// then (a complainant asking for the review in a fresh email) by who sent it.
std::optional<int64_t> FindCase(SQLite::Database& db, const ProcedureContext& ctx,
                                const MessageReading& r) {
  Outbox outbox(db);
  MessageLog log(db);
  for (const std::string& id : r.answers) {
    if (auto sent = outbox.FindByMessageId(id); sent && sent->case_id) return sent->case_id;
    if (auto c = log.CaseOf(id)) return c;
  }
  if (auto ref = FindCaseReference(r.message.subject, ctx.config.reference_prefix)) {
    if (auto c = CaseStore(db).FindByReference(*ref)) return c->id;
  }
  return AppealCaseOf(db, ctx, r);
}

}  // namespace

const char* StorageName(MessageFate fate) {
  switch (fate) {
    case MessageFate::kDuplicate:
      return "duplicate";
    case MessageFate::kDeferred:
      return "deferred";
    case MessageFate::kOwn:
      return "own";
    case MessageFate::kCorrespondence:
      return "correspondence";
    case MessageFate::kAutomated:
      return "automated";
    case MessageFate::kComplaint:
      return "complaint";
    case MessageFate::kCompliment:
      return "compliment";
    case MessageFate::kPossibleComplaint:
      return "possible_complaint";
    case MessageFate::kOther:
      return "other";
  }
  return "other";
}

void MessageProcessor::Record(const MessageReading& r, const FolderRole& role, MessageFate fate,
                              const std::string& why, std::optional<int64_t> case_id, bool details,
                              bool keep_raw) {
  MessageLog(db_).Record({r.message.message_id, role.key, r.received, StorageName(fate), why,
                          case_id, details ? r.from : "", details ? r.message.subject : "",
                          keep_raw ? std::optional<std::string>(mail_->raw) : std::nullopt});
}

ProcessOutcome MessageProcessor::Process(const FetchedMail& fm, const FolderRole& role,
                                         Instant now) {
  mail_ = &fm;
  const MessageReading r = ReadMessage(fm, ctx_, now);
  if (MessageLog(db_).Contains(r.message.message_id))
    return {MessageFate::kDuplicate, "", "already processed"};
  if (Outbox(db_).FindByMessageId(r.message.message_id)) {
    Record(r, role, MessageFate::kOwn, "a letter intaked sent", std::nullopt, false, false);
    return {MessageFate::kOwn, "", "our own letter"};
  }
  if (SameEmail(r.from, ctx_.config.intake_address)) {
    Record(r, role, MessageFate::kOwn, "sent from the intake address", std::nullopt, false, false);
    return {MessageFate::kOwn, "", "from the intake address"};
  }
  if (const auto case_id = FindCase(db_, ctx_, r)) return OnCase(r, role, *case_id, now);
  if (r.command.keyword == Keyword::kComplaint) {
    const PossibleComplaintAnswer answer = OpenPossibleComplaint(ctx_, db_, tokens_, now, r);
    if (answer.opened) {
      Record(r, role, MessageFate::kCorrespondence, "#complaint on a possible complaint",
             answer.opened->id, true, true);
      return {MessageFate::kComplaint, answer.opened->reference,
              "a possible complaint opened by " + MaskEmail(r.from)};
    }
    if (answer.answers_a_note) {
      Record(r, role, MessageFate::kOther, answer.detail, std::nullopt, true, false);
      return {MessageFate::kOther, "", answer.detail};
    }
  }
  const bool command =
      r.writer_co_chair && r.to_intake &&
      (r.command.keyword == Keyword::kComplaint || r.command.keyword == Keyword::kCompliment);
  if (command) return IntakeCommand(r, role, now);
  if (role.sent) {  // the rest of a co-chair's own outgoing mail is none of intaked's business
    Record(r, role, MessageFate::kOther, "sent mail", std::nullopt, false, false);
    return {MessageFate::kOther, "", "co-chair's own sent mail"};
  }
  return ByVerdict(r, role, now);
}

ProcessOutcome MessageProcessor::OnCase(const MessageReading& r, const FolderRole& role,
                                        int64_t case_id, Instant now) {
  const auto c = CaseStore(db_).FindById(case_id);
  const std::string owner =
      role.sent && role.co_chair ? ctx_.config.co_chairs[*role.co_chair].identity.address : "";
  const CaseReplyOutcome out = HandleCaseMessage(ctx_, db_, tokens_, now, *c, {r, owner});
  // Not recorded: the copy in the writer's Sent folder is the one acted on.
  if (out.kind == CaseReplyKind::kDeferred)
    return {MessageFate::kDeferred, c->reference, out.detail};
  const MessageFate fate = out.kind == CaseReplyKind::kAutomated ? MessageFate::kAutomated
                                                                 : MessageFate::kCorrespondence;
  Record(r, role, fate, StorageName(out.kind), case_id, true, true);
  return {fate, c->reference, out.detail};
}

ProcessOutcome MessageProcessor::IntakeCommand(const MessageReading& r, const FolderRole& role,
                                               Instant now) {
  const size_t writer = *r.writer_co_chair;
  const bool from_own_sent = role.sent && role.co_chair == writer;
  // Every co-chair mailbox intaked reads has its Sent folder read too.
  const bool sent_is_read = ctx_.config.co_chairs[writer].mailbox.has_value();
  if (!from_own_sent && sent_is_read) {
    // Not recorded: the copy in their Sent folder proves who wrote it, and is acted on there.
    return {MessageFate::kDeferred, "", "a co-chair's command; acted on from their Sent folder"};
  }
  if (!from_own_sent) {
    // Without their Sent folder nothing proves the From: a forger could open cases at will.
    Record(r, role, MessageFate::kOther,
           "#complaint/#compliment from a co-chair whose Sent folder is not read: not acted on",
           std::nullopt, true, true);
    return {MessageFate::kOther, "",
            "co-chair command not acted on: configure their mailbox (imap_url)"};
  }
  const auto done =
      HandleIntakeCommand(ctx_, db_, tokens_, now, r, writer, {role.key, writer, r.received});
  const MessageFate fate =
      done.kind == "compliment" ? MessageFate::kCompliment : MessageFate::kComplaint;
  Record(r, role, fate, "#" + done.kind + " logged by a co-chair", done.case_id, true, true);
  return {fate, done.reference, "logged by a co-chair"};
}

ProcessOutcome MessageProcessor::ByVerdict(const MessageReading& r, const FolderRole& role,
                                           Instant now) {
  const Classification& cl = r.verdict;
  switch (cl.kind) {
    case MessageKind::kAutomated:
      Record(r, role, MessageFate::kAutomated, cl.reason, std::nullopt, true, false);
      return {MessageFate::kAutomated, "", cl.reason};
    case MessageKind::kComplaint: {
      const Message& m = r.message;
      NewComplaint n{*m.from, m.subject, r.own_text,         m.attachments,   m.message_id,
                     &m,      cl.reason, r.sent_straight_to, r.asks_anonymity};
      const OpenedCase c =
          CaseOpening(ctx_, db_, tokens_, now).Open(n, {role.key, role.co_chair, r.received});
      Record(r, role, MessageFate::kComplaint, cl.reason, c.id, true, true);
      return {MessageFate::kComplaint, c.reference,
              "routed to " + MaskEmail(c.handler_email) + " (" + c.route_reason + ")"};
    }
    case MessageKind::kDoubtful: {
      const std::string to = AskAboutPossibleComplaint(ctx_, db_, tokens_, now, r, role.co_chair);
      // Kept whole: "#complaint" in reply to the note opens the case from this very message.
      Record(r, role, MessageFate::kPossibleComplaint, cl.reason, std::nullopt, true, true);
      return {MessageFate::kPossibleComplaint, "", cl.reason + "; " + MaskEmail(to) + " asked"};
    }
    case MessageKind::kCompliment:
      HandleCompliment(ctx_, db_, tokens_, now,
                       {*r.message.from, r.message.subject, r.own_text, ""});
      Record(r, role, MessageFate::kCompliment, cl.reason, std::nullopt, true, false);
      return {MessageFate::kCompliment, "", cl.reason};
    case MessageKind::kOther:
      break;
  }
  // Left for people. In a co-chair's own mailbox nothing beyond the id is kept.
  Record(r, role, MessageFate::kOther, cl.reason, std::nullopt, !role.co_chair.has_value(), false);
  return {MessageFate::kOther, "", cl.reason};
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
  if (id.empty() || log.Contains(id))
    id = "unprocessable." + StableDigest(fm.raw) + "@intaked.invalid";
  if (log.Contains(id)) return;  // the same bytes, set aside before
  const Instant stamped = fm.internal_date.time_since_epoch().count() > 0 ? fm.internal_date : now;
  // A co-chair's own mail stays in their mailbox: only intake's is kept here.
  log.Record({id, role.key, std::min(now, stamped), "unprocessable", error, std::nullopt, from,
              subject, role.co_chair ? std::nullopt : std::optional<std::string>(fm.raw)});
}

}  // namespace intaked
