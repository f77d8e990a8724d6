// SPDX-License-Identifier: GPL-3.0-or-later
// MessageProcessor: what happens to one incoming message, exactly once.
//
// Reads it once (ReadMessage), skips it if its Message-ID was seen before (in
// any mailbox), recognises intaked's own letters, attaches replies to their
// case, carries out a co-chair's #complaint/#compliment, and otherwise acts on
// its verdict: automated mail is recorded and ignored, a complaint opens a
// case, a message that might be one goes to a person, a compliment is logged,
// anything else is left for people. Runs inside the caller's transaction;
// storage errors throw so the caller rolls back and nothing is half-done.
#pragma once

#include <SQLiteCpp/Database.h>

#include <optional>
#include <string>

#include "base/clock.h"
#include "engine/message_reading.h"
#include "engine/procedure_context.h"
#include "transport/mail_folder.h"

namespace intaked {

struct FolderRole {
  std::string key;                 // state key: "intake", "chair.a@pacts.test/INBOX"
  std::optional<size_t> co_chair;  // set for a co-chair's folder
  bool sent = false;               // the co-chair's Sent folder: what they wrote
};

// What became of a message. The names are the message log's kinds.
enum class MessageFate {
  kDuplicate,          // seen before, in some mailbox
  kDeferred,           // acted on from the writer's Sent folder instead; not recorded
  kOwn,                // a letter intaked sent
  kCorrespondence,     // on a case
  kAutomated,          // automated mail: recorded, never answered
  kComplaint,          // opened a case
  kCompliment,         // logged and thanked
  kPossibleComplaint,  // might be a complaint: a person was asked
  kOther,              // left for people
};

const char* StorageName(MessageFate fate);

struct ProcessOutcome {
  MessageFate fate = MessageFate::kOther;
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
  ProcessOutcome OnCase(const MessageReading& r, const FolderRole& role, int64_t case_id,
                        Instant now);
  ProcessOutcome IntakeCommand(const MessageReading& r, const FolderRole& role, Instant now);
  ProcessOutcome ByVerdict(const MessageReading& r, const FolderRole& role, Instant now);
  void Record(const MessageReading& r, const FolderRole& role, MessageFate fate,
              const std::string& why, std::optional<int64_t> case_id, bool details, bool keep_raw);

  const ProcedureContext& ctx_;
  SQLite::Database& db_;
  TokenSource& tokens_;
  const FetchedMail* mail_ = nullptr;  // the message being processed (its raw bytes)
};

}  // namespace intaked
