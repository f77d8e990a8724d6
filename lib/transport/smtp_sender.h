// SmtpSender: MailSender over SMTP with libcurl (smtp:// with STARTTLS when
// the server offers it, or smtps://). One connection per message: the outbox
// sends a handful of letters a cycle, and this keeps failure handling simple.
#pragma once

#include <string>

#include "config/config.h"
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
  explicit SmtpSender(SmtpSettings settings) : settings_(std::move(settings)) {}
  SendOutcome Send(const std::string& envelope_from, const std::vector<std::string>& recipients,
                   const std::string& message) override;
  // Connects and says EHLO/QUIT, for `intaked check`.
  SendOutcome Probe();

 private:
  SmtpSettings settings_;
};

}  // namespace intaked
