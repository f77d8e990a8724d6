// SPDX-License-Identifier: GPL-3.0-or-later
// Erasure means erased (docs/SECURITY.md, "Personal data"): after `erase` and
// the retention purge, a
// person's words are in neither the database file nor its -wal, while another
// connection (the daemon's) stays open; and every place that holds personal
// data - intake commands a co-chair logged, compliment letters, digests - is
// covered by export, erase and retention.
#include <SQLiteCpp/Transaction.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "calendar/local_zone.h"
#include "engine/intake_cycle.h"
#include "fake_mail.h"
#include "reports/annual_report.h"
#include "store/case_store.h"
#include "store/database.h"
#include "store/personal_data.h"
#include "test_config.h"

namespace intaked {
namespace {

Instant At(const std::string& iso, int hour = 10) {
  return Instant(date::sys_days(*ParseIsoDate(iso)).time_since_epoch()) + std::chrono::hours(hour);
}

std::string Bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Words that occur nowhere else, so finding their bytes anywhere is a leak.
constexpr char kName[] = "Zebedee Quillfeather";
constexpr char kAddress[] = "zebedee@quill.test";
constexpr char kWords[] = "trampolinegate";
constexpr char kSubject[] = "Marmalade incident";

class Erasure : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/intaked-erasure-XXXXXX";
    dir_ = mkdtemp(tmpl);
    path_ = dir_ + "/intaked.db";
    ctx_ = TestContext();
    daemon_ = std::move(OpenDatabase(path_).value());
    admin_ = std::move(OpenDatabase(path_).value());
    log_ = std::make_shared<spdlog::logger>("t", std::make_shared<spdlog::sinks::null_sink_mt>());
    outages_ = std::make_unique<OutageLog>(log_);
  }
  void TearDown() override {
    daemon_.reset();
    admin_.reset();
    std::filesystem::remove_all(dir_);
  }
  // One daemon cycle, on the daemon's connection.
  void Cycle() {
    IntakeCycle cycle(*daemon_, server_, sender_, clock_, tokens_, *outages_, log_);
    CycleReport r;
    ASSERT_TRUE(cycle.Run(*ctx_, &r).ok());
  }
  std::string Mail(const std::string& from, const std::string& subject, const std::string& body,
                   const std::string& to = "info@pacts.test") {
    return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: <m" +
           std::to_string(++n_) +
           ".4f1a9c@mail.example>\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body +
           "\r\n";
  }
  void Complaint() {
    server_.Deliver("info@pacts.test",
                    Mail(std::string(kName) + " <" + kAddress + ">", kSubject,
                         std::string("I want to complain about the ") + kWords + " affair."),
                    clock_.Now());
    Cycle();
  }
  // The leaks: which of the person's words are still in the database file or its WAL.
  std::string Leaks() {
    std::string found;
    for (const char* file : {"", "-wal"}) {
      const std::string bytes = Bytes(path_ + file);
      for (const char* word : {kName, kAddress, kWords, kSubject, "Quillfeather", "Marmalade"}) {
        if (bytes.find(word) != std::string::npos)
          found += std::string(word) + " in intaked.db" + file + "; ";
      }
    }
    return found;
  }
  // As `intaked erase` does it: erase, commit, empty the WAL.
  ErasureCount EraseEmail(const std::string& email) {
    SQLite::Transaction tx(*admin_, SQLite::TransactionBehavior::IMMEDIATE);
    const ErasureCount n = PersonalData(*admin_).EraseEmail(email, clock_.Now());
    tx.commit();
    EXPECT_TRUE(EmptyWriteAheadLog(*admin_, std::chrono::seconds(1)).ok());
    return n;
  }
  ErasureCount EraseCase(const std::string& reference) {
    SQLite::Transaction tx(*admin_, SQLite::TransactionBehavior::IMMEDIATE);
    const ErasureCount n = PersonalData(*admin_).EraseCase(
        CaseStore(*admin_).FindByReference(reference)->id, clock_.Now(), "test");
    tx.commit();
    EXPECT_TRUE(EmptyWriteAheadLog(*admin_, std::chrono::seconds(1)).ok());
    return n;
  }
  // Everything exported about `email`: record.json and every file, as one text.
  std::string Exported(const std::string& email) {
    const PersonalRecord rec = PersonalData(*admin_).Export(email);
    std::string all = rec.json;
    for (const ExportFile& f : rec.files) all += f.bytes;
    return all;
  }
  // Rows anywhere in the database still holding `word`.
  std::string Holding(const std::string& word) {
    std::string found;
    for (const char* sql :
         {"SELECT 'messages ' || id || ' (' || kind || ')' FROM messages WHERE instr(raw, ?1) OR "
          "instr(subject, ?1) OR instr(from_email, ?1)",
          "SELECT 'outbox ' || id || ' (' || purpose || ')' FROM outbox WHERE instr(mail, ?1) OR "
          "instr(recipient, ?1)",
          "SELECT 'case_events ' || id || ' (' || kind || ')' FROM case_events WHERE instr(detail, "
          "?1)",
          "SELECT 'cases ' || id FROM cases WHERE instr(subject, ?1) OR instr(complainant_name, "
          "?1) "
          "OR instr(complainant_email, ?1)"}) {
      SQLite::Statement q(*admin_, sql);
      q.bind(1, word);
      while (q.executeStep()) found += q.getColumn(0).getString() + "; ";
    }
    return found;
  }
  // A co-chair's intake command, as intaked reads it from their Sent folder.
  void CoChairLogs(const std::string& keyword, const std::string& text) {
    const std::string raw =
        Mail("Bea Bright <chair.b@pacts.test>", kSubject,
             keyword + "\r\nComplainant: " + kName + " <" + kAddress + ">\r\n" + text);
    server_.Deliver("chair.b@pacts.test", raw, clock_.Now(), "Sent");
    Cycle();
  }

