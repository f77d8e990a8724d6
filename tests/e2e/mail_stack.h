// SPDX-License-Identifier: GPL-3.0-or-later
// MailStack: the end-to-end tests' handle on the real Dovecot + Postfix that
// scripts/mailstack started (a CTest fixture). It adds users, sends mail in
// through Postfix, reads mailboxes back over IMAP, and runs the real intaked
// binary - so every assertion crosses the same servers a charity would use.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "mail/message.h"
#include "transport/imap_session.h"

namespace intaked::e2e {

class OAuthControl;  // oauth_control.h

// The clock every intaked run in these tests reads (`run --now`), so no test
// depends on the day it runs: a Wednesday, long before any day the servers
// will stamp on delivered mail. intaked takes a message as received no later
// than its clock, so every complaint here is received at this instant.
inline constexpr char kTestNow[] = "2001-03-07T10:00:00Z";

struct StoredMail {
  uint32_t uid;
  std::string raw;
  Message message;
  std::string flags;
};

struct RunResult {
  int exit_code;
  std::string output;  // stdout and stderr
};

class MailStack {
 public:
  MailStack();  // reads INTAKED_MAILSTACK_DIR and ports.env

  // Creates the mailbox if needed; returns the path of its password file.
  std::string AddUser(const std::string& address);
  std::string Password(const std::string& address);
  // Submits `raw` to Postfix over SMTP and waits until Postfix has delivered it.
  void Send(const std::string& from, const std::vector<std::string>& to, const std::string& raw);
  // Everything in `folder` of `address`, read without changing flags.
  std::vector<StoredMail> Read(const std::string& address, const std::string& folder = "INBOX");
  // Saves `raw` into a folder, as a mail client saves what it sends into Sent.
  void Append(const std::string& address, const std::string& folder, const std::string& raw);
  // Waits until Postfix's queue is empty (every submitted mail delivered or bounced).
  void WaitForQueue();
  // Writes a config for a test whose users all start with `prefix`.
  std::string WriteConfig(const std::string& prefix, const std::string& extra = "");
  RunResult Intaked(const std::string& args);
  std::string Binary() const;  // the intaked under test
  // Waits until `address`'s INBOX holds `count` messages or `timeout` passes; returns how many it
  // holds.
  size_t WaitForMail(const std::string& address, size_t count, std::chrono::seconds timeout);
  // Starts `intaked run` in the background, logging to `log`; returns its pid.
  int StartDaemon(const std::string& config, const std::string& log);
  // Sends `signal` and waits up to 10 s for the process to end; false if it did not.
  bool StopDaemon(int pid, int signal = 15);
  // Runs a shell command line (output is stdout and stderr).
  RunResult Shell(const std::string& command_line);

  const std::string& dir() const { return dir_; }
  int smtp_port() const { return smtp_port_; }
  int imap_port() const { return imap_port_; }
  int imaps_port() const { return imaps_port_; }
  int oauth_port() const { return oauth_port_; }
  // The OAuth test server's control API (throws when the stack has none).
  OAuthControl OAuth() const;

 private:
  void Settle();
  std::unique_ptr<ImapSession> Login(const std::string& address);

  std::string dir_;
  bool unsettled_ = false;  // users were added since Dovecot last re-read them
  int imap_port_ = 0, imaps_port_ = 0, smtp_port_ = 0, oauth_port_ = 0;
};

// The base of every end-to-end test: a stack handle and users of its own,
// "<test name>-info@pacts.test" etc., so tests never see each other's mail.
class StackTest : public ::testing::Test {
 protected:
  void SetUp() override;
  std::string P(const std::string& who, const std::string& domain = "pacts.test") const {
    return prefix_ + "-" + who + "@" + domain;
  }
  // "intaked --config <this test's config> ARGS"
  RunResult Cmd(const std::string& args) {
    return stack_.Intaked("--config " + config_ + " " + args);
  }
  // New mail in `who`'s INBOX since the last call for `who`, oldest first.
  std::vector<StoredMail> New(const std::string& who);

  MailStack stack_;
  std::string prefix_;                    // lower-case test name, at most 24 characters
  std::string config_;                    // a config for this test's users
  std::string home_;                      // a directory for this test's files
  std::map<std::string, uint32_t> seen_;  // New(): the last UID seen in each mailbox
};

// The whole of a file ("" when it cannot be read).
std::string Slurp(const std::string& path);

// A plain RFC 5322 message for tests.
std::string TestMail(const std::string& from, const std::string& to, const std::string& subject,
                     const std::string& body, const std::string& message_id,
                     const std::string& extra_headers = "");

}  // namespace intaked::e2e
