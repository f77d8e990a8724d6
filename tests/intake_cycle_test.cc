// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/intake_cycle.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "config/config_loader.h"
#include "fake_mail.h"
#include "store/case_store.h"
#include "store/database.h"
#include "store/mailbox_state_store.h"
#include "store/message_log.h"
#include "store/outbox.h"
#include "test_config.h"

namespace intaked {
namespace {

Instant At(int y, unsigned m, unsigned d, int h = 10) {
  return date::sys_days(date::year(y) / date::month(m) / date::day(d)) + std::chrono::hours(h);
}

std::string Complaint(const std::string& id, const std::string& body,
                      const std::string& to = "info@pacts.test", const std::string& cc = "") {
  return "From: Pat Parent <parent@family.test>\r\nTo: " + to + "\r\n" +
         (cc.empty() ? "" : "Cc: " + cc + "\r\n") + "Subject: Complaint\r\nMessage-ID: <" + id +
         ">\r\nDate: Wed, 25 Nov 2026 10:00:00 +0000\r\n\r\n" + body + "\r\n";
}

class IntakeCycleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ctx_ = TestContext();
    auto db = OpenDatabase(":memory:");
    ASSERT_TRUE(db.ok());
    db_ = std::move(db.value());
    sink_ = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(100);
    log_ = std::make_shared<spdlog::logger>("test", sink_);
    outages_ = std::make_unique<OutageLog>(log_);
  }

  CycleReport RunCycle() {
    IntakeCycle cycle(*db_, server_, sender_, clock_, tokens_, *outages_, log_);
    CycleReport report;
    const Status s = cycle.Run(*ctx_, &report);
    EXPECT_TRUE(s.ok()) << s.message();
    return report;
  }

  std::string Logs() const {
    std::string all;
    for (const auto& l : sink_->last_formatted()) all += l;
    return all;
  }

  std::shared_ptr<const ProcedureContext> ctx_;
  std::unique_ptr<SQLite::Database> db_;
  FakeMailServer server_;
  FakeSender sender_;
  FixedClock clock_{At(2026, 11, 25)};
  CountingTokens tokens_;
  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink_;
  std::shared_ptr<spdlog::logger> log_;
  std::unique_ptr<OutageLog> outages_;
};

TEST_F(IntakeCycleTest, MailStampedAfterTheClockIsReceivedNow) {
  // A replay (`run --now`) of a mailbox holding later mail, or a server clock
  // running ahead: deadlines still count from our clock, not from the future.
  server_.Deliver("info@pacts.test", Complaint("f1@family.test", "I am unhappy with the venue."),
                  At(2027, 6, 1));
  RunCycle();
  const auto cases = CaseStore(*db_).List(false);
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].received_at, clock_.Now());
}

TEST_F(IntakeCycleTest, ComplaintIsAcknowledgedAndHandlerNotified) {
  server_.Deliver("info@pacts.test", Complaint("c1@family.test", "I am unhappy with the venue."));
  const CycleReport r = RunCycle();
  EXPECT_EQ(r.complaints, 1);
  ASSERT_EQ(sender_.To("parent@family.test").size(), 1u);
  const Message ack = sender_.To("parent@family.test")[0].message;
  EXPECT_EQ(ack.subject, "[PACTS-2026-0001] We have received your complaint");
  EXPECT_EQ(ack.in_reply_to, "c1@family.test");
  EXPECT_EQ(ack.auto_submitted, "auto-replied");
  EXPECT_NE(ack.body.find("Monday 11 January 2027"),
            std::string::npos);        // 30 working days, Christmas skipped
  EXPECT_EQ(sender_.sent.size(), 2u);  // plus one notification to whichever co-chair
  EXPECT_EQ(Logs().find("parent@family.test"), std::string::npos)
      << "addresses are masked at info level";
  EXPECT_NE(Logs().find("p***@family.test"), std::string::npos);
}

TEST_F(IntakeCycleTest, TheHandlerGetsTheComplainantsAttachments) {
  std::ifstream in(std::string(TEST_DATA_DIR) + "/multipart_attachment.eml", std::ios::binary);
  std::stringstream raw;
  raw << in.rdbuf();
  const std::string complaint = std::regex_replace(
      raw.str(), std::regex("Subject: With attachment"), "Subject: Complaint, with attachment");
  server_.Deliver("info@pacts.test", complaint);
  RunCycle();
  const auto note = sender_.To("chair.a@pacts.test");
  ASSERT_EQ(note.size(), 1u);
  ASSERT_EQ(note[0].message.attachments.size(), 2u);
  EXPECT_EQ(note[0].message.attachments[0].filename, "résumé.pdf");
  EXPECT_EQ(note[0].message.attachments[0].size, 3000u);
  EXPECT_NE(note[0].message.body.find("Attachments (attached to this email)"), std::string::npos);
  EXPECT_TRUE(sender_.To("parent@family.test").at(0).message.attachments.empty())
      << "not sent back to the parent";
}