  std::string dir_, path_;
  std::shared_ptr<const ProcedureContext> ctx_;
  std::unique_ptr<SQLite::Database> daemon_, admin_;
  FakeMailServer server_;
  FakeSender sender_;
  FixedClock clock_{At("2026-03-02")};
  CountingTokens tokens_;
  std::shared_ptr<spdlog::logger> log_;
  std::unique_ptr<OutageLog> outages_;
  int n_ = 0;
};

TEST_F(Erasure, ErasedWordsAreInNeitherTheDatabaseNorItsWalWhileTheDaemonIsConnected) {
  Complaint();
  ASSERT_NE(Leaks(), "") << "the words are there before erasure (else this test proves nothing)";
  EraseEmail(kAddress);
  EXPECT_EQ(Leaks(), "");
}

TEST_F(Erasure, AComplaintACoChairLoggedIsExportedAndErasedWithItsCase) {
  CoChairLogs("#complaint", std::string("Rang about the ") + kWords + " affair.");
  ASSERT_NE(Holding(kWords), "");
  EXPECT_NE(Exported(kAddress).find("Bea Bright <chair.b@pacts.test>"), std::string::npos)
      << "the co-chair's message that logged it is part of what is held about them";
  EraseCase("PACTS-2026-0001");
  EXPECT_EQ(Holding(kWords), "");
  EXPECT_EQ(Holding("Quillfeather"), "");
}

TEST_F(Erasure, AComplaintACoChairLoggedIsErasedByAddress) {
  CoChairLogs("#complaint", std::string("Rang about the ") + kWords + " affair.");
  EraseEmail(kAddress);
  EXPECT_EQ(Holding(kWords), "");
  EXPECT_EQ(Holding("Quillfeather"), "");
  EXPECT_EQ(Holding(kAddress), "");
}

TEST_F(Erasure, ACoChairLoggedComplimentItsThanksAndCopiesAreExportedAndErased) {
  CoChairLogs("#compliment", std::string("Loved the ") + kWords + " workshop.");
  ASSERT_NE(Holding(kWords), "");
  const std::string exported = Exported(kAddress);
  EXPECT_NE(exported.find("#compliment"), std::string::npos) << exported;
  EraseEmail(kAddress);
  EXPECT_EQ(Holding(kWords), "");
  EXPECT_EQ(Holding("Quillfeather"), "");
  EXPECT_EQ(Holding(kAddress), "");
}

