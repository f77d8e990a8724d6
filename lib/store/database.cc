// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/database.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>
#include <sys/stat.h>

#include <filesystem>
#include <vector>

#include "store/personal_data.h"
#include "store/state_owner.h"

namespace intaked {
namespace {

constexpr int kBusyTimeoutMs = 5000;

// Each step moves the schema from version i to i+1. Never edit a step that has
// shipped; add a new one.
const std::vector<const char*>& Migrations() {
  static const std::vector<const char*> kSteps = {
      // 1: the walking skeleton.
      R"sql(
CREATE TABLE mailbox_state (
  mailbox TEXT PRIMARY KEY,          -- "intake", or "<address>/INBOX", "<address>/Sent"
  uidvalidity INTEGER NOT NULL,
  last_uid INTEGER NOT NULL
);
CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  reference TEXT NOT NULL UNIQUE,
  year INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,                -- complaint | compliment
  state TEXT NOT NULL,               -- open | closed | void
  stage INTEGER NOT NULL DEFAULT 1,
  subject TEXT NOT NULL,
  complainant_name TEXT NOT NULL,
  complainant_email TEXT NOT NULL,   -- may be empty (phone complaint without address)
  anonymous INTEGER NOT NULL DEFAULT 0,
  handler_email TEXT NOT NULL,       -- a co-chair's address or the fallback's
  named_emails TEXT NOT NULL,        -- co-chairs the complaint names, comma-separated
  received_at INTEGER NOT NULL,      -- unix seconds
  acknowledge_due TEXT NOT NULL,     -- local dates, YYYY-MM-DD
  respond_due TEXT NOT NULL,
  closed_at INTEGER,
  UNIQUE (year, seq)
);
CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  message_id TEXT NOT NULL UNIQUE,
  first_mailbox TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  kind TEXT NOT NULL,                -- automated | complaint | compliment | other | correspondence | unprocessable | own
  reason TEXT NOT NULL,
  case_id INTEGER REFERENCES cases(id),
  from_email TEXT NOT NULL DEFAULT '',
  subject TEXT NOT NULL DEFAULT '',
  raw BLOB                           -- kept only for mail that belongs to a case
);
CREATE INDEX messages_case ON messages(case_id);
CREATE TABLE case_events (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX case_events_case ON case_events(case_id);
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  case_id INTEGER REFERENCES cases(id),
  purpose TEXT NOT NULL,             -- acknowledgement | handler_notification | ...
  recipient TEXT NOT NULL,
  message_id TEXT NOT NULL UNIQUE,   -- carries the unguessable token
  mail BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  sent_at INTEGER,
  failed_at INTEGER,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_pending ON outbox(next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
)sql",
      // 2: the whole procedure - phases, Stage Two, reminders.
      R"sql(
ALTER TABLE cases ADD COLUMN phase TEXT NOT NULL DEFAULT 'stage1';   -- stage1 | appeal | stage2 | done
ALTER TABLE cases ADD COLUMN appeal_due TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN review_due TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN thread_id TEXT NOT NULL DEFAULT '';     -- the complainant's first Message-ID
ALTER TABLE cases ADD COLUMN close_reason TEXT NOT NULL DEFAULT '';
CREATE TABLE reminders (
  case_id INTEGER NOT NULL REFERENCES cases(id),
  deadline TEXT NOT NULL,            -- respond | review
  due TEXT NOT NULL,                 -- the deadline's date when the step was decided
  step TEXT NOT NULL,                -- before-5 | due | overdue-1 ...
  at INTEGER NOT NULL,
  superseded INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (case_id, deadline, due, step)
);
)sql",
      // 3: running for years - retention, scheduled mail.
      R"sql(
ALTER TABLE cases ADD COLUMN purged_at INTEGER;     -- personal data erased (retention or request)
CREATE TABLE schedule (
  key TEXT PRIMARY KEY,              -- "digest:<email>:<iso week>", "annual:<year>", "retention:<date>"
  at INTEGER NOT NULL
);
)sql",
      // 4: erasure reaches everything about a person (PersonalDataMap).
      R"sql(
ALTER TABLE outbox ADD COLUMN about_message INTEGER;  -- a caseless letter's message (compliment thanks and copies); -1: unknown
UPDATE outbox SET about_message = -1
 WHERE case_id IS NULL AND purpose IN ('compliment_thanks', 'compliment_copy');
-- A compliment's thanks and copies are enqueued just before its message is recorded, in one
-- transaction: tie them to it, so that erasing the message's author erases them too.
CREATE TRIGGER compliment_letters_name_their_message AFTER INSERT ON messages
WHEN NEW.kind = 'compliment' AND NEW.case_id IS NULL
BEGIN
  UPDATE outbox SET about_message = NEW.id
   WHERE about_message IS NULL AND case_id IS NULL
     AND purpose IN ('compliment_thanks', 'compliment_copy');
END;
-- Co-chairs' logged #complaint messages recorded before this version lack their case.
UPDATE messages SET case_id = (
  SELECT MAX(c.id) FROM cases c
   WHERE c.received_at = messages.received_at
     AND EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.kind = 'opened'
                                                AND e.detail LIKE 'logged by %(#complaint)'))
 WHERE case_id IS NULL AND kind = 'complaint';
)sql",
      // 5: surviving poison messages (MessageAttempts; unprocessable mail the admin is told of).
      R"sql(
