// MailSender: hands one message to the outgoing mail server.
//
// The engine's outbox drains through this; SmtpSender implements it with
// libcurl and tests implement it in memory.
#pragma once

#include <string>
#include <vector>

namespace intaked {

struct SendOutcome {
  enum class Kind { kAccepted, kTemporaryFailure, kPermanentFailure };
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
