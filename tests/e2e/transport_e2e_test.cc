// SPDX-License-Identifier: GPL-3.0-or-later
// The real binary's transports (issue 7): no secret crosses the network in
// clear, and a refused password is tried once, not every poll.
//
// "mail.localhost" reaches this machine (libcurl resolves *.localhost to
// loopback itself) while intaked, which counts only "localhost" and loopback
// addresses as loopback, treats it as a remote host that must offer STARTTLS.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "fake_line_server.h"
#include "mail_stack.h"

namespace intaked::e2e {
namespace {

class TransportE2E : public StackTest {
 protected:
  // Replaces the first (or every) match of `pattern` in this test's config.
  void EditConfig(const std::string& pattern, const std::string& with, bool all = false) {
    const std::string text = Slurp(config_);
    std::ofstream(config_) << std::regex_replace(
        text, std::regex(pattern), with,
        all ? std::regex_constants::format_default : std::regex_constants::format_first_only);
  }
  // Failed logins Dovecot saw for `user`: the sum of its "auth failed, N attempts".
  int AuthFailures(const std::string& user) {
    const std::string log = Slurp(stack_.dir() + "/dovecot.log");
    const std::regex line("auth failed, (\\d+) attempts?[^\\n]*user=<" + user + ">");
    int n = 0;
    for (auto it = std::sregex_iterator(log.begin(), log.end(), line); it != std::sregex_iterator();
         ++it)
      n += std::stoi((*it)[1]);
    return n;
  }
  int Logins(const std::string& user) {
    const std::string log = Slurp(stack_.dir() + "/dovecot.log");
    const std::regex line("imap-login: Info: Login: user=<" + user + ">");
    return int(
        std::distance(std::sregex_iterator(log.begin(), log.end(), line), std::sregex_iterator()));
  }
  void Complain(const std::string& body, const std::string& id) {
    stack_.Send(P("parent", "family.test"), {P("info")},
                TestMail("Pat Parent <" + P("parent", "family.test") + ">", P("info"), "Complaint",
                         body, id + "." + prefix_ + "@family.test"));
  }
};

TEST_F(TransportE2E, AServerThatDoesNotOfferStartTlsIsNeverSentAPassword) {
  FakeLineServer imap("* OK fake IMAP ready\r\n", FakeImap({}));
  FakeLineServer smtp("220 fake ESMTP\r\n", FakeSmtp({}));
  const std::string password = stack_.Password(P("info"));
  // The intake mailbox and the SMTP account on a "remote" host with no STARTTLS.
  EditConfig("imap://127\\.0\\.0\\.1:\\d+/INBOX",
             "imap://mail.localhost:" + std::to_string(imap.port()) + "/INBOX");
  EditConfig("\\[smtp\\]\nurl = \"[^\"]*\"\n",
             "[smtp]\nurl = \"smtp://mail.localhost:" + std::to_string(smtp.port()) +
                 "\"\nusername = \"" + P("info") + "\"\npassword_file = \"" + stack_.dir() +
                 "/secrets/" + P("info") + "\"\n");
  Complain("I am unhappy that nobody answered my letter.", "t1");

  const RunResult check = Cmd("check");
  EXPECT_EQ(check.exit_code, 1) << check.output;
  EXPECT_TRUE(std::regex_search(
      check.output,
      std::regex("FAIL  intake mailbox +imap://mail.localhost:\\d+/: the server does not offer "
                 "STARTTLS, so intaked did not log in")))
      << check.output;
  EXPECT_TRUE(std::regex_search(
      check.output, std::regex("FAIL  smtp +smtp://mail.localhost:\\d+: .*does not offer "
                               "STARTTLS, so intaked sent nothing")))
      << check.output;
  EXPECT_TRUE(
      std::regex_search(check.output, std::regex("ok    co-chair " + P("chair.a") + " .*; TLS\\)")))
      << "the co-chairs' loopback Dovecot offers STARTTLS, and it is used\n"
      << check.output;

  const RunResult run = Cmd("run --once");
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("does not offer STARTTLS, so intaked did not log in"),
            std::string::npos)
      << run.output;