TEST_F(Erasure, AComplimentByMailItsThanksAndCopiesAreErasedByAddress) {
  server_.Deliver("info@pacts.test",
                  Mail(std::string(kName) + " <" + kAddress + ">", kSubject,
                       std::string("Thank you for the ") + kWords + " workshop, it was great."),
                  clock_.Now());
  Cycle();
  ASSERT_NE(Holding(kWords), "");
  EraseEmail(kAddress);
  EXPECT_EQ(Holding(kWords), "");
  EXPECT_EQ(Holding("Quillfeather"), "");
}

TEST_F(Erasure, RetentionPurgesComplimentsAndTheirLetters) {
  CoChairLogs("#compliment", std::string("Loved the ") + kWords + " workshop.");
  server_.Deliver("info@pacts.test",
                  Mail(std::string(kName) + " <" + kAddress + ">", "Thanks",
                       "Thank you for the coffee morning, it was great."),
                  clock_.Now());
  Cycle();
  ASSERT_NE(Holding(kWords), "");
  clock_.Set(At("2032-03-04"));  // six years and a little later
  Cycle();
  EXPECT_EQ(Holding(kWords), "");
  EXPECT_EQ(Holding("Quillfeather"), "");
  EXPECT_EQ(Holding(kAddress), "");
  EXPECT_EQ(Leaks(), "") << "the daemon's purge empties its WAL too";
}

// Mail that belongs to no case follows the retention clock too: a compliment naming a child (its
// thanks and copies), and the weekly digests listing cases' subjects. Older than the retention
// period, their words are in no table and neither file; younger, they stay; the report still
// counts the compliment.
TEST_F(Erasure, RetentionPurgesMailOfNoCaseOlderThanThePeriodOnly) {
  auto compliment = [&](const std::string& child) {
    server_.Deliver("info@pacts.test",
                    Mail("Ann Parent <ann@family.test>", "Thanks",
                         "Thank you for the workshop, " + child + " loved it, it was great."),
                    clock_.Now());
  };
  auto digests_naming = [&](const std::string& word, int from_year, int to_year) {
    SQLite::Statement q(*admin_,
                        "SELECT COUNT(*) FROM outbox WHERE purpose = 'weekly_digest' AND "
                        "instr(mail, ?) AND created_at >= ? AND created_at < ?");
    q.bind(1, word);
    q.bind(2, int64_t(At(std::to_string(from_year) + "-01-01").time_since_epoch().count()));
    q.bind(3, int64_t(At(std::to_string(to_year) + "-01-01").time_since_epoch().count()));
    q.executeStep();
    return q.getColumn(0).getInt();
  };
  auto compliments_2026 = [&] {
    return ComputeAnnualReport(*admin_,
                               {.organisation = "PACTS",
                                .calendar = ctx_->calendar,
                                .zone = ctx_->zone,
                                .respond_days = ctx_->config.respond_days,
                                .review_days = ctx_->config.review_days},
                               *ParseIsoDate("2026-01-01"), *ParseIsoDate("2026-12-31"),
                               clock_.Now())
        .compliments;
  };
  compliment("Tom Fennimore");
  Complaint();                   // an open case: Monday's digests list its subject
  clock_.Set(At("2031-03-03"));  // a Monday five years on
  compliment("Lily Oakhampton");
  Cycle();
  ASSERT_NE(Holding("Fennimore"), "");
  ASSERT_GT(digests_naming("Marmalade", 2026, 2027), 0);
  ASSERT_GT(digests_naming("Marmalade", 2031, 2032), 0);
  ASSERT_EQ(compliments_2026(), 1);

  clock_.Set(At("2033-03-08"));  // seven years after the first, two after the second
  Cycle();
  EXPECT_EQ(Holding("Fennimore"), "");
  EXPECT_EQ(admin_
                ->execAndGet("SELECT COUNT(*) FROM messages WHERE from_email = 'ann@family.test' "
                             "AND received_at < " +
                             std::to_string(At("2027-01-01").time_since_epoch().count()))
                .getInt(),
            0)
      << "the sender's address goes with the words";
  EXPECT_EQ(digests_naming("Marmalade", 2026, 2027), 0);
  for (const char* file : {"", "-wal"})
    EXPECT_EQ(Bytes(path_ + file).find("Fennimore"), std::string::npos) << "intaked.db" << file;
  EXPECT_NE(Holding("Oakhampton"), "") << "two years old: kept";
  EXPECT_GT(digests_naming("Marmalade", 2031, 2032), 0) << "two years old: kept";
  EXPECT_EQ(compliments_2026(), 1) << "the count outlives the words";
}