TEST_F(IntakeCycleTest, NamedCoChairReceivesNothing) {
  server_.Deliver(
      "chair.a@pacts.test",
      Complaint("c2@family.test", "Alex Able was rude to me, I complain.", "chair.a@pacts.test"));
  RunCycle();
  EXPECT_TRUE(sender_.To("chair.a@pacts.test").empty());
  ASSERT_EQ(sender_.To("chair.b@pacts.test").size(), 1u);
  const auto c = CaseStore(*db_).FindByReference("PACTS-2026-0001");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->handler_email, "chair.b@pacts.test");
  EXPECT_EQ(c->named_emails, (std::vector<std::string>{"chair.a@pacts.test"}));
}

TEST_F(IntakeCycleTest, NamingEveryoneGoesToTheFallback) {
  server_.Deliver("info@pacts.test",
                  Complaint("c3@family.test", "Both co-chairs ignored my complaint."));
  RunCycle();
  EXPECT_TRUE(sender_.To("chair.a@pacts.test").empty());
  EXPECT_TRUE(sender_.To("chair.b@pacts.test").empty());
  EXPECT_EQ(sender_.To("steering@pacts.test").size(), 1u);
}

TEST_F(IntakeCycleTest, SameMessageInTwoMailboxesIsOneCase) {
  const std::string raw =
      Complaint("c4@family.test", "I am dissatisfied.", "info@pacts.test", "chair.b@pacts.test");
  server_.Deliver("info@pacts.test", raw);
  server_.Deliver("chair.b@pacts.test", raw);
  const CycleReport r = RunCycle();
  EXPECT_EQ(r.complaints, 1);
  EXPECT_EQ(r.duplicates, 1);
  EXPECT_EQ(CaseStore(*db_).List(false).size(), 1u);
  // Cc'd to Bea, so Bea handles it.
  EXPECT_EQ(sender_.To("chair.b@pacts.test").size(), 1u);
}

TEST_F(IntakeCycleTest, SecondRunSendsNothingNew) {
  server_.Deliver("info@pacts.test", Complaint("c5@family.test", "A complaint."));
  RunCycle();
  const size_t before = sender_.sent.size();
  const CycleReport r = RunCycle();
  EXPECT_EQ(r.fetched, 0);
  EXPECT_EQ(sender_.sent.size(), before);
}

TEST_F(IntakeCycleTest, UidValidityChangeDoesNotRepeat) {
  server_.Deliver("info@pacts.test", Complaint("c6@family.test", "A complaint."));
  RunCycle();
  server_.Folder("info@pacts.test").uidvalidity = 99;  // the server rebuilt its index
  const CycleReport r = RunCycle();
  EXPECT_EQ(r.fetched, 1);
  EXPECT_EQ(r.duplicates, 1);
  EXPECT_EQ(CaseStore(*db_).List(false).size(), 1u);
  EXPECT_EQ(sender_.sent.size(), 2u);
  EXPECT_NE(Logs().find("UIDVALIDITY changed"), std::string::npos);
}

TEST_F(IntakeCycleTest, AutomatedMailIsRecordedNotAnswered) {
  server_.Deliver(
      "info@pacts.test",
      "From: away@family.test\r\nSubject: Out of office: complaint\r\nMessage-ID: <ooo@x>\r\n"
      "Auto-Submitted: auto-replied\r\n\r\nAway\r\n");
  RunCycle();
  EXPECT_TRUE(sender_.sent.empty());
  EXPECT_EQ(MessageLog(*db_).CountByKind("automated"), 1);
}

TEST_F(IntakeCycleTest, OwnLettersComingBackAreIgnored) {
  server_.Deliver("info@pacts.test", Complaint("c7@family.test", "A complaint."));
  RunCycle();
  // The notification lands in the handler's INBOX, which intaked also reads.
  for (const SentMail& s : sender_.sent)
    server_.Deliver(s.to == "chair.a@pacts.test" ? s.to : "chair.b@pacts.test", s.raw);
  const size_t before = sender_.sent.size();
  RunCycle();
  EXPECT_EQ(sender_.sent.size(), before);
  EXPECT_GE(MessageLog(*db_).CountByKind("own"), 1);
}

