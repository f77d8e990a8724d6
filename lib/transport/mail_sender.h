// SPDX-License-Identifier: GPL-3.0-or-later
// MailSender: hands one message to the outgoing mail server.
//
// The engine's outbox drains through this; SmtpSender implements it with
// libcurl and tests implement it in memory. The outcome says who is at fault
// (server_replies.h): the letter (it alone backs off or fails), the server
// (nothing is charged to the letter) or our credentials (final).
#pragma once

#include <string>
#include <vector>

namespace intaked {

struct SendOutcome {
  enum class Kind {
    kAccepted,
    kTemporaryFailure,   // this letter was put off (4xx on its RCPT or DATA): retry it later
    kPermanentFailure,   // this letter was refused for good (5xx), or is unsafe to send
    kServerUnavailable,  // no connection, no TLS, or a session-wide refusal: not the letter's fault
    kLoginRefused,       // the server refused our credentials: final until the config changes
  };
  Kind kind = Kind::kAccepted;
  std::string detail;  // the server's words or the connection error
};

class MailSender {
 public:
  virtual ~MailSender() = default;
  virtual SendOutcome Send(const std::string& envelope_from,
                           const std::vector<std::string>& recipients,
                           const std::string& message) = 0;
};

}  // namespace intaked
