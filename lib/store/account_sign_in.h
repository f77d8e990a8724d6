// SPDX-License-Identifier: GPL-3.0-or-later
// AccountSignIn: the stored sign-in state of the mail accounts - the tokens
// `intaked login` obtained, and the refusals that keep an account down until
// its credentials change (docs/ACCOUNTS.md, "When a sign-in stops working").
//
// Tokens are secrets: this is the only code that reads or writes them, nothing
// here logs, and `export` never touches these tables. Methods throw
// SQLite::Exception; the caller owns the connection and any transaction, and
// must not share the connection between threads without a lock.
#pragma once

#include <SQLiteCpp/Database.h>

#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"

namespace intaked {

struct StoredToken {
  std::string refresh_token;
  std::string access_token;  // empty: none yet
  Instant access_expires_at;
  Instant signed_in_at;
  std::string generation;  // new at each login
};

struct StoredRefusal {
  std::string account;
  std::string salt;
  std::string fingerprint;  // of the credentials that were refused, with `salt`
  std::string reason;       // what the server or identity provider said, and what to do
  Instant since;
  bool alerted = false;
};

class AccountSignIn {
 public:
  explicit AccountSignIn(SQLite::Database& db) : db_(db) {}

  std::optional<StoredToken> Token(const std::string& account);
  // A new sign-in: replaces any token the account had.
  void SaveToken(const std::string& account, const StoredToken& token);
  // A renewed access token; `rotated_refresh` replaces the refresh token unless empty.
  void RenewToken(const std::string& account, const std::string& access_token, Instant expires_at,
                  const std::string& rotated_refresh);
  // The access token was refused by the server: the next sign-in renews it.
  void DropAccessToken(const std::string& account);
  // Forgets the token (logout); true when there was one.
  bool EraseToken(const std::string& account);

  std::optional<StoredRefusal> Refusal(const std::string& account);
  void SaveRefusal(const StoredRefusal& refusal);
  void ClearRefusal(const std::string& account);
  std::vector<StoredRefusal> RefusalsNotAlerted();
  void MarkAlerted(const std::string& account);

 private:
  SQLite::Database& db_;
};

}  // namespace intaked