TEST_F(IntakeCycleTest, ReplyIsAttachedToItsCaseNotANewOne) {
  server_.Deliver("info@pacts.test", Complaint("c8@family.test", "A complaint."));
  RunCycle();
  const Message ack = sender_.To("parent@family.test")[0].message;
  server_.Deliver("info@pacts.test", "From: parent@family.test\r\nSubject: Re: " + ack.subject +
                                         "\r\nMessage-ID: <r8@family.test>\r\nIn-Reply-To: <" +
                                         ack.message_id +
                                         ">\r\n\r\nI am still unhappy, more detail.\r\n");
  RunCycle();
  EXPECT_EQ(CaseStore(*db_).List(false).size(), 1u);
  EXPECT_EQ(MessageLog(*db_).CountByKind("correspondence"), 1);
}

TEST_F(IntakeCycleTest, SmtpOutageRetriesWithBackoffAndNeverTwice) {
  server_.Deliver("info@pacts.test", Complaint("c9@family.test", "A complaint."));
  sender_.next = SendOutcome::Kind::kServerUnavailable;
  CycleReport r = RunCycle();
  EXPECT_TRUE(r.outbox.server_down);
  EXPECT_EQ(sender_.attempts, 1);  // the drain stops at the first failure
  EXPECT_EQ(Outbox(*db_).PendingCount(), 2);
  sender_.next = SendOutcome::Kind::kAccepted;
  r = RunCycle();
  EXPECT_EQ(r.outbox.sent, 0) << "the server is backing off: not tried";
  clock_.Advance(std::chrono::seconds(31));
  r = RunCycle();
  EXPECT_EQ(r.outbox.sent, 2) << "both letters, the one that met the outage first";
  clock_.Advance(std::chrono::hours(2));
  RunCycle();
  EXPECT_EQ(sender_.sent.size(), 2u);
  EXPECT_EQ(Outbox(*db_).PendingCount(), 0);
  const std::string logs = Logs();
  EXPECT_NE(logs.find("working again"), std::string::npos);
}

TEST_F(IntakeCycleTest, MailboxOutageIsLoggedOnceAndTheRestGoesOn) {
  server_.Folder("chair.a@pacts.test").down = true;
  server_.Folder("chair.a@pacts.test", "Sent").down = true;
  server_.Deliver("info@pacts.test", Complaint("c10@family.test", "A complaint."));
  CycleReport r = RunCycle();
  EXPECT_EQ(r.mailboxes_failed, 2);  // INBOX and Sent
  EXPECT_EQ(r.complaints, 1);
  RunCycle();
  const std::string logs = Logs();
  const int opens = server_.opens;
  RunCycle();  // within the 30 s back-off: the failing folders are not tried again
  EXPECT_EQ(server_.opens, opens + 3) << "intake and Bea's two folders; not Alex's";
  clock_.Advance(std::chrono::seconds(31));
  RunCycle();
  EXPECT_EQ(server_.opens, opens + 8) << "back-off over: Alex's INBOX and Sent tried again";
  const std::string line = "chair.a@pacts.test/INBOX: connection refused";
  const size_t first = logs.find(line);
  ASSERT_NE(first, std::string::npos) << logs;
  EXPECT_EQ(logs.find(line, first + 1), std::string::npos) << "one line per outage";
}

// Every co-chair mailbox has its Sent folder read - the configured one, or,
// with sent_folder left out, the one the server marks \Sent - asked of the
// opener as kSentFolder, under a key that does not depend on what the server
// calls the folder.
TEST_F(IntakeCycleTest, EveryCoChairsSentFolderIsReadConfiguredOrFound) {
  auto config = ParseConfig(TestConfigText(), "/tmp/intaked-test.toml").value();
  for (CoChairSettings& cc : config.co_chairs) cc.mailbox->username = cc.identity.address;
  config.co_chairs[0].mailbox->sent_folder = "";  // left out: found
  config.co_chairs[1].mailbox->sent_folder = "Sent Items";
  ctx_ = ProcedureContext::Build(config).value();
  struct Recording : MailFolderOpener {
    explicit Recording(MailFolderOpener& inner) : inner(inner) {}
    Result<std::unique_ptr<MailFolder>> Open(const MailboxSettings& m,
                                             const std::string& folder) override {
      asked.push_back(m.label + " " + folder);
      return inner.Open(m, folder);
    }
    MailFolderOpener& inner;
    std::vector<std::string> asked;
  } opener(server_);
  server_.Deliver("chair.a@pacts.test", Complaint("a-sent@pacts.test", "x"), clock_.Now(), "Sent");
  server_.Deliver("chair.b@pacts.test", Complaint("b-sent@pacts.test", "x"), clock_.Now(),
                  "Sent Items");
  IntakeCycle cycle(*db_, opener, sender_, clock_, tokens_, *outages_, log_);
  CycleReport report;
  ASSERT_TRUE(cycle.Run(*ctx_, &report).ok());
  EXPECT_EQ(opener.asked,
            (std::vector<std::string>{"intake ", "chair.a@pacts.test ", "chair.b@pacts.test ",
                                      "chair.a@pacts.test \\Sent", "chair.b@pacts.test \\Sent"}));
  EXPECT_EQ(report.fetched, 2) << "one message in each Sent folder";
  MailboxStateStore states(*db_);
  ASSERT_TRUE(states.Get("chair.a@pacts.test/Sent").has_value());
  EXPECT_EQ(states.Get("chair.a@pacts.test/Sent")->last_uid, 1u);
  ASSERT_TRUE(states.Get("chair.b@pacts.test/Sent Items").has_value());
  EXPECT_EQ(states.Get("chair.b@pacts.test/Sent Items")->last_uid, 1u);
}

