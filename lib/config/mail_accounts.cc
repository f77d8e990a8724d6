// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/mail_accounts.h"

#include "mail/address.h"

namespace intaked {

// How logs and alerts name the SMTP account.
constexpr const char* kSmtpRole = "the outgoing mail (SMTP) account";

MailAccount AccountOf(const MailboxSettings& m) {
  return {m.label, m.role, m.imap_url, m.username, m.auth, m.password, m.password_command};
}

MailAccount SmtpAccount(const Config& c) {
  return {"smtp",
          kSmtpRole,
          c.smtp_url,
          c.smtp_username,
          c.smtp_auth,
          c.smtp_password,
          c.smtp_password_command};
}

std::vector<MailAccount> MailAccounts(const Config& c) {
  std::vector<MailAccount> out = {AccountOf(c.intake_mailbox)};
  for (const CoChairSettings& cc : c.co_chairs) {
    if (cc.mailbox) out.push_back(AccountOf(*cc.mailbox));
  }
  out.push_back(SmtpAccount(c));
  return out;
}

std::optional<MailAccount> FindMailAccount(const Config& c, const std::string& name) {
  for (MailAccount& a : MailAccounts(c)) {
    if (a.key == name || (a.key.find('@') != std::string::npos && SameEmail(a.key, name)))
      return std::move(a);
  }
  return std::nullopt;
}

}  // namespace intaked
