// SPDX-License-Identifier: GPL-3.0-or-later
// The outbox charges each sending failure to what is at fault: the letter (it
// alone backs off or fails) or the server (nothing is charged; everything
// waiting goes, oldest first, when it answers again). Run through whole cycles,
// as the daemon runs them, with an in-memory server and sender.
#include <gtest/gtest.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include "engine/intake_cycle.h"
#include "fake_mail.h"
#include "store/database.h"
#include "store/outbox.h"
#include "test_config.h"

namespace intaked {
namespace {

using Kind = SendOutcome::Kind;

class OutboxDrainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ctx_ = TestContext("", /*read_co_chairs=*/false);
    db_ = std::move(OpenDatabase(":memory:").value());
    sink_ = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(100);
    log_ = std::make_shared<spdlog::logger>("test", sink_);
    outages_ = std::make_unique<OutageLog>(log_);
  }

  // Writes a letter to `to` into the outbox, as the engine does.
  void Letter(const std::string& to) {
    OutboxItem item;
    item.purpose = "test_letter";
    item.recipient = to;
    item.message_id = "letter-" + to;
    item.mail = "From: info@pacts.test\r\nTo: " + to + "\r\nSubject: x\r\n\r\nHello.\r\n";
    Outbox(*db_).Enqueue(item, clock_.Now());
  }

  Status Cycle(CycleReport* report) {
    IntakeCycle cycle(*db_, server_, sender_, clock_, tokens_, *outages_, log_);
    return cycle.Run(*ctx_, report);
  }
  CycleReport RunCycle() {
    CycleReport report;
    const Status s = Cycle(&report);
    EXPECT_TRUE(s.ok()) << s.message();
    return report;
  }

  std::string Logs() const {
    std::string all;
    for (const auto& l : sink_->last_formatted()) all += l;
    return all;
  }

  using Names = std::vector<std::string>;
  Names SentTo() const {
    Names out;
    for (const SentMail& m : sender_.sent) out.push_back(m.to);
    return out;
  }

  std::shared_ptr<const ProcedureContext> ctx_;
  std::unique_ptr<SQLite::Database> db_;
  FakeMailServer server_;
  FakeSender sender_;
  FixedClock clock_{date::sys_days(date::year(2026) / 11 / 25) + std::chrono::hours(10)};
  CountingTokens tokens_;
  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink_;
  std::shared_ptr<spdlog::logger> log_;
  std::unique_ptr<OutageLog> outages_;
};

TEST_F(OutboxDrainTest, AfterAnOutageEverythingWaitingGoesOldestFirstInOneDrain) {
  Letter("a@family.test");
  Letter("b@family.test");
  Letter("c@family.test");
  sender_.next = Kind::kServerUnavailable;
  CycleReport r = RunCycle();
  EXPECT_TRUE(r.outbox.server_down);
  EXPECT_EQ(sender_.attempts, 1) << "the drain stops at the first sign of an outage";
  EXPECT_EQ(r.outbox.deferred, 3);

  clock_.Advance(std::chrono::seconds(31));  // past the server's first back-off
  Letter("d@family.test");
  sender_.next = Kind::kAccepted;
  r = RunCycle();
  EXPECT_FALSE(r.outbox.server_down);
  EXPECT_EQ(r.outbox.sent, 4) << "the letter that met the outage was not charged for it";
  EXPECT_EQ(SentTo(), (Names{"a@family.test", "b@family.test", "c@family.test", "d@family.test"}));
  EXPECT_EQ(Outbox(*db_).PendingCount(), 0);
}

TEST_F(OutboxDrainTest, WhileTheServerIsDownItIsTriedWithBackoffNotEveryCycle) {
  Letter("a@family.test");
  sender_.next = Kind::kServerUnavailable;
  RunCycle();
  RunCycle();
  EXPECT_EQ(sender_.attempts, 1) << "within the 30 s back-off the server is left alone";
  clock_.Advance(std::chrono::seconds(31));
  RunCycle();
  EXPECT_EQ(sender_.attempts, 2);
  sender_.next = Kind::kAccepted;
  clock_.Advance(std::chrono::seconds(61));
  RunCycle();
  EXPECT_EQ(SentTo(), Names{"a@family.test"});
  const std::string logs = Logs();
  const size_t first = logs.find("retrying with back-off");
  ASSERT_NE(first, std::string::npos) << logs;
  EXPECT_EQ(logs.find("retrying with back-off", first + 1), std::string::npos) << logs;
  EXPECT_NE(logs.find("working again"), std::string::npos) << logs;
}