TEST_F(IntakeCycleTest, CoChairHistoryIsNotIntakeOnFirstSight) {
  server_.Deliver("chair.b@pacts.test",
                  Complaint("old@family.test", "An old complaint.", "chair.b@pacts.test"),
                  At(2026, 6, 1));
  server_.Deliver("chair.b@pacts.test",
                  Complaint("new@family.test", "A new complaint.", "chair.b@pacts.test"),
                  At(2026, 11, 24));
  const CycleReport r = RunCycle();
  EXPECT_EQ(r.complaints, 1);
  EXPECT_TRUE(MessageLog(*db_).Contains("new@family.test"));
  EXPECT_FALSE(MessageLog(*db_).Contains("old@family.test"));
}

TEST_F(IntakeCycleTest, IntakeHistoryIsNotNewIntakeOnFirstSight) {
  // A new install on a years-old info@ mailbox acknowledges none of its past.
  server_.Deliver("info@pacts.test", Complaint("old-i@family.test", "An old complaint."),
                  At(2025, 1, 10));
  server_.Deliver("info@pacts.test", Complaint("new-i@family.test", "A new complaint."),
                  At(2026, 11, 24));
  EXPECT_EQ(RunCycle().complaints, 1);
  EXPECT_FALSE(MessageLog(*db_).Contains("old-i@family.test"));
  EXPECT_TRUE(sender_.To("parent@family.test").size() == 1u);
}

TEST_F(IntakeCycleTest, AChangedUidValidityDoesNotTurnHistoryIntoIntake) {
  server_.Deliver("chair.b@pacts.test",
                  Complaint("hist@family.test", "An old complaint.", "chair.b@pacts.test"),
                  At(2026, 6, 1));
  RunCycle();  // history on first sight: skipped, not recorded
  server_.Folder("chair.b@pacts.test").uidvalidity = 77;  // the server renumbered the folder
  EXPECT_EQ(RunCycle().complaints, 0);
  EXPECT_TRUE(CaseStore(*db_).List(false).empty());
  EXPECT_TRUE(sender_.sent.empty());
}

TEST_F(IntakeCycleTest, MessagesWithoutIdAreStillProcessedOnce) {
  const std::string raw = "From: parent@family.test\r\nSubject: complaint\r\n\r\nno id\r\n";
  // Each mailbox's delivery adds its own trace headers.
  server_.Deliver("info@pacts.test",
                  "Delivered-To: info@pacts.test\r\nReceived: by a; 1 Dec 2026\r\n" + raw);
  server_.Deliver("chair.a@pacts.test",
                  "Delivered-To: chair.a@pacts.test\r\nReceived: by b; 1 Dec 2026\r\n" + raw);
  RunCycle();
  EXPECT_EQ(CaseStore(*db_).List(false).size(), 1u);
}

TEST_F(IntakeCycleTest, ReferencesAreSequentialPerYear) {
  server_.Deliver("info@pacts.test", Complaint("y1@family.test", "complaint one"));
  server_.Deliver("info@pacts.test", Complaint("y2@family.test", "complaint two"));
  RunCycle();
  clock_.Set(At(2027, 1, 4));
  server_.Deliver("info@pacts.test", Complaint("y3@family.test", "complaint three"),
                  At(2027, 1, 4));
  RunCycle();
  std::vector<std::string> refs;
  for (const auto& c : CaseStore(*db_).List(false)) refs.push_back(c.reference);
  EXPECT_EQ(refs,
            (std::vector<std::string>{"PACTS-2026-0001", "PACTS-2026-0002", "PACTS-2027-0001"}));
}

}  // namespace
}  // namespace intaked
