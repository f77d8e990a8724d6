// SPDX-License-Identifier: GPL-3.0-or-later
// SmtpSender: MailSender over SMTP with libcurl. TLS follows TlsPolicy:
// smtps://, or smtp:// upgraded with STARTTLS - a server that does not offer
// it gets neither our password nor a letter - except on a loopback address.
// One connection per message: the outbox sends a handful of letters a cycle,
// and this keeps failure handling simple.
//
// It authenticates with the account's password, or with an OAuth2 access token
// through SASL OAUTHBEARER or XOAUTH2, whichever the server offers; an account
// without a username does not authenticate at all.
//
// Every envelope address is checked (EnvelopeAddressProblem) before libcurl
// sees it. Failures are graded by what the server last said to which command
// (GradeSmtpFailure), so the outbox can tell a letter's fault from the
// server's; a refused login is remembered by the LoginGuard, if given, and not
// repeated until the config is reloaded.
#pragma once

#include <string>

#include "config/config.h"
#include "config/mail_accounts.h"
#include "transport/credential_source.h"
#include "transport/login_guard.h"
#include "transport/mail_sender.h"

namespace intaked {

class SmtpSender : public MailSender {
 public:
  // `account` is SmtpAccount(config); its credential comes through the guard, if given.
  explicit SmtpSender(MailAccount account, TlsSettings tls = {}, LoginGuard* guard = nullptr)
      : account_(std::move(account)), tls_(std::move(tls)), guard_(guard) {}
  SendOutcome Send(const std::string& envelope_from, const std::vector<std::string>& recipients,
                   const std::string& message) override;
  // Connects, greets, negotiates TLS and logs in, then stops, for `intaked
  // check`; `*tls` says whether the connection was encrypted.
  SendOutcome Probe(bool* tls = nullptr);
  // The same with exactly `credential`, past the guard (`intaked login` tries a new token).
  SendOutcome ProbeWith(const Credential& credential, bool* tls = nullptr);

 private:
  // Runs `session` with the account's credential, through the guard when there is one.
  SendOutcome WithCredential(const std::function<SendOutcome(const Credential&)>& session);
  SendOutcome Transfer(const Credential& credential, const std::string& envelope_from,
                       const std::vector<std::string>& recipients, const std::string& message);

  MailAccount account_;
  TlsSettings tls_;
  LoginGuard* guard_;
};

}  // namespace intaked
