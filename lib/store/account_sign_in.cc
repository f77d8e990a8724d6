// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/account_sign_in.h"

#include <SQLiteCpp/Statement.h>

namespace intaked {
namespace {

Instant At(int64_t seconds) { return Instant(std::chrono::seconds(seconds)); }
int64_t Seconds(Instant t) { return t.time_since_epoch().count(); }

StoredRefusal RefusalRow(SQLite::Statement& q) {
  return {q.getColumn(0).getString(), q.getColumn(1).getString(),    q.getColumn(2).getString(),
          q.getColumn(3).getString(), At(q.getColumn(4).getInt64()), q.getColumn(5).getInt() != 0};
}

constexpr const char* kRefusalColumns =
    "SELECT account, salt, fingerprint, reason, since, alerted FROM account_refusals ";

}  // namespace

std::optional<StoredToken> AccountSignIn::Token(const std::string& account) {
  SQLite::Statement q(db_,
                      "SELECT refresh_token, access_token, access_expires_at, signed_in_at, "
                      "generation FROM account_tokens WHERE account = ?");
  q.bind(1, account);
  if (!q.executeStep()) return std::nullopt;
  return StoredToken{q.getColumn(0).getString(), q.getColumn(1).getString(),
                     At(q.getColumn(2).getInt64()), At(q.getColumn(3).getInt64()),
                     q.getColumn(4).getString()};
}

void AccountSignIn::SaveToken(const std::string& account, const StoredToken& t) {
  SQLite::Statement q(
      db_,
      "INSERT OR REPLACE INTO account_tokens (account, refresh_token, access_token, "
      "access_expires_at, signed_in_at, generation) VALUES (?, ?, ?, ?, ?, ?)");
  q.bind(1, account);
  q.bind(2, t.refresh_token);
  q.bind(3, t.access_token);
  q.bind(4, Seconds(t.access_expires_at));
  q.bind(5, Seconds(t.signed_in_at));
  q.bind(6, t.generation);
  q.exec();
}

void AccountSignIn::RenewToken(const std::string& account, const std::string& access_token,
                               Instant expires_at, const std::string& rotated_refresh) {
  SQLite::Statement q(db_,
                      "UPDATE account_tokens SET access_token = ?, access_expires_at = ?, "
                      "refresh_token = CASE WHEN ? = '' THEN refresh_token ELSE ? END "
                      "WHERE account = ?");
  q.bind(1, access_token);
  q.bind(2, Seconds(expires_at));
  q.bind(3, rotated_refresh);
  q.bind(4, rotated_refresh);
  q.bind(5, account);
  q.exec();
}

void AccountSignIn::DropAccessToken(const std::string& account) {
  SQLite::Statement q(db_,
                      "UPDATE account_tokens SET access_token = '', access_expires_at = 0 "
                      "WHERE account = ?");
  q.bind(1, account);
  q.exec();
}

bool AccountSignIn::EraseToken(const std::string& account) {
  SQLite::Statement q(db_, "DELETE FROM account_tokens WHERE account = ?");
  q.bind(1, account);
  return q.exec() > 0;
}

std::optional<StoredRefusal> AccountSignIn::Refusal(const std::string& account) {
  SQLite::Statement q(db_, std::string(kRefusalColumns) + "WHERE account = ?");
  q.bind(1, account);
  if (!q.executeStep()) return std::nullopt;
  return RefusalRow(q);
}

void AccountSignIn::SaveRefusal(const StoredRefusal& r) {
  SQLite::Statement q(db_,
                      "INSERT OR REPLACE INTO account_refusals (account, salt, fingerprint, "
                      "reason, since, alerted) VALUES (?, ?, ?, ?, ?, ?)");
  q.bind(1, r.account);
  q.bind(2, r.salt);
  q.bind(3, r.fingerprint);
  q.bind(4, r.reason);
  q.bind(5, Seconds(r.since));
  q.bind(6, r.alerted ? 1 : 0);
  q.exec();
}

void AccountSignIn::ClearRefusal(const std::string& account) {
  SQLite::Statement q(db_, "DELETE FROM account_refusals WHERE account = ?");
  q.bind(1, account);
  q.exec();
}

std::vector<StoredRefusal> AccountSignIn::RefusalsNotAlerted() {
  SQLite::Statement q(db_, std::string(kRefusalColumns) + "WHERE alerted = 0 ORDER BY since");
  std::vector<StoredRefusal> out;
  while (q.executeStep()) out.push_back(RefusalRow(q));
  return out;
}

void AccountSignIn::MarkAlerted(const std::string& account) {
  SQLite::Statement q(db_, "UPDATE account_refusals SET alerted = 1 WHERE account = ?");
  q.bind(1, account);
  q.exec();
}

}  // namespace intaked
