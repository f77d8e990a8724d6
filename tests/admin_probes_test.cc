// SPDX-License-Identifier: GPL-3.0-or-later
// Probes of the admin's commands (`intaked reassign`, `intaked close`, run as
// the admin runs them, on a database file) and of upgrading a schema 5
// database to schema 6 with cases in every phase. As in
// procedure_probes_test.cc, a "FINDING n" test is DISABLED_ until fixed.
#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "../daemon/commands.h"
#include "probe_harness.h"

namespace intaked {
namespace {

// ---------------------------------------------------------------------------
// The admin.

TEST_F(ProcedureProbes, TheAdminCannotCloseOrReassignAVoidCase) {
  OpenCase();
  Deliver(Reply(kAlex, notification_, "#not-complaint"));
  ASSERT_EQ(Case().state, CaseState::kVoid);
  EXPECT_NE(AdminClose("tidy up").find("voided"), std::string::npos);
  const std::string why = AsAdmin(CaseAct::kReassign, [&](CaseActions& a, CaseRecord& c) {
    return a.Reassign(c, {Role::kAdmin, ""}, std::string(kB));
  });
  EXPECT_NE(why.find("voided"), std::string::npos) << why;
  EXPECT_TRUE(CycleOn("2026-11-25", 11).empty()) << "the admin reads refusals on the terminal";
  EXPECT_EQ(Case().state, CaseState::kVoid);
  EXPECT_EQ(Case().handler_email, kA);
  EXPECT_EQ(Events("refused").size(), 2u);
}

TEST_F(ProcedureProbes, TheAdminClosingTheReviewTellsTheReviewerWhoIsThenNotHeard) {
  IntoStageTwo();
  ASSERT_EQ(AdminClose("The complainant withdrew by phone"), "");
  const auto out = CycleOn("2026-11-25", 11);
  LetterTo(out, kA, "closed by the admin");
  LetterTo(out, kRita, "closed by the admin");
  EXPECT_EQ(CountTo(out, kParent), 0);
  const auto late = Deliver(Reply(kRita, review_request_, "#outcome\r\nMy recommendation."));
  EXPECT_EQ(CountTo(late, kParent), 0);
  EXPECT_EQ(Case().close_cause, CloseCause::kClosedByAdmin);
}

// The admin's commands themselves, on a database file as in production.
class AdminCommandProbes : public ProcedureProbes {
 protected:
  void SetUp() override {
    ProcedureProbes::SetUp();
    char tmpl[] = "/tmp/intaked-probes-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    std::string text = TestConfigText();
    const std::string memory = "database = \":memory:\"";
    text.replace(text.find(memory), memory.size(), "database = \"" + dir_ + "/intaked.db\"");
    config_ = dir_ + "/intaked.toml";
    std::ofstream(config_) << text;
    chmod(config_.c_str(), 0600);
    db_ = std::move(OpenDatabase(dir_ + "/intaked.db").value());
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string dir_, config_;
};

TEST_F(AdminCommandProbes, TheAdminCannotHandACaseToTheReviewerOrCloseAVoidOne) {
  OpenCase();
  EXPECT_EQ(ReassignCommand(config_, "PACTS-2026-0001", kRita, clock_.Now()), kExitFailure);
  EXPECT_EQ(ReassignCommand(config_, "PACTS-2026-0001", kParent, clock_.Now()), kExitFailure);
  EXPECT_EQ(Case().handler_email, kA);
  EXPECT_EQ(ReassignCommand(config_, "PACTS-2026-0001", kSteering, clock_.Now()), kExitOk);
  EXPECT_EQ(Case().handler_email, kSteering);
  LetterTo(CycleOn("2026-11-25", 11), kSteering, "reassigned to you");
  Deliver(Reply(kAlex, notification_, "#not-complaint"));  // Alex no longer holds it
  EXPECT_EQ(Case().state, CaseState::kOpen);
  EXPECT_EQ(ReassignCommand(config_, "PACTS-2026-0001", kB, clock_.Now()), kExitOk);
  const Message handed = LetterTo(CycleOn("2026-11-25", 12), kB, "reassigned to you");
  Deliver(Reply(kBea, handed, "#not-complaint"));
  ASSERT_EQ(Case().state, CaseState::kVoid);
  EXPECT_EQ(CloseCommand(config_, "PACTS-2026-0001", "tidy up", clock_.Now()), kExitFailure);
  EXPECT_EQ(Case().close_cause, CloseCause::kNotComplaint);
}

// FINDING 15: the fallback keeps the power to act on a case it once handled, after the
// admin has handed it on, though the case is neither overdue nor escalated: any letter
// ever sent to its address about the case authenticates it (here its reassignment
// notice). case_reply.h says the fallback acts "once told of the case by an overdue or
// refusal notice"; a co-chair who handed a case on loses all standing.
// lib/engine/case_reply.cc: AnswersOurLetter / lib/engine/case_mail.cc: CaseMail::RoleOf.
TEST_F(AdminCommandProbes, TheFallbackHasNoStandingOnACaseItHandedOnThatIsNotOverdue) {
  OpenCase();
  ASSERT_EQ(ReassignCommand(config_, "PACTS-2026-0001", kSteering, clock_.Now()), kExitOk);
  const Message handed = LetterTo(CycleOn("2026-11-25", 11), kSteering, "reassigned to you");
  ASSERT_EQ(ReassignCommand(config_, "PACTS-2026-0001", kB, clock_.Now()), kExitOk);
  CycleOn("2026-11-25", 12);
  Deliver(Reply(kFallback, handed, "#close"));
  EXPECT_EQ(Case().state, CaseState::kOpen);
}

// ---------------------------------------------------------------------------
// Upgrading a schema 5 database.

// Schema 5, as the version before this one wrote it (steps 1-5 of lib/store/database.cc).
constexpr const char* kSchemaFive = R"sql(
CREATE TABLE mailbox_state (mailbox TEXT PRIMARY KEY, uidvalidity INTEGER NOT NULL,
  last_uid INTEGER NOT NULL);
CREATE TABLE cases (id INTEGER PRIMARY KEY, reference TEXT NOT NULL UNIQUE, year INTEGER NOT NULL,
  seq INTEGER NOT NULL, kind TEXT NOT NULL, state TEXT NOT NULL, stage INTEGER NOT NULL DEFAULT 1,
  subject TEXT NOT NULL, complainant_name TEXT NOT NULL, complainant_email TEXT NOT NULL,
  anonymous INTEGER NOT NULL DEFAULT 0, handler_email TEXT NOT NULL, named_emails TEXT NOT NULL,
  received_at INTEGER NOT NULL, acknowledge_due TEXT NOT NULL, respond_due TEXT NOT NULL,
  closed_at INTEGER, UNIQUE (year, seq));
CREATE TABLE messages (id INTEGER PRIMARY KEY, message_id TEXT NOT NULL UNIQUE,
  first_mailbox TEXT NOT NULL, received_at INTEGER NOT NULL, kind TEXT NOT NULL,
  reason TEXT NOT NULL, case_id INTEGER REFERENCES cases(id), from_email TEXT NOT NULL DEFAULT '',
  subject TEXT NOT NULL DEFAULT '', raw BLOB);
CREATE INDEX messages_case ON messages(case_id);
CREATE TABLE case_events (id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES cases(id),
  at INTEGER NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL);
CREATE INDEX case_events_case ON case_events(case_id);
CREATE TABLE outbox (id INTEGER PRIMARY KEY, case_id INTEGER REFERENCES cases(id),
  purpose TEXT NOT NULL, recipient TEXT NOT NULL, message_id TEXT NOT NULL UNIQUE,
  mail BLOB NOT NULL, created_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL, sent_at INTEGER, failed_at INTEGER,
  last_error TEXT NOT NULL DEFAULT '');
CREATE INDEX outbox_pending ON outbox(next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
ALTER TABLE cases ADD COLUMN phase TEXT NOT NULL DEFAULT 'stage1';
ALTER TABLE cases ADD COLUMN appeal_due TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN review_due TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN thread_id TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN close_reason TEXT NOT NULL DEFAULT '';
CREATE TABLE reminders (case_id INTEGER NOT NULL REFERENCES cases(id), deadline TEXT NOT NULL,
  due TEXT NOT NULL, step TEXT NOT NULL, at INTEGER NOT NULL,
  superseded INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (case_id, deadline, due, step));
ALTER TABLE cases ADD COLUMN purged_at INTEGER;
CREATE TABLE schedule (key TEXT PRIMARY KEY, at INTEGER NOT NULL);
ALTER TABLE outbox ADD COLUMN about_message INTEGER;
CREATE TRIGGER compliment_letters_name_their_message AFTER INSERT ON messages
WHEN NEW.kind = 'compliment' AND NEW.case_id IS NULL
BEGIN
  UPDATE outbox SET about_message = NEW.id
   WHERE about_message IS NULL AND case_id IS NULL
     AND purpose IN ('compliment_thanks', 'compliment_copy');
END;
CREATE TABLE attempts (mailbox TEXT NOT NULL, uidvalidity INTEGER NOT NULL, uid INTEGER NOT NULL,
  count INTEGER NOT NULL, last_at INTEGER NOT NULL, PRIMARY KEY (mailbox, uidvalidity, uid));
ALTER TABLE messages ADD COLUMN alerted INTEGER NOT NULL DEFAULT 0;
PRAGMA user_version = 5;
)sql";

struct OldCase {
  int seq;
  const char* state;
  const char* phase;
  int stage;
  const char* close_reason;
  const char* email;
};

class SchemaFiveUpgrade : public ProcedureProbes {
 protected:
  void SetUp() override {
    ProcedureProbes::SetUp();
    char tmpl[] = "/tmp/intaked-schema5-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    const std::string path = dir_ + "/intaked.db";
    {
      SQLite::Database old(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      old.exec(kSchemaFive);
      Write(old);
    }
    db_ = std::move(OpenDatabase(path).value());
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  static std::string Secs(const std::string& day, int hour = 10) {
    return std::to_string(UtcAt(day, hour).time_since_epoch().count());
  }

  // Cases in every phase and way of closing, as schema 5 kept them (received Mon 2 Nov 2026).
  static void Write(SQLite::Database& db) {
    const OldCase cases[] = {
        {1, "open", "stage1", 1, "", "parent@family.test"},
        {2, "open", "appeal", 1, "", "parent@family.test"},
        {3, "open", "stage2", 2, "", "parent@family.test"},
        {4, "closed", "done", 1, "appeal window ended", "parent@family.test"},
        {5, "closed", "done", 2, "independent review complete", "parent@family.test"},
        {6, "closed", "done", 1, "withdrawn by Alex Able", "parent@family.test"},
        {7, "closed", "done", 1, "closed by Alex Able", "parent@family.test"},
        {8, "void", "done", 1, "not a complaint", "parent@family.test"},
        {9, "open", "stage1", 1, "", ""},
    };
    for (const OldCase& c : cases) {
      const bool closed = std::string(c.state) != "open";
      db.exec(
          std::string("INSERT INTO cases (id, reference, year, seq, kind, state, stage, subject,"
                      " complainant_name, complainant_email, handler_email, named_emails,"
                      " received_at, acknowledge_due, respond_due, closed_at, phase, appeal_due,"
                      " review_due, close_reason) VALUES (") +
          std::to_string(c.seq) + ", 'PACTS-2026-000" + std::to_string(c.seq) + "', 2026, " +
          std::to_string(c.seq) + ", 'complaint', '" + c.state + "', " + std::to_string(c.stage) +
          ", 'Complaint', 'Pat Parent', '" + c.email + "', 'chair.a@pacts.test', '', " +
          Secs("2026-11-02") + ", '2026-11-16', '" + (c.seq == 1 ? "2026-12-21" : "2026-12-14") +
          "', " + (closed ? Secs("2026-12-20") : "NULL") + ", '" + c.phase + "', '" +
          (c.seq == 2 ? "2026-12-31" : "") + "', '" + (c.seq == 3 ? "2027-01-20" : "") + "', '" +
          c.close_reason + "')");
      auto event = [&](const char* kind, const std::string& day, const char* detail) {
        db.exec("INSERT INTO case_events (case_id, at, kind, detail) VALUES (" +
                std::to_string(c.seq) + ", " + Secs(day) + ", '" + kind + "', '" + detail + "')");
      };
      event("opened", "2026-11-02", "complaint keywords");
      if (*c.email)
        event("acknowledged", "2026-11-02", "acknowledgement queued to the complainant");
      if (c.seq == 1 || c.seq == 3) event("holding", "2026-11-03", "new final date 2026-12-21");
      if (c.seq == 3 || c.seq == 5) {
        event("outcome", "2026-11-04", "Sorry.");
        event("stage_two", "2026-11-05", "the complainant asked for an independent review");
      }
      if (c.seq == 3) event("holding", "2026-11-06", "new final date 2027-01-20");
    }
    // The letters the handler of case 1 and the reviewer of case 3 would answer.
    db.exec(
        "INSERT INTO outbox (case_id, purpose, recipient, message_id, mail, created_at,"
        " next_attempt_at, sent_at) VALUES"
        " (1, 'handler_notification', 'chair.a@pacts.test', 'v5-note-1@pacts.test', 'x', " +
        Secs("2026-11-02") + ", 0, " + Secs("2026-11-02") +
        "),"
        " (3, 'stage2_review_request', 'reviewer@outside.test', 'v5-review-3@pacts.test',"
        " 'x', " +
        Secs("2026-11-05") + ", 0, " + Secs("2026-11-05") + ")");
  }

  CaseRecord Old(int seq) {
    return CaseStore(*db_).FindByReference("PACTS-2026-000" + std::to_string(seq)).value();
  }

  std::string dir_;
};

TEST_F(SchemaFiveUpgrade, EveryPhaseAndCloseCauseIsReadBack) {
  EXPECT_EQ(db_->execAndGet("PRAGMA user_version").getInt(), CurrentSchemaVersion());
  EXPECT_EQ(Old(1).phase, Phase::kStageOne);
  EXPECT_EQ(Old(2).phase, Phase::kAppealWindow);
  EXPECT_EQ(Old(3).phase, Phase::kStageTwo);
  EXPECT_TRUE(Old(3).reached_stage_two);
  ASSERT_TRUE(Old(3).stage_two_at);
  EXPECT_EQ(*Old(3).stage_two_at, UtcAt("2026-11-05"));
  EXPECT_EQ(Old(4).close_cause, CloseCause::kAppealWindowEnded);
  EXPECT_EQ(Old(5).close_cause, CloseCause::kReviewComplete);
  EXPECT_TRUE(Old(5).reached_stage_two);
  EXPECT_EQ(Old(6).close_cause, CloseCause::kWithdrawn);
  EXPECT_EQ(Old(7).close_cause, CloseCause::kClosed);
  EXPECT_EQ(Old(8).close_cause, CloseCause::kNotComplaint);
  EXPECT_EQ(Old(8).state, CaseState::kVoid);
  for (int seq = 1; seq <= 8; ++seq) EXPECT_TRUE(Old(seq).acknowledged) << seq;
  EXPECT_FALSE(Old(9).acknowledged);
  for (int seq : {1, 2, 3, 9}) EXPECT_EQ(Old(seq).close_cause, CloseCause::kNone) << seq;
  // Case 3's holding letters: the handler's in Stage One, the reviewer's in Stage Two.
  std::vector<std::pair<CaseEventKind, Role>> holdings;
  for (const CaseEvent& e : CaseStore(*db_).Events(3))
    if (e.kind == CaseEventKind::kHolding || e.kind == CaseEventKind::kReviewHolding)
      holdings.push_back({e.kind, e.actor});
  EXPECT_EQ(holdings, (std::vector<std::pair<CaseEventKind, Role>>{
                          {CaseEventKind::kHolding, Role::kHandler},
                          {CaseEventKind::kReviewHolding, Role::kReviewer}}));
}

TEST_F(SchemaFiveUpgrade, HoldingLettersSentBeforeTheUpgradeCountAsTheOneAllowed) {
  clock_.Set(UtcAt("2026-11-20"));
  Message note, request;
  note.message_id = "v5-note-1@pacts.test";
  note.subject = "[PACTS-2026-0001] New complaint";
  request.message_id = "v5-review-3@pacts.test";
  request.subject = "[PACTS-2026-0003] Independent review";
  auto out = Deliver(Reply(kAlex, note, "#holding 2027-01-04\r\nAgain."));
  EXPECT_EQ(CountTo(out, kParent), 0);
  EXPECT_TRUE(Has(LetterTo(out, kA, "Not done"), "already been sent"));
  out = Deliver(Reply(kRita, request, "#holding 2027-01-27\r\nAgain."));
  EXPECT_EQ(CountTo(out, kParent), 0);
  EXPECT_TRUE(Has(LetterTo(out, kRita, "Not done"), "already been sent"));
  EXPECT_EQ(Old(1).respond_due, "2026-12-21");
  EXPECT_EQ(Old(3).review_due, "2027-01-20");
  // The watch runs over the upgraded cases without tripping on any of them.
  CycleOn("2026-12-22");
  EXPECT_EQ(Old(2).close_cause, CloseCause::kNone);
  CycleOn("2027-01-04");
  EXPECT_EQ(Old(2).close_cause, CloseCause::kAppealWindowEnded);
}

}  // namespace
}  // namespace intaked
