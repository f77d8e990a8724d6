// SPDX-License-Identifier: GPL-3.0-or-later
// EngineHarness: the whole engine over fake mailboxes, an in-memory database
// and a clock that moves only when told - for tests that read like the procedure
// ("the parent replies; the handler gets ..."). Deliver() drops a mail in a
// mailbox and runs one cycle, returning what that cycle sent.
#pragma once

#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>

#include <memory>
#include <string>
#include <vector>

#include "calendar/local_zone.h"
#include "engine/intake_cycle.h"
#include "fake_mail.h"
#include "store/case_store.h"
#include "store/database.h"
#include "test_config.h"

namespace intaked {

// `hour`:`minute` UTC on an ISO date.
inline Instant UtcAt(const std::string& iso_date, int hour = 10, int minute = 0) {
  return Instant(date::sys_days(*ParseIsoDate(iso_date)).time_since_epoch()) +
         std::chrono::hours(hour) + std::chrono::minutes(minute);
}

class EngineHarness : public ::testing::Test {
 protected:
  // `tokens` makes the letters' Message-IDs (CountingTokens unless a test wants real ones).
  explicit EngineHarness(std::unique_ptr<TokenSource> tokens = std::make_unique<CountingTokens>())
      : tokens_(std::move(tokens)) {}

  void SetUp() override {
    ctx_ = TestContext();
    db_ = std::move(OpenDatabase(":memory:").value());
    log_ =
        std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>());
    outages_ = std::make_unique<OutageLog>(log_);
  }

  // The one letter in `out` to `to` whose subject contains `subject`.
  static Message LetterTo(const std::vector<SentMail>& out, const std::string& to,
                          const std::string& subject = "") {
    Message found;
    int n = 0;
    for (const SentMail& s : out) {
      if (s.to == to && s.message.subject.find(subject) != std::string::npos)
        found = s.message, ++n;
    }
    EXPECT_EQ(n, 1) << "letters to " << to << " about '" << subject << "'";
    return found;
  }

  static int CountTo(const std::vector<SentMail>& out, const std::string& to,
                     const std::string& subject = "") {
    int n = 0;
    for (const SentMail& s : out)
      n += s.to == to && s.message.subject.find(subject) != std::string::npos;
    return n;
  }

  // Runs a cycle at `iso_date` `hour`:00 UTC; returns what it sent.
  std::vector<SentMail> CycleOn(const std::string& iso_date, int hour = 10) {
    clock_.Set(UtcAt(iso_date, hour));
    const size_t before = sender_.sent.size();
    IntakeCycle cycle(*db_, server_, sender_, clock_, *tokens_, *outages_, log_);
    CycleReport report;
    EXPECT_TRUE(cycle.Run(*ctx_, &report).ok());
    return {sender_.sent.begin() + long(before), sender_.sent.end()};
  }

  // Delivers `raw` to `box` and runs a cycle; returns what was sent in that cycle.
  std::vector<SentMail> Deliver(const std::string& raw,
                                const std::string& box = "info@pacts.test") {
    const size_t before = sender_.sent.size();
    server_.Deliver(box, raw, clock_.Now());
    IntakeCycle cycle(*db_, server_, sender_, clock_, *tokens_, *outages_, log_);
    CycleReport report;
    EXPECT_TRUE(cycle.Run(*ctx_, &report).ok());
    return {sender_.sent.begin() + long(before), sender_.sent.end()};
  }

  // A reply to `parent` from `from` (threaded by In-Reply-To and References), with `headers`
  // (each ending "\r\n") added and "Re: " + its subject unless `subject` is given.
  std::string Reply(const std::string& from, const Message& parent, const std::string& body,
                    const std::string& headers = "", const std::string& subject = "") {
    return "From: " + from + "\r\nTo: info@pacts.test\r\nSubject: " +
           (subject.empty() ? "Re: " + parent.subject : subject) + "\r\nMessage-ID: <m" +
           std::to_string(++ids_) + "@family.test>\r\nIn-Reply-To: <" + parent.message_id +
           ">\r\nReferences: <" + parent.message_id + ">\r\n" + headers + "\r\n" + body + "\r\n";
  }

  // Pat Parent complains to info@; keeps the acknowledgement and Alex's notification.
  void OpenCase() {
    const auto out = Deliver(
        "From: Pat Parent <parent@family.test>\r\nTo: info@pacts.test\r\nSubject: Complaint "
        "about the meeting\r\nMessage-ID: <complaint@family.test>\r\n\r\nI am unhappy with how "
        "the forum meeting was run.\r\n");
    for (const SentMail& s : out) (s.to == "parent@family.test" ? ack_ : notification_) = s.message;
    ASSERT_FALSE(ack_.message_id.empty());
    ASSERT_FALSE(notification_.message_id.empty());
  }

  CaseRecord Case() { return CaseStore(*db_).FindByReference("PACTS-2026-0001").value(); }

  // The case's timeline entries of `kind`.
  std::vector<CaseEvent> Events(const std::string& kind) {
    std::vector<CaseEvent> out;
    for (const CaseEvent& e : CaseStore(*db_).Events(Case().id)) {
      if (StorageName(e.kind) == kind) out.push_back(e);
    }
    return out;
  }

  std::shared_ptr<const ProcedureContext> ctx_;
  std::unique_ptr<SQLite::Database> db_;
  FakeMailServer server_;
  FakeSender sender_;
  FixedClock clock_{UtcAt("2026-11-25")};  // a Wednesday
  std::unique_ptr<TokenSource> tokens_;
  std::shared_ptr<spdlog::logger> log_;
  std::unique_ptr<OutageLog> outages_;
  Message ack_, notification_;  // from OpenCase()
  int ids_ = 0;
};

}  // namespace intaked