CREATE TABLE attempts (
  mailbox TEXT NOT NULL,
  uidvalidity INTEGER NOT NULL,
  uid INTEGER NOT NULL,
  count INTEGER NOT NULL,            -- starts on this message that never finished
  last_at INTEGER NOT NULL,
  PRIMARY KEY (mailbox, uidvalidity, uid)
);
ALTER TABLE messages ADD COLUMN alerted INTEGER NOT NULL DEFAULT 0;  -- unprocessable: people told
)sql",
      // 6: a typed case life-cycle - who did what, why a case closed, when Stage Two began,
      // whether an acknowledgement really went.
      R"sql(
ALTER TABLE case_events ADD COLUMN actor TEXT NOT NULL DEFAULT '';  -- handler | fallback | reviewer | admin | complainant | intaked
ALTER TABLE cases ADD COLUMN stage_two_at INTEGER;
ALTER TABLE cases ADD COLUMN ack_sent INTEGER NOT NULL DEFAULT 0;
UPDATE cases SET stage_two_at = (SELECT MIN(at) FROM case_events e
                                  WHERE e.case_id = cases.id AND e.kind = 'stage_two');
UPDATE cases SET ack_sent = 1 WHERE EXISTS (SELECT 1 FROM case_events e
                                             WHERE e.case_id = cases.id AND e.kind = 'acknowledged');
-- close_reason held a sentence; it now holds why, as a code (CloseCause).
UPDATE cases SET close_reason = CASE
  WHEN close_reason = 'appeal window ended' THEN 'appeal_window_ended'
  WHEN close_reason = 'independent review complete' THEN 'review_complete'
  WHEN close_reason = 'not a complaint' THEN 'not_complaint'
  WHEN close_reason LIKE 'withdrawn%' THEN 'withdrawn'
  WHEN state = 'closed' THEN 'closed'
  WHEN state = 'void' THEN 'not_complaint'
  ELSE '' END;
-- Before this version only the handler could send a holding letter in Stage One and only the
-- reviewer in Stage Two.
UPDATE case_events SET kind = 'review_holding', actor = 'reviewer'
 WHERE kind = 'holding'
   AND at >= (SELECT stage_two_at FROM cases c WHERE c.id = case_events.case_id);
UPDATE case_events SET actor = 'handler' WHERE kind = 'holding';
)sql",
      // 7: how accounts sign in. Tokens from `intaked login` (secrets: the file is 0600, and
      // they are never exported or logged), and refusals that keep an account down - across
      // restarts - until its credentials change.
      R"sql(
