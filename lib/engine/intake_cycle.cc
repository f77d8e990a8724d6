// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/intake_cycle.h"

#include <SQLiteCpp/Transaction.h>
#include <spdlog/spdlog.h>

#include "engine/case_actions.h"
#include "engine/deadline_watch.h"
#include "engine/scheduled_mail.h"
#include "mail/address.h"
#include "store/mailbox_state_store.h"
#include "store/message_attempts.h"

namespace intaked {
namespace {

// Messages fetched per round trip: bounded in count and bytes to keep memory flat.
constexpr size_t kBatchMessages = 100;
constexpr uint64_t kBatchBytes = 16u * 1024 * 1024;

std::vector<std::vector<FolderMessage>> Batches(const std::vector<FolderMessage>& all) {
  std::vector<std::vector<FolderMessage>> out;
  uint64_t bytes = 0;
  for (const FolderMessage& m : all) {
    if (out.empty() || out.back().size() >= kBatchMessages || bytes + m.size > kBatchBytes) {
      out.emplace_back();
      bytes = 0;
    }
    out.back().push_back(m);
    bytes += m.size;
  }
  return out;
}

}  // namespace

std::vector<IntakeCycle::Source> IntakeCycle::Sources(const ProcedureContext& ctx) const {
  std::vector<Source> out;
  out.push_back({{"intake", std::nullopt, false}, &ctx.config.intake_mailbox, ""});
  for (size_t i = 0; i < ctx.config.co_chairs.size(); ++i) {
    const CoChairSettings& cc = ctx.config.co_chairs[i];
    if (!cc.mailbox) continue;
    out.push_back({{cc.identity.address + "/INBOX", i, false}, &*cc.mailbox, ""});
  }
  // Sent folders last: a reply sent to intake is normally met first in intake's INBOX.
  // A Sent folder found by its \Sent mark is keyed ".../Sent" whatever the server
  // calls it, so its place is kept across restarts (should the mark move, the
  // other folder's UIDVALIDITY differs: it is read afresh, its old mail as history).
  for (size_t i = 0; i < ctx.config.co_chairs.size(); ++i) {
    const CoChairSettings& cc = ctx.config.co_chairs[i];
    if (!cc.mailbox) continue;
    const std::string& named = cc.mailbox->sent_folder;
    out.push_back({{cc.identity.address + "/" + (named.empty() ? "Sent" : named), i, true},
                   &*cc.mailbox,
                   kSentFolder});
  }
  return out;
}

// How each message is survived, whatever it holds:
// - it is processed in one transaction with the folder's position;
// - anything it throws (a parser, a template, even a database constraint) is
//   the message's fault when the store still takes a record of it: it is set
//   aside as unprocessable in a transaction of its own, and the cycle goes on;
// - a message that killed the process is met again after the restart with its
//   attempt still noted (MessageAttempts): after two such deaths it is set
//   aside unread.
// Only a store that cannot record even that stops the cycle (Status::Io).
Status IntakeCycle::ProcessOne(const ProcedureContext& ctx, const Source& src,
                               const FetchedMail& mail, uint32_t uidvalidity, CycleReport* report) {
  MessageProcessor processor(ctx, db_, tokens_);
  MailboxStateStore states(db_);
  MessageAttempts attempts(db_);
  const Instant now = clock_.Now();
  int earlier = 0;
  try {
    earlier = attempts.Begin(src.role.key, uidvalidity, mail.uid, now);
  } catch (const std::exception& e) {
    return Status::Io(std::string("database: ") + e.what());
  }
  if (earlier >= kMaxDeadStarts) {
    return SetAside(processor, src, mail, uidvalidity, report,
                    "intaked stopped " + std::to_string(earlier) +
                        " times while processing it (a crash, out of memory or the watchdog)",
                    false);
  }
  try {
    SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
    const ProcessOutcome out = processor.Process(mail, src.role, now);
    states.Put(src.role.key, {uidvalidity, mail.uid});
    attempts.Finish(src.role.key, uidvalidity, mail.uid);
    tx.commit();
    if (out.fate == MessageFate::kDuplicate) ++report->duplicates;
    if (out.fate == MessageFate::kComplaint) ++report->complaints;
    log_->info("{} uid {}: {}{}{}", src.role.key, mail.uid, StorageName(out.fate),
               out.reference.empty() ? "" : " " + out.reference,
               out.detail.empty() ? "" : " - " + out.detail);
    return Status::Ok();
  } catch (const std::exception& e) {
    // The transaction rolled back. Whether the message or the store is at
    // fault shows in whether the store can record the message as bad.
    return SetAside(processor, src, mail, uidvalidity, report, e.what(), true);
  }
}

Status IntakeCycle::SetAside(MessageProcessor& processor, const Source& src,
                             const FetchedMail& mail, uint32_t uidvalidity, CycleReport* report,
                             const std::string& why, bool read_headers) {
  try {
    SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
    processor.RecordFailure(mail, src.role, clock_.Now(),
                            "uid " + std::to_string(mail.uid) + ": " + why, read_headers);
    MailboxStateStore(db_).Put(src.role.key, {uidvalidity, mail.uid});
    MessageAttempts(db_).Finish(src.role.key, uidvalidity, mail.uid);
    tx.commit();
  } catch (const std::exception& e) {
    return Status::Io(std::string("database: ") + e.what() + " (while setting aside " +
                      src.role.key + " uid " + std::to_string(mail.uid) + ": " + why + ")");
  }
  ++report->failed_messages;
  log_->error("{} uid {}: set aside as unprocessable: {} (see `intaked unprocessed`)", src.role.key,
              mail.uid, why);
  return Status::Ok();
}

Status IntakeCycle::ReadFolder(const ProcedureContext& ctx, const Source& src, CycleReport* report,
                               const std::function<bool()>& should_stop) {
  auto folder = folders_.Open(*src.mailbox, src.folder);
  if (!folder.ok()) return folder.status();
  MailboxStateStore states(db_);
  const std::optional<MailboxState> known = states.Get(src.role.key);
  uint32_t after = 0;
  const uint32_t validity = (*folder)->uidvalidity();
  if (known && known->uidvalidity == validity) {
    after = known->last_uid;
  } else if (known) {
    log_->warn("{}: UIDVALIDITY changed ({} -> {}); re-reading it (Message-IDs prevent repeats)",
               src.role.key, known->uidvalidity, validity);
  }
  auto list = (*folder)->ListAfter(after);
  if (!list.ok()) return list.status();
  // First sight of a folder - or of a folder whose UIDVALIDITY changed, which
  // is a new folder as far as UIDs go - takes its old mail as history, not as
  // new intake: a new install on a years-old info@ mailbox, or a server that
  // renumbered a co-chair's INBOX, must not acknowledge years of old mail.
  const bool first_sight = !known || known->uidvalidity != validity;
  const Instant cutoff = clock_.Now() - std::chrono::days(ctx.config.first_run_days);
  for (const auto& batch : Batches(*list)) {
    auto fetched = (*folder)->Fetch(batch, ctx.config.max_message_bytes);
    if (!fetched.ok()) return fetched.status();
    for (const FetchedMail& mail : *fetched) {
      if (should_stop && should_stop()) {
        report->stopped = true;
        return Status::Ok();
      }
      ++report->fetched;
      if (first_sight && mail.internal_date.time_since_epoch().count() > 0 &&
          mail.internal_date < cutoff) {
        states.Put(src.role.key, {validity, mail.uid});
        continue;
      }
      if (Status s = ProcessOne(ctx, src, mail, validity, report); !s.ok()) return s;
    }
  }
  if (list->empty() && !known) states.Put(src.role.key, {validity, 0});
  return Status::Ok();
}

void IntakeCycle::TellOfRefusedLetters(const ProcedureContext& ctx,
                                       const std::vector<RefusedLetter>& refused) {
  for (const RefusedLetter& r : refused) {
    SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
    std::optional<CaseRecord> c = CaseStore(db_).FindById(r.case_id);
    if (!c || c->complainant_email.empty() || !SameEmail(c->complainant_email, r.recipient))
      continue;  // only a letter that failed to reach the complainant leaves them unanswered
    CaseActions(ctx, db_, tokens_, clock_.Now()).ComplainantLetterUndelivered(*c, r.purpose);
    tx.commit();
  }
}

Status IntakeCycle::Run(const ProcedureContext& ctx, CycleReport* report,
                        const std::function<bool()>& should_stop) {
  for (const Source& src : Sources(ctx)) {
    if (!outages_.Due("mailbox " + src.role.key, clock_.Now())) {
      ++report->mailboxes_failed;  // still down, backing off
      continue;
    }
    const Status s = ReadFolder(ctx, src, report, should_stop);
    if (s.kind() == Status::Kind::kIo) return s;  // the database itself failed
    outages_.Note("mailbox " + src.role.key, s, clock_.Now());
    if (!s.ok()) ++report->mailboxes_failed;
    if (report->stopped) return Status::Ok();
  }
  OutboxDrain drain(db_, sender_, ctx.config.intake_address, outages_, log_);
  const std::string smtp = "smtp " + ctx.config.smtp_url;
  const bool smtp_due = outages_.Due(smtp, clock_.Now());
  try {
    report->deadlines = DeadlineWatch(ctx, db_, tokens_, log_).Run(clock_.Now());
    ScheduledMail(ctx, db_, tokens_, log_).Run(clock_.Now());
    if (smtp_due) report->outbox = drain.Drain(clock_.Now());
    TellOfRefusedLetters(ctx, report->outbox.refused);
  } catch (const std::exception& e) {
    return Status::Io(std::string("database: ") + e.what());
  }
  if (!smtp_due) {  // still down and backing off: the letters wait, uncharged
    report->outbox.server_down = true;
    report->outbox.last_error = outages_.failing().at(smtp).error;
  } else if (report->outbox.login_refused) {
    outages_.Note(smtp, Status::Permanent(report->outbox.last_error), clock_.Now());
  } else {
    outages_.Note(
        smtp,
        report->outbox.server_down ? Status::Connection(report->outbox.last_error) : Status::Ok(),
        clock_.Now());
  }
  try {
    ScheduledMail(ctx, db_, tokens_, log_).Alerts(outages_, clock_.Now());
  } catch (const std::exception& e) {
    return Status::Io(std::string("database: ") + e.what());
  }
  return Status::Ok();
}

}  // namespace intaked