TEST_F(OutboxDrainTest, ALetterPutOffByTheServerWaitsAloneWhileTheOthersGo) {
  Letter("a@family.test");
  Letter("b@family.test");
  Letter("c@family.test");
  sender_.decide = [](const std::string& to) {
    return to == "b@family.test" ? Kind::kTemporaryFailure : Kind::kAccepted;
  };
  CycleReport r = RunCycle();
  EXPECT_FALSE(r.outbox.server_down) << "a 4xx for one recipient says nothing about the server";
  EXPECT_EQ(r.outbox.sent, 2);
  EXPECT_EQ(r.outbox.deferred, 1);
  EXPECT_EQ(SentTo(), (Names{"a@family.test", "c@family.test"}));
  EXPECT_TRUE(outages_->failing().empty());

  RunCycle();
  EXPECT_EQ(sender_.attempts, 3) << "the letter put off waits out its own back-off";
  sender_.decide = nullptr;
  clock_.Advance(std::chrono::seconds(61));
  RunCycle();
  EXPECT_EQ(SentTo(), (Names{"a@family.test", "c@family.test", "b@family.test"}));
}

TEST_F(OutboxDrainTest, ALetterRefusedForGoodFailsAloneAndTheRestGo) {
  Letter("a@family.test");
  Letter("b@family.test");
  Letter("c@family.test");
  sender_.decide = [](const std::string& to) {
    return to == "b@family.test" ? Kind::kPermanentFailure : Kind::kAccepted;
  };
  const CycleReport r = RunCycle();
  EXPECT_EQ(r.outbox.sent, 2);
  EXPECT_EQ(r.outbox.failed, 1);
  EXPECT_FALSE(r.outbox.server_down);
  clock_.Advance(std::chrono::hours(2));
  RunCycle();
  EXPECT_EQ(sender_.attempts, 3) << "a letter refused for good is never offered again";
  EXPECT_NE(Logs().find("refused test_letter to b***@family.test for good"), std::string::npos)
      << Logs();
}

TEST_F(OutboxDrainTest, ARefusedLoginStopsTheDrainChargesNothingAndIsNotRetriedAsAnOutage) {
  Letter("a@family.test");
  Letter("b@family.test");
  sender_.next = Kind::kLoginRefused;
  const CycleReport r = RunCycle();
  EXPECT_TRUE(r.outbox.server_down);
  EXPECT_TRUE(r.outbox.login_refused);
  EXPECT_EQ(sender_.attempts, 1);
  EXPECT_EQ(r.outbox.deferred, 2);
  ASSERT_EQ(outages_->failing().size(), 1u);
  // The LoginGuard (in the real sender) logged the refusal; no "retrying" line here.
  EXPECT_EQ(Logs().find("retrying with back-off"), std::string::npos) << Logs();
  sender_.next = Kind::kAccepted;  // e.g. the password was fixed and the config reloaded
  RunCycle();
  EXPECT_EQ(SentTo(), (Names{"a@family.test", "b@family.test"}));
}

TEST_F(OutboxDrainTest, ALetterTheStoreCouldNotMarkSentIsNeverSentAgain) {
  Letter("a@family.test");
  Letter("b@family.test");
  // The server takes a's letter; at that very moment the store stops taking
  // "sent" marks (as a full disk would).
  sender_.decide = [this](const std::string& to) {
    if (to == "a@family.test")
      db_->exec(
          "CREATE TEMP TRIGGER no_sent_mark BEFORE UPDATE OF sent_at ON outbox "
          "BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END");
    return Kind::kAccepted;
  };
  CycleReport report;
  EXPECT_EQ(Cycle(&report).kind(), Status::Kind::kIo);
  EXPECT_EQ(Cycle(&report).kind(), Status::Kind::kIo) << "the store is still failing";
  EXPECT_EQ(sender_.offered, Names{"a@family.test"}) << "a is not offered to the server again";

  db_->exec("DROP TRIGGER no_sent_mark");
  sender_.decide = nullptr;
  RunCycle();
  EXPECT_EQ(sender_.offered, (Names{"a@family.test", "b@family.test"}));
  EXPECT_EQ(Outbox(*db_).PendingCount(), 0) << "a's mark was written once the store recovered";
}

}  // namespace
}  // namespace intaked
