// SPDX-License-Identifier: GPL-3.0-or-later
// CredentialSource: what a transport logs in with, for one MailAccount - a
// password, or an OAuth2 access token to be offered with SASL XOAUTH2 or
// OAUTHBEARER - and RefusalMemory, where refusals outlive the process.
//
// The transports (ImapSession, SmtpSender) know nothing of password commands,
// token renewal or databases: the LoginGuard asks a CredentialSource for a
// credential just before each login and tells it when a server refused one.
// ConfiguredPasswords is the source for accounts whose password is in the
// config; AccountCredentials (auth/account_credentials.h) serves every kind.
#pragma once

#include <optional>
#include <string>

#include "base/clock.h"
#include "base/status.h"
#include "config/mail_accounts.h"

namespace intaked {

struct Credential {
  std::string username;
  std::string password;  // LOGIN / AUTH PLAIN
  std::string bearer;    // when set: an OAuth2 access token, and no password
};

class CredentialSource {
 public:
  virtual ~CredentialSource() = default;
  // A digest of what `account`'s credentials are made of now (with `salt`), to
  // tell whether they changed since they were refused. No network. kPermanent
  // when the account cannot sign in at all (an oauth2 account never signed in).
  virtual Result<std::string> Fingerprint(const MailAccount& account, const std::string& salt) = 0;
  // The credential for the next login, renewing an access token when it is
  // due. kPermanent: refused for good until the credentials change
  // (invalid_grant); anything else: try again later.
  virtual Result<Credential> Obtain(const MailAccount& account) = 0;
  // The server refused what Obtain gave. True when another Obtain may give a
  // different credential worth one more try (a renewed access token).
  virtual bool Rejected(const MailAccount& account) = 0;
};

// The refusals that keep accounts down, kept where a restart finds them.
struct AccountRefusal {
  std::string salt;
  std::string fingerprint;
  std::string reason;
  Instant since;
};
class RefusalMemory {
 public:
  virtual ~RefusalMemory() = default;
  virtual std::optional<AccountRefusal> Find(const std::string& account) = 0;
  virtual void Remember(const std::string& account, const AccountRefusal& refusal) = 0;
  virtual void Forget(const std::string& account) = 0;
};

// Passwords written in the config (password or password_file), nothing else:
// unit tests, and any caller that has no database.
class ConfiguredPasswords : public CredentialSource {
 public:
  Result<std::string> Fingerprint(const MailAccount& account, const std::string& salt) override;
  Result<Credential> Obtain(const MailAccount& account) override;
  bool Rejected(const MailAccount&) override { return false; }
};

// A salted SHA-256 of `parts` in hex: fingerprints never hold a secret itself.
std::string SaltedDigest(const std::string& salt, std::initializer_list<std::string> parts);
// 16 random bytes in hex, for a salt or a login's generation.
std::string RandomHex();

}  // namespace intaked