CREATE TABLE account_tokens (
  account TEXT PRIMARY KEY,            -- "intake", "smtp" or a co-chair's address
  refresh_token TEXT NOT NULL,
  access_token TEXT NOT NULL DEFAULT '',
  access_expires_at INTEGER NOT NULL DEFAULT 0,
  signed_in_at INTEGER NOT NULL,
  generation TEXT NOT NULL             -- new at each login: part of the credentials' fingerprint
);
CREATE TABLE account_refusals (
  account TEXT PRIMARY KEY,
  salt TEXT NOT NULL,
  fingerprint TEXT NOT NULL,           -- salted digest of the credentials that were refused
  reason TEXT NOT NULL,
  since INTEGER NOT NULL,
  alerted INTEGER NOT NULL DEFAULT 0   -- people were emailed about it
);
)sql",
      // 8: a message that might be a complaint is shown to a person; their note names it, so
      // "#complaint" in reply to the note opens the case from that very message.
      R"sql(
DROP TRIGGER compliment_letters_name_their_message;
CREATE TRIGGER caseless_letters_name_their_message AFTER INSERT ON messages
WHEN NEW.kind IN ('compliment', 'possible_complaint') AND NEW.case_id IS NULL
BEGIN
  UPDATE outbox SET about_message = NEW.id
   WHERE about_message IS NULL AND case_id IS NULL
     AND purpose IN ('compliment_thanks', 'compliment_copy', 'possible_complaint_note');
END;
)sql",
  };
  return kSteps;
}

Status Migrate(SQLite::Database& db) {
  const int have = db.execAndGet("PRAGMA user_version").getInt();
  const int want = CurrentSchemaVersion();
  if (have > want) {
    return Status::InvalidInput("database schema version " + std::to_string(have) +
                                " is newer than this intaked understands (" + std::to_string(want) +
                                "); install the newer intaked again");
  }
  for (int v = have; v < want; ++v) {
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    db.exec(Migrations()[size_t(v)]);
    db.exec("PRAGMA user_version = " + std::to_string(v + 1));
    tx.commit();
  }
  return Status::Ok();
}

}  // namespace

int CurrentSchemaVersion() { return int(Migrations().size()); }

Result<std::unique_ptr<SQLite::Database>> OpenDatabase(const std::string& path) {
  if (Status s = CheckStateOwner(path); !s.ok()) return s;
  try {
    if (path != ":memory:") {
      const std::filesystem::path p(path);
      if (p.has_parent_path()) {
        std::filesystem::create_directories(p.parent_path());
      }
    }
    // The umask makes the database, its WAL and shared-memory files 0600 from birth.
    const mode_t old = umask(077);
    auto db =
        std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db->exec("PRAGMA journal_mode=WAL");
    umask(old);
    db->exec("PRAGMA foreign_keys=ON");
    db->exec("PRAGMA synchronous=FULL");
    // Deleted and overwritten content is zeroed in its page, whatever the build's default.
    db->exec("PRAGMA secure_delete=ON");
    db->setBusyTimeout(kBusyTimeoutMs);
    RegisterPersonalDataFunctions(*db);
    if (path != ":memory:") chmod(path.c_str(), 0600);
    if (Status s = Migrate(*db); !s.ok()) return s.Context(path);
    return db;
  } catch (const std::exception& e) {
    return Status::Io(path + ": " + e.what());
  }
}

Status EmptyWriteAheadLog(SQLite::Database& db, std::chrono::milliseconds patience) {
  const std::string wal = db.getFilename() + "-wal";
  // The busy handler waits (up to `patience`) for readers of older snapshots to finish.
  db.setBusyTimeout(int(patience.count()));
  std::string why;
  try {
    // One row: busy (1 if a reader held it up), WAL frames, frames checkpointed.
    SQLite::Statement q(db, "PRAGMA wal_checkpoint(TRUNCATE)");
    if (!q.executeStep() || q.getColumn(0).getInt() != 0)
      why = "another connection (intaked's, in the middle of a cycle?) kept reading older pages";
  } catch (const SQLite::Exception& e) {
    why = e.what();
  }
  db.setBusyTimeout(kBusyTimeoutMs);
  if (why.empty()) return Status::Ok();
  return Status::Io(fmt::format(
      "{}: could not be emptied within {:.1f} s: {}; older copies of erased pages remain in it "
      "until it is",
      wal, double(patience.count()) / 1000.0, why));
}

}  // namespace intaked