TEST_F(Erasure, RetentionLeavesNoCopyOfAClosedCaseInTheFiles) {
  Complaint();
  auto c = CaseStore(*daemon_).FindByReference("PACTS-2026-0001").value();
  c.state = CaseState::kClosed;
  c.closed_at = clock_.Now();
  CaseStore(*daemon_).Save(c);
  clock_.Set(At("2032-03-04"));
  Cycle();
  EXPECT_EQ(Leaks(), "");
}

TEST_F(Erasure, AReaderOfAnOlderSnapshotHoldsTheWalAndIsNamed) {
  Complaint();
  {
    // The daemon mid-cycle: a read transaction open on the old snapshot.
    SQLite::Transaction reading(*daemon_);
    daemon_->execAndGet("SELECT COUNT(*) FROM cases");
    SQLite::Transaction tx(*admin_, SQLite::TransactionBehavior::IMMEDIATE);
    PersonalData(*admin_).EraseEmail(kAddress, clock_.Now());
    tx.commit();
    const Status s = EmptyWriteAheadLog(*admin_, std::chrono::milliseconds(300));
    EXPECT_FALSE(s.ok());
    EXPECT_NE(s.message().find(path_ + "-wal: could not be emptied"), std::string::npos)
        << s.message();
    EXPECT_NE(Leaks(), "") << "not emptied while the reader held it";
  }
  // Once the reader is done, trying again succeeds.
  EXPECT_TRUE(EmptyWriteAheadLog(*admin_, std::chrono::milliseconds(300)).ok());
  EXPECT_EQ(Leaks(), "");
}

TEST_F(Erasure, EveryConnectionZeroesWhatItDeletes) {
  // Debian builds SQLite with SECURE_DELETE on; intaked does not rely on that.
  EXPECT_EQ(admin_->execAndGet("PRAGMA secure_delete").getInt(), 1);
  EXPECT_EQ(daemon_->execAndGet("PRAGMA secure_delete").getInt(), 1);
}

TEST_F(Erasure, AnAddressOrCaseNotHeldErasesNothing) {
  Complaint();
  EXPECT_EQ(EraseEmail("nobody@quill.test").rows, 0);
  const ErasureCount first = EraseCase("PACTS-2026-0001");
  EXPECT_EQ(first.cases, 1);
  EXPECT_GT(first.rows, 0);
  const ErasureCount again = EraseCase("PACTS-2026-0001");
  EXPECT_EQ(again.cases, 0) << "erased before: nothing more held";
  EXPECT_EQ(EraseEmail(kAddress).rows, 0);
}

