// SmtpSender: MailSender over SMTP with libcurl. TLS follows TlsPolicy:
// smtps://, or smtp:// upgraded with STARTTLS - a server that does not offer
// it gets neither our password nor a letter - except on a loopback address.
// One connection per message: the outbox sends a handful of letters a cycle,
// and this keeps failure handling simple.
//
// Every envelope address is checked (EnvelopeAddressProblem) before libcurl
// sees it. Failures are graded by what the server last said to which command
// (GradeSmtpFailure), so the outbox can tell a letter's fault from the
// server's; a refused login is remembered by the LoginGuard, if given, and not
// repeated until the config is reloaded.
#pragma once

#include <string>

#include "config/config.h"
#include "transport/login_guard.h"
#include "transport/mail_sender.h"

namespace intaked {

struct SmtpSettings {
  std::string url;
  std::string username;
  std::string password;
  TlsSettings tls;
};

class SmtpSender : public MailSender {
 public:
  explicit SmtpSender(SmtpSettings settings, LoginGuard* guard = nullptr)
      : settings_(std::move(settings)), guard_(guard) {}
  SendOutcome Send(const std::string& envelope_from, const std::vector<std::string>& recipients,
                   const std::string& message) override;
  // Connects, greets, negotiates TLS and logs in, then stops, for `intaked
  // check`; `*tls` says whether the connection was encrypted.
  SendOutcome Probe(bool* tls = nullptr);

  // How logs and alerts name this account.
  static constexpr const char* kRole = "the outgoing mail (SMTP) account";

 private:
  SendOutcome Transfer(const std::string& envelope_from, const std::vector<std::string>& recipients,
                       const std::string& message);

  SmtpSettings settings_;
  LoginGuard* guard_;
};

}  // namespace intaked
