// SPDX-License-Identifier: GPL-3.0-or-later
// AccountCredentials: the real CredentialSource and RefusalMemory - passwords
// from the config or a password_command, OAuth2 access tokens renewed from the
// refresh token `intaked login` stored, and refusals kept in the database
// (docs/ACCOUNTS.md).
//
// Access tokens are renewed a few minutes before they expire, and at once when
// a server refuses one; a rotated refresh token is stored in the same write.
// The identity provider refusing the refresh token (invalid_grant) is final
// for the account (the LoginGuard keeps it down). A password_command runs once
// per config load, again only after its password was refused.
//
// Owns its own database connection, because the IDLE doorbells' threads sign
// in too; every use of it is under one lock. The LoginGuard serialises logins
// per account, so one account is never renewed twice at once.
#pragma once

#include <SQLiteCpp/Database.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "auth/http_client.h"
#include "auth/oauth_endpoints.h"
#include "base/clock.h"
#include "store/account_sign_in.h"
#include "transport/credential_source.h"

namespace intaked {

class AccountCredentials : public CredentialSource, public RefusalMemory {
 public:
  // How long before its expiry an access token is renewed.
  static constexpr std::chrono::minutes kRenewAhead{5};

  // `oauth`: the config's provider, when any account uses oauth2.
  AccountCredentials(std::unique_ptr<SQLite::Database> db, std::optional<OAuthEndpoints> oauth,
                     HttpClient& http, const Clock& clock);

  Result<std::string> Fingerprint(const MailAccount& account, const std::string& salt) override;
  Result<Credential> Obtain(const MailAccount& account) override;
  bool Rejected(const MailAccount& account) override;
  // The config was reloaded: a new provider, and password commands asked afresh.
  void Reconfigure(std::optional<OAuthEndpoints> oauth);

  std::optional<AccountRefusal> Find(const std::string& account) override;
  void Remember(const std::string& account, const AccountRefusal& refusal) override;
  void Forget(const std::string& account) override;

 private:
  struct SignedIn {
    StoredToken token;
    std::optional<OAuthEndpoints> oauth;  // a copy: a reload may replace it meanwhile
  };
  // The account's stored token and the provider to renew it with (kPermanent: none).
  Result<SignedIn> Stored(const MailAccount& account);
  Result<std::string> Password(const MailAccount& account);
  Result<Credential> AccessToken(const MailAccount& account);

  std::mutex mu_;  // guards db_ and commanded_
  std::unique_ptr<SQLite::Database> db_;
  std::optional<OAuthEndpoints> oauth_;
  HttpClient& http_;
  const Clock& clock_;
  std::map<std::string, std::string> commanded_;  // password_command answers, by account
};

// "... run `intaked login KEY`": what an oauth2 account that has no token says.
std::string NotSignedIn(const MailAccount& account);

}  // namespace intaked