TEST_F(Erasure, UpgradingTiesEarlierLoggedComplaintsToTheirCases) {
  // A database from before schema 4, where a logged #complaint's message had no case.
  daemon_.reset();
  admin_.reset();
  {
    SQLite::Database old(path_, SQLite::OPEN_READWRITE);
    old.exec(
        "DROP TRIGGER caseless_letters_name_their_message; ALTER TABLE outbox DROP COLUMN "
        "about_message; DROP TABLE attempts; ALTER TABLE messages DROP COLUMN alerted; "
        "PRAGMA user_version = 3");
    IntakeCycle cycle(old, server_, sender_, clock_, tokens_, *outages_, log_);
    server_.Deliver("chair.b@pacts.test",
                    Mail("Bea Bright <chair.b@pacts.test>", kSubject,
                         std::string("#complaint\r\nComplainant: ") + kName + "\r\n" + kWords),
                    clock_.Now(), "Sent");
    CycleReport r;
    old.exec("CREATE TABLE attempts (mailbox TEXT, uidvalidity INTEGER, uid INTEGER, count "
             "INTEGER, last_at INTEGER, PRIMARY KEY (mailbox, uidvalidity, uid)); ALTER TABLE "
             "messages ADD COLUMN alerted INTEGER NOT NULL DEFAULT 0");
    ASSERT_TRUE(cycle.Run(*ctx_, &r).ok());
    // As schema 3's intaked left it: the co-chair's message without its case.
    old.exec("UPDATE messages SET case_id = NULL WHERE kind = 'complaint'; DROP TABLE attempts; "
             "ALTER TABLE messages DROP COLUMN alerted; ALTER TABLE case_events DROP COLUMN actor; "
             "ALTER TABLE cases DROP COLUMN stage_two_at; ALTER TABLE cases DROP COLUMN ack_sent; "
             "DROP TABLE account_tokens; DROP TABLE account_refusals");
    ASSERT_EQ(old.execAndGet("SELECT COUNT(*) FROM messages WHERE case_id IS NULL").getInt(), 1);
  }
  admin_ = std::move(OpenDatabase(path_).value());
  EXPECT_EQ(admin_->execAndGet("SELECT COUNT(*) FROM messages WHERE case_id IS NULL").getInt(), 0);
  EraseCase("PACTS-2026-0001");
  EXPECT_EQ(Holding(kWords), "");
}

TEST(MentionsAddress, FindsTheWholeAddressInAnyCaseAndNothingLonger) {
  EXPECT_TRUE(MentionsAddress("Complainant: Pat <pat@family.test>", "pat@family.test"));
  EXPECT_TRUE(MentionsAddress("from PAT@Family.Test.", "pat@family.test"));
  EXPECT_TRUE(MentionsAddress("pat@family.test", "pat@family.test"));
  EXPECT_FALSE(MentionsAddress("spat@family.test", "pat@family.test"));
  EXPECT_FALSE(MentionsAddress("pat.o@family.test", "o@family.test"));
  EXPECT_FALSE(MentionsAddress("pat@family.test.uk", "pat@family.test"));
  EXPECT_FALSE(MentionsAddress("pat@family.tester", "pat@family.test"));
  EXPECT_TRUE(MentionsAddress("aaaaaa@b aaa@b", "aaa@b"));
  EXPECT_FALSE(MentionsAddress("", "pat@family.test"));
  EXPECT_FALSE(MentionsAddress("pat@family.test", ""));
}

TEST_F(Erasure, TheWeeklyDigestListingAnErasedCaseIsErasedToo) {
  Complaint();
  clock_.Set(At("2026-03-09", 9));  // Monday: digests go out
  Cycle();
  ASSERT_NE(Holding("Marmalade"), "");
  EraseCase("PACTS-2026-0001");
  EXPECT_EQ(Holding("Marmalade"), "");
}

TEST_F(Erasure, DigestsListingTheirCaseAreExportedWithoutOthersCasesAndErasedByAddress) {
  Complaint();
  server_.Deliver("info@pacts.test",
                  Mail("Sam <sam@family.test>", "Parking", "I am unhappy that Bea parked badly."),
                  clock_.Now());
  Cycle();
  clock_.Set(At("2026-03-09", 9));  // Monday: digests go out
  Cycle();
  ASSERT_EQ(admin_
                ->execAndGet("SELECT COUNT(*) FROM outbox WHERE purpose = 'weekly_digest' AND "
                             "instr(mail, 'Marmalade') AND instr(mail, 'Parking')")
                .getInt(),
            1)
      << "Alex's digest lists both cases (Sam's names Bea)";
  const PersonalRecord rec = PersonalData(*admin_).Export(kAddress);
  EXPECT_NE(rec.json.find("\"purpose\": \"weekly_digest\""), std::string::npos) << rec.json;
  EXPECT_NE(rec.json.find("\"file\": \"withheld: it is about other people too\""),
            std::string::npos);
  EXPECT_EQ(Exported(kAddress).find("Parking"), std::string::npos) << "nothing about Sam";
  EraseEmail(kAddress);
  EXPECT_EQ(Holding("Marmalade"), "");
}

}  // namespace
}  // namespace intaked
