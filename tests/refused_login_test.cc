// SPDX-License-Identifier: GPL-3.0-or-later
// A mailbox whose server refused our credentials, as the cycle sees it (the
// transport's LoginGuard keeps it from the server; transport_session_test
// proves that, and login_guard_test that it stores the refusal): the other
// mailboxes carry on, no "retrying" line is logged, and one alert - at once,
// not after [alerts] after_minutes, and never again - tells people what to do.
#include <gtest/gtest.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include "engine/intake_cycle.h"
#include "fake_mail.h"
#include "store/account_sign_in.h"
#include "store/database.h"
#include "store/outbox.h"
#include "test_config.h"

namespace intaked {
namespace {

TEST(RefusedLogin, TheOtherMailboxesCarryOnAndTheAlertSaysWhatToDo) {
  auto ctx = TestContext();
  auto db = std::move(OpenDatabase(":memory:").value());
  auto sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(100);
  auto log = std::make_shared<spdlog::logger>("test", sink);
  OutageLog outages(log);
  FakeMailServer server;
  FakeSender sender;
  FixedClock clock(date::sys_days(date::year(2026) / 11 / 25) + std::chrono::hours(10));
  CountingTokens tokens;
  const std::string refusal =
      "co-chair Alex Able's mailbox: login refused for chair.a@pacts.test: NO "
      "[AUTHENTICATIONFAILED] Authentication failed.. intaked will not try this account again "
      "until its password changes: correct password, password_file or password_command in the "
      "config, then run `systemctl reload intaked`";
  // What the LoginGuard stores when the server refuses (login_guard_test.cc).
  AccountSignIn(*db).SaveRefusal(
      {"chair.a@pacts.test", "salt", "fingerprint", refusal, clock.Now(), false});
  server.Folder("chair.a@pacts.test").refused = refusal;
  server.Folder("chair.a@pacts.test", "Sent").refused = refusal;
  server.Deliver("info@pacts.test",
                 "From: Pat Parent <parent@family.test>\r\nTo: info@pacts.test\r\nSubject: "
                 "Complaint\r\nMessage-ID: <r1@family.test>\r\n\r\nI am unhappy.\r\n");

  auto run = [&] {
    IntakeCycle cycle(*db, server, sender, clock, tokens, outages, log);
    CycleReport report;
    EXPECT_TRUE(cycle.Run(*ctx, &report).ok());
    return report;
  };
  const CycleReport first = run();
  EXPECT_EQ(first.complaints, 1);
  EXPECT_EQ(first.mailboxes_failed, 2) << "Alex's INBOX and Sent; `run --once` exits 1";
  for (const auto& line : sink->last_formatted())
    EXPECT_EQ(line.find("retrying with back-off"), std::string::npos) << line;

  run();  // the alert, written by the first cycle, is sent
  clock.Advance(std::chrono::minutes(61));
  run();
  run();
  int alerts = 0;
  for (const SentMail& m : sender.To("chair.b@pacts.test")) {
    EXPECT_EQ(m.message.body.find("has not been able to use"), std::string::npos)
        << "a refused sign-in also got the generic outage alert";
    if (m.message.body.find("can no longer sign in to") == std::string::npos) continue;
    ++alerts;
    EXPECT_NE(m.message.subject.find("co-chair Alex Able's mailbox is signed out"),
              std::string::npos)
        << m.message.subject;
    EXPECT_NE(m.message.body.find("co-chair Alex Able's mailbox: login refused"), std::string::npos)
        << m.message.body;
    EXPECT_NE(m.message.body.find("systemctl reload intaked"), std::string::npos) << m.message.body;
  }
  EXPECT_EQ(alerts, 1) << "one alert, however many cycles";
}

}  // namespace
}  // namespace intaked
