// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/account_credentials.h"

#include "auth/password_command.h"
#include "auth/token_grant.h"
#include "store/account_sign_in.h"

namespace intaked {

std::string NotSignedIn(const MailAccount& account) {
  return "not signed in: run `intaked login " + account.key + "` as the service's user";
}

AccountCredentials::AccountCredentials(std::unique_ptr<SQLite::Database> db,
                                       std::optional<OAuthEndpoints> oauth, HttpClient& http,
                                       const Clock& clock)
    : db_(std::move(db)), oauth_(std::move(oauth)), http_(http), clock_(clock) {}

Result<std::string> AccountCredentials::Password(const MailAccount& a) {
  if (a.password_command.empty()) return a.password;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = commanded_.find(a.key); it != commanded_.end()) return it->second;
  }
  Result<std::string> pw = RunPasswordCommand(a.password_command);
  if (!pw.ok()) return pw.status();
  std::lock_guard<std::mutex> lock(mu_);
  commanded_[a.key] = *pw;
  return pw;
}

Result<std::string> AccountCredentials::Fingerprint(const MailAccount& a, const std::string& salt) {
  if (a.auth == AuthMethod::kPassword) {
    Result<std::string> pw = Password(a);
    if (!pw.ok()) return pw.status();
    return SaltedDigest(salt, {"password", a.server, a.username, *pw});
  }
  Result<SignedIn> in = Stored(a);
  if (!in.ok()) return in.status();
  const std::string client = in->oauth ? in->oauth->client_id + " " + in->oauth->token_url : "";
  return SaltedDigest(salt, {"oauth2", a.server, a.username, client, in->token.generation});
}

Result<AccountCredentials::SignedIn> AccountCredentials::Stored(const MailAccount& a) {
  std::optional<StoredToken> token;
  std::lock_guard<std::mutex> lock(mu_);
  try {
    token = AccountSignIn(*db_).Token(a.key);
  } catch (const std::exception& e) {
    return Status::Io(std::string("reading the stored sign-in: ") + e.what());
  }
  if (!token) return Status::Permanent(NotSignedIn(a));
  return SignedIn{std::move(*token), oauth_};
}

Result<Credential> AccountCredentials::AccessToken(const MailAccount& a) {
  Result<SignedIn> in = Stored(a);
  if (!in.ok()) return in.status();
  const std::optional<StoredToken> token = in->token;
  const std::optional<OAuthEndpoints>& oauth = in->oauth;
  const Instant now = clock_.Now();
  if (!token->access_token.empty() && token->access_expires_at - kRenewAhead > now)
    return Credential{a.username, "", token->access_token};
  if (!oauth) return Status::Permanent("auth = \"oauth2\" but the config has no [oauth] table");
  Result<TokenGrant> grant = RefreshAccessToken(http_, *oauth, token->refresh_token, now);
  if (!grant.ok()) return grant.status();
  try {
    std::lock_guard<std::mutex> lock(mu_);
    AccountSignIn(*db_).RenewToken(a.key, grant->access_token, grant->expires_at,
                                   grant->refresh_token);
  } catch (const std::exception& e) {
    // The provider may already have retired the old refresh token: not storing the new
    // one would sign this account out. Say so plainly.
    return Status::Io(std::string("could not store the renewed sign-in (") + e.what() +
                      "); if this persists, run `intaked login " + a.key + "` again");
  }
  return Credential{a.username, "", grant->access_token};
}

Result<Credential> AccountCredentials::Obtain(const MailAccount& a) {
  if (a.auth == AuthMethod::kOAuth2) return AccessToken(a);
  Result<std::string> pw = Password(a);
  if (!pw.ok()) return pw.status();
  return Credential{a.username, *pw, ""};
}

void AccountCredentials::Reconfigure(std::optional<OAuthEndpoints> oauth) {
  std::lock_guard<std::mutex> lock(mu_);
  oauth_ = std::move(oauth);
  commanded_.clear();
}

bool AccountCredentials::Rejected(const MailAccount& a) {
  std::lock_guard<std::mutex> lock(mu_);
  if (a.auth == AuthMethod::kPassword) {
    commanded_.erase(a.key);  // the next fingerprint asks the command again
    return false;
  }
  try {
    AccountSignIn(*db_).DropAccessToken(a.key);
  } catch (const std::exception&) {
    return false;
  }
  return true;
}

std::optional<AccountRefusal> AccountCredentials::Find(const std::string& account) {
  std::lock_guard<std::mutex> lock(mu_);
  try {
    auto r = AccountSignIn(*db_).Refusal(account);
    if (!r) return std::nullopt;
    return AccountRefusal{r->salt, r->fingerprint, r->reason, r->since};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

void AccountCredentials::Remember(const std::string& account, const AccountRefusal& r) {
  std::lock_guard<std::mutex> lock(mu_);
  try {
    AccountSignIn(*db_).SaveRefusal({account, r.salt, r.fingerprint, r.reason, r.since, false});
  } catch (const std::exception&) {
    // Not stored: it still holds in memory until the process ends.
  }
}

void AccountCredentials::Forget(const std::string& account) {
  std::lock_guard<std::mutex> lock(mu_);
  try {
    AccountSignIn(*db_).ClearRefusal(account);
  } catch (const std::exception&) {
  }
}

}  // namespace intaked
