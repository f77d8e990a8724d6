// SPDX-License-Identifier: GPL-3.0-or-later
// IntakeCycle: one full pass - read every mailbox, act on each new message,
// drain the outbox (all of `intaked run --once`).
//
// Each message is processed in its own IMMEDIATE transaction together with
// its folder's new high-water UID, so a crash at any instant loses nothing and
// repeats nothing. Errors are graded as isync grades them: a bad message is
// set aside as unprocessable and skipped - even one that killed the process,
// after two deaths (see ProcessOne); a bad mailbox is skipped for this cycle
// (one log line per outage, one when it recovers); a refused login is final
// for its account (the transport's LoginGuard keeps it from the server until
// a reload); a storage failure ends the cycle. The outbox is drained only when
// the SMTP server is not backing off from an outage.
#pragma once

#include <SQLiteCpp/Database.h>
#include <spdlog/logger.h>

#include <functional>
#include <map>
#include <memory>

#include "base/clock.h"
#include "engine/deadline_watch.h"
#include "engine/message_processor.h"
#include "engine/outage_log.h"
#include "engine/outbox_drain.h"
#include "engine/procedure_context.h"
#include "transport/mail_folder.h"
#include "transport/mail_sender.h"

namespace intaked {

struct CycleReport {
  int fetched = 0;
  int complaints = 0;
  int duplicates = 0;
  int failed_messages = 0;
  int mailboxes_failed = 0;
  WatchReport deadlines;
  DrainResult outbox;
  bool stopped = false;  // a stop was requested and honoured between messages
};

class IntakeCycle {
 public:
  IntakeCycle(SQLite::Database& db, MailFolderOpener& folders, MailSender& sender,
              const Clock& clock, TokenSource& tokens, OutageLog& outages,
              std::shared_ptr<spdlog::logger> log)
      : db_(db),
        folders_(folders),
        sender_(sender),
        clock_(clock),
        tokens_(tokens),
        outages_(outages),
        log_(std::move(log)) {}

  // `should_stop` is polled between messages; the message in hand is finished.
  Status Run(const ProcedureContext& ctx, CycleReport* report,
             const std::function<bool()>& should_stop = {});

 private:
  struct Source {
    FolderRole role;
    const MailboxSettings* mailbox;
    std::string folder;  // empty: the URL's; kSentFolder: the co-chair's Sent folder
  };
  std::vector<Source> Sources(const ProcedureContext& ctx) const;
  // Letters the mail server refused for good: a complainant who was not reached is the
  // handler's to reach another way.
  void TellOfRefusedLetters(const ProcedureContext& ctx, const std::vector<RefusedLetter>& refused);
  Status ReadFolder(const ProcedureContext& ctx, const Source& src, CycleReport* report,
                    const std::function<bool()>& should_stop);
  Status ProcessOne(const ProcedureContext& ctx, const Source& src, const FetchedMail& mail,
                    uint32_t uidvalidity, CycleReport* report);
  Status SetAside(MessageProcessor& processor, const Source& src, const FetchedMail& mail,
                  uint32_t uidvalidity, CycleReport* report, const std::string& why,
                  bool read_headers);

  // Starts on one message that ended with the process dying, before it is set aside.
  static constexpr int kMaxDeadStarts = 2;

  SQLite::Database& db_;
  MailFolderOpener& folders_;
  MailSender& sender_;
  const Clock& clock_;
  TokenSource& tokens_;
  OutageLog& outages_;
  std::shared_ptr<spdlog::logger> log_;
};

}  // namespace intaked
