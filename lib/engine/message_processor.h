// MessageProcessor: what happens to one incoming message, exactly once.
//
// Parses it, skips it if its Message-ID was seen before (in any mailbox),
// recognises intaked's own letters, attaches replies to their case, and
// otherwise classifies it: automated mail is recorded and ignored, a complaint
// opens a case, a compliment is logged, anything else is left for people.
// Runs inside the caller's transaction; storage errors throw so the caller
// rolls back and nothing is half-done.
#pragma once

#include <SQLiteCpp/Database.h>

#include <optional>
#include <string>

#include "base/clock.h"
#include "engine/procedure_context.h"
#include "transport/mail_folder.h"

namespace intaked {

struct FolderRole {
  std::string key;                 // state key: "intake", "chair.a@pacts.test/INBOX"
  std::optional<size_t> co_chair;  // set for a co-chair's folder
  bool sent = false;               // the co-chair's Sent folder: what they wrote
};

struct ProcessOutcome {
  // duplicate | deferred | own | correspondence | automated | complaint | compliment | other
  std::string kind;
  std::string reference;  // the case, when there is one
  std::string detail;     // why, for the log (never the body)
};

class MessageProcessor {
 public:
  MessageProcessor(const ProcedureContext& ctx, SQLite::Database& db, TokenSource& tokens)
      : ctx_(ctx), db_(db), tokens_(tokens) {}

  ProcessOutcome Process(const FetchedMail& mail, const FolderRole& role, Instant now);

  // Records a message whose processing failed as "unprocessable", so it is
  // not retried forever and `intaked unprocessed` lists it. With
  // `read_headers` false (the message killed the process) it is not parsed.
  void RecordFailure(const FetchedMail& mail, const FolderRole& role, Instant now,
                     const std::string& error, bool read_headers);

 private:
  std::optional<size_t> CoChairIndex(const std::string& email) const;

  const ProcedureContext& ctx_;
  SQLite::Database& db_;
  TokenSource& tokens_;
};

// The Message-ID to deduplicate on: the header's, or one derived from what the
// sender wrote (never from trace headers, which differ per mailbox).
std::string DedupKey(const Message& m);

}  // namespace intaked
