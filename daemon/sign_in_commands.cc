// SPDX-License-Identifier: GPL-3.0-or-later
// `intaked login ACCOUNT` and `intaked logout ACCOUNT` (docs/ACCOUNTS.md):
// signing an oauth2 account in once, from a terminal, and forgetting it.
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include <iostream>
#include <thread>

#include "auth/sign_in.h"
#include "base/text.h"
#include "command_session.h"
#include "commands.h"
#include "config/mail_accounts.h"
#include "sign_in_parts.h"
#include "store/account_sign_in.h"
#include "transport/credential_source.h"
#include "transport/imap_session.h"
#include "transport/imap_url.h"
#include "transport/smtp_sender.h"

namespace intaked {
namespace {

std::string AccountNames(const Config& c) {
  std::string names;
  for (const MailAccount& a : MailAccounts(c)) names += (names.empty() ? "" : ", ") + a.key;
  return names;
}

// The account `name` names, if it signs in with oauth2; else prints why (exit 2).
std::optional<MailAccount> OAuthAccount(const Config& c, const std::string& name) {
  std::optional<MailAccount> a = FindMailAccount(c, name);
  if (!a) {
    std::cerr << "intaked: no account \"" << WithoutControls(name) << "\" in " << c.path
              << "; the accounts are: " << AccountNames(c) << "\n";
    return std::nullopt;
  }
  if (a->auth != AuthMethod::kOAuth2) {
    std::cerr << "intaked: " << a->role << " (" << a->key
              << ") signs in with a password; set auth = \"oauth2\" for it in " << c.path
              << " to sign it in with `intaked login`\n";
    return std::nullopt;
  }
  return a;
}

// Logs in to the account's own server with the fresh token, as the service will.
Status TryToken(const Config& c, const MailAccount& a, const std::string& access_token) {
  const Credential credential{a.username, "", access_token};
  if (a.key == "smtp") {
    const SendOutcome out = SmtpSender(a, c.tls).ProbeWith(credential);
    return out.kind == SendOutcome::Kind::kAccepted ? Status::Ok() : Status::Connection(out.detail);
  }
  const ImapUrl url = ParseImapUrl(a.server);
  auto session = ImapSession::Connect({url.server, a.username, "", access_token, c.tls});
  if (!session.ok()) return session.status();
  (*session)->Logout();
  return Status::Ok();
}

}  // namespace

int LoginCommand(const std::string& config_path, const std::string& account,
                 std::optional<Instant> now) {
  CommandSession session = OpenCommandSession(config_path);
  if (!session.ok()) return session.Refuse();
  const Config& c = session.ctx->config;
  std::optional<MailAccount> a = OAuthAccount(c, account);
  if (!a) return kExitUsage;
  const std::optional<OAuthEndpoints> endpoints = OAuthEndpointsOf(c);
  if (!endpoints) {
    std::cerr << "intaked: " << c.path << ": no usable [oauth] table\n";
    return kExitUsage;
  }
  SystemClock system_clock;
  FixedClock fixed(now.value_or(Instant{}));
  const Clock& clock = now ? static_cast<const Clock&>(fixed) : system_clock;
  std::cout << "Signing in " << a->role << " (" << a->username << ").\n" << std::flush;
  CurlHttpClient http(c.tls);
  SignInTerminal terminal{std::cout, 0, a->username,
                          [](std::chrono::seconds s) { std::this_thread::sleep_for(s); }};
  Result<TokenGrant> grant = SignIn(http, *endpoints, terminal, clock);
  if (!grant.ok()) {
    std::cerr << "intaked: login " << a->key << ": " << WithoutControls(grant.status().message())
              << "\n";
    return kExitFailure;
  }
  if (grant->refresh_token.empty()) {
    std::cerr << "intaked: login " << a->key
              << ": the identity provider gave no refresh token, so intaked could not stay "
                 "signed in; check that the scopes include offline access\n";
    return kExitFailure;
  }
  try {
    SQLite::Transaction tx(*session.db, SQLite::TransactionBehavior::IMMEDIATE);
    AccountSignIn store(*session.db);
    store.SaveToken(a->key, {grant->refresh_token, grant->access_token, grant->expires_at,
                             clock.Now(), RandomHex()});
    store.ClearRefusal(a->key);  // new credentials: the account may be tried again
    tx.commit();
  } catch (const std::exception& e) {
    std::cerr << "intaked: login " << a->key << ": could not store the sign-in in "
              << c.database_path << ": " << e.what() << "\n";
    return kExitFailure;
  }
  if (const Status s = TryToken(c, *a, grant->access_token); !s.ok()) {
    std::cerr << "intaked: login " << a->key << ": signed in, but " << a->server
              << " refused the token: " << WithoutControls(s.message())
              << "\n(is `username` the mailbox the signed-in person may open?)\n";
    return kExitFailure;
  }
  std::cout << "ok\n";
  return kExitOk;
}

int LogoutCommand(const std::string& config_path, const std::string& account) {
  CommandSession session = OpenCommandSession(config_path);
  if (!session.ok()) return session.Refuse();
  std::optional<MailAccount> a = OAuthAccount(session.ctx->config, account);
  if (!a) return kExitUsage;
  bool had = false;
  try {
    SQLite::Transaction tx(*session.db, SQLite::TransactionBehavior::IMMEDIATE);
    AccountSignIn store(*session.db);
    had = store.EraseToken(a->key);
    store.ClearRefusal(a->key);
    tx.commit();
  } catch (const std::exception& e) {
    std::cerr << "intaked: logout " << a->key << ": " << e.what() << "\n";
    return kExitFailure;
  }
  std::cout << (had ? "signed out: " : "was not signed in: ") << a->role
            << " will not be read or used until `intaked login " << a->key << "`\n";
  return kExitOk;
}

}  // namespace intaked