  EXPECT_TRUE(imap.Received("A001 CAPABILITY")) << "intaked did reach the fake server";
  EXPECT_TRUE(smtp.Received("EHLO"));
  for (const std::string& line : imap.lines()) {
    EXPECT_NE(FakeLineServer::Word(line, 1), "LOGIN") << line;
    EXPECT_NE(FakeLineServer::Word(line, 1), "AUTHENTICATE") << line;
  }
  for (const char* never : {"AUTH", "MAIL", "RCPT", "DATA"})
    EXPECT_FALSE(smtp.Received(never)) << never;
  for (const auto& line : imap.lines()) EXPECT_EQ(line.find(password), std::string::npos);
  for (const auto& line : smtp.lines()) EXPECT_EQ(line.find(password), std::string::npos);
}

TEST_F(TransportE2E, WithARemoteNameStartTlsIsRequiredAndCheckSaysSo) {
  // Dovecot's plain port offers STARTTLS; its certificate names mail.localhost.
  EditConfig("imap://127\\.0\\.0\\.1:", "imap://mail.localhost:", /*all=*/true);
  Complain("I have a grievance about the consultation.", "t2");
  const RunResult run = Cmd("run --once");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  stack_.WaitForQueue();
  EXPECT_EQ(stack_.Read(P("parent", "family.test")).size(), 1u);

  const RunResult check = Cmd("check");
  EXPECT_EQ(check.exit_code, 0) << check.output;
  EXPECT_TRUE(std::regex_search(
      check.output, std::regex("ok    intake mailbox +imap://mail.localhost:\\d+/INBOX \\(1 "
                               "messages; TLS\\)")))
      << check.output;
  // Postfix in the test stack offers no TLS; on 127.0.0.1 that is allowed, and said.
  EXPECT_TRUE(std::regex_search(
      check.output,
      std::regex("ok    smtp +smtp://127.0.0.1:\\d+ \\(no TLS: plain text, allowed only on a "
                 "loopback address\\)")))
      << check.output;
}

TEST_F(TransportE2E, ARefusedPasswordIsTriedOnceUntilTheConfigIsReloaded) {
  const std::string secret = stack_.dir() + "/secrets/" + P("chair.a");
  const std::string right = stack_.Password(P("chair.a"));
  std::ofstream(secret) << "not-the-password\n";
  std::ofstream(config_, std::ios::app) << "[polling]\ninterval_seconds = 5\nidle = true\n";
  const std::string log = home_ + "/daemon.log";
  const int pid = stack_.StartDaemon(config_, log);

  // The other mailboxes carry on: a complaint is acknowledged meanwhile.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  Complain("I am unhappy with the way my call was handled.", "t3");
  EXPECT_EQ(stack_.WaitForMail(P("parent", "family.test"), 1, std::chrono::seconds(15)), 1u);
  std::this_thread::sleep_for(std::chrono::seconds(12));  // at least three more polls
  const int failures = AuthFailures(P("chair.a"));

  // The admin fixes the password and reloads.
  std::ofstream(secret) << right << "\n";
  const int logins_before = Logins(P("chair.a"));
  stack_.Shell("kill -HUP " + std::to_string(pid));
  std::this_thread::sleep_for(std::chrono::seconds(7));  // the doorbell, then a poll
  EXPECT_TRUE(stack_.StopDaemon(pid));

  EXPECT_EQ(failures, 1) << "one refusal, then no more attempts on that account";
  EXPECT_EQ(AuthFailures(P("chair.a")), 1);
  EXPECT_GT(Logins(P("chair.a")), logins_before) << "after the reload it logs in again";
  const std::string text = Slurp(log);
  const std::regex refusal("co-chair Alex Able's mailbox: login refused for " + P("chair.a") +
                           ": .*AUTHENTICATIONFAILED.*systemctl reload intaked");
  EXPECT_EQ(std::distance(std::sregex_iterator(text.begin(), text.end(), refusal),
                          std::sregex_iterator()),
            1)
      << "logged once, naming the account as people know it\n"
      << text;
  EXPECT_EQ(text.find("retrying with back-off"), std::string::npos) << text;
  EXPECT_NE(text.find("mailbox " + P("chair.a") + "/INBOX: working again"), std::string::npos)
      << text;
}

TEST_F(TransportE2E, RunOnceWithARefusedPasswordExitsOneAndTheRestIsDone) {
  std::ofstream(stack_.dir() + "/secrets/" + P("chair.b")) << "not-the-password\n";
  Complain("I am dissatisfied with the newsletter.", "t4");
  const RunResult run = Cmd("run --once");
  EXPECT_EQ(run.exit_code, 1) << run.output;
  stack_.WaitForQueue();
  EXPECT_EQ(stack_.Read(P("parent", "family.test")).size(), 1u) << run.output;
  EXPECT_EQ(AuthFailures(P("chair.b")), 1) << "INBOX and Sent: one login between them";
  EXPECT_NE(run.output.find("co-chair Bea Bright's mailbox: login refused"), std::string::npos)
      << run.output;
}

}  // namespace
}  // namespace intaked::e2e

namespace intaked::e2e {
namespace {

TEST_F(TransportE2E, WhatAServerSaysReachesTheAdminsTerminalWithoutEscapes) {
  // A hostile server's refusal, with sequences that retitle and clear a terminal.
  FakeImapScript script;
  script.login_reply = "NO [AUTHENTICATIONFAILED] \x1b]0;PWNED\x07\x1b[2Jgo away";
  FakeLineServer imap("* OK fake IMAP ready\r\n", FakeImap(script));
  EditConfig("imap://127\\.0\\.0\\.1:\\d+/INBOX",
             "imap://127.0.0.1:" + std::to_string(imap.port()) + "/INBOX");
  const RunResult check = Cmd("check");
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_NE(check.output.find("go away"), std::string::npos) << check.output;
  EXPECT_EQ(check.output.find('\x1b'), std::string::npos) << check.output;
  EXPECT_EQ(check.output.find('\x07'), std::string::npos);
}

}  // namespace
}  // namespace intaked::e2e
