// SPDX-License-Identifier: GPL-3.0-or-later
// MailAccount: one account intaked signs in to - the intake mailbox, a
// co-chair's mailbox, or the SMTP server - seen the same way whatever its kind,
// for sign-in, `intaked login`/`logout`, `check` and the logs.
//
// A view built from Config (MailAccounts); it copies what it needs, so it
// outlives a reload. Names on the command line: "intake", "smtp", or a
// co-chair's address (any case).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/config.h"

namespace intaked {

struct MailAccount {
  std::string key;     // "intake", "smtp", a co-chair's address: the name in state and commands
  std::string role;    // "the intake mailbox", "co-chair Alex Able's mailbox": the name in logs
  std::string server;  // the imap_url or SMTP url it signs in to
  std::string username;
  AuthMethod auth = AuthMethod::kPassword;
  std::string password;
  std::string password_command;
};

MailAccount AccountOf(const MailboxSettings& mailbox);
MailAccount SmtpAccount(const Config& c);
// Every account, intake first, then the co-chairs' mailboxes in config order, then SMTP.
std::vector<MailAccount> MailAccounts(const Config& c);
// The account `name` stands for, or nothing.
std::optional<MailAccount> FindMailAccount(const Config& c, const std::string& name);

}  // namespace intaked
