// SPDX-License-Identifier: GPL-3.0-or-later
#include "transport/login_guard.h"

namespace intaked {

LoginGuard::LoginGuard(std::shared_ptr<spdlog::logger> log, CredentialSource* source,
                       RefusalMemory* memory, const Clock* clock)
    : log_(std::move(log)),
      source_(source ? *source : configured_),
      memory_(memory),
      clock_(clock ? *clock : system_clock_) {}

LoginGuard::Account& LoginGuard::Get(const std::string& account) {
  std::lock_guard<std::mutex> lock(mu_);
  std::unique_ptr<Account>& a = accounts_[account];
  if (!a) a = std::make_unique<Account>();
  return *a;
}

std::string LoginGuard::Advice(const MailAccount& account) {
  if (account.auth == AuthMethod::kOAuth2)
    return "intaked will not try this account again until someone signs it in: run `intaked "
           "login " +
           account.key + "` as the service's user";
  return "intaked will not try this account again until its password changes: correct password, "
         "password_file or password_command in the config, then run `systemctl reload intaked`";
}

void LoginGuard::LogOnce(Account& a, const std::string& text) {
  std::lock_guard<std::mutex> lock(mu_);
  if (a.logged == text) return;
  a.logged = text;
  log_->error("{}", text);
}

std::optional<Status> LoginGuard::StillDown(const MailAccount& account, Account& a) {
  std::optional<AccountRefusal> stored;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!a.loaded && memory_) a.stored = memory_->Find(account.key);
    a.loaded = true;
    stored = a.stored;
  }
  Result<std::string> now = source_.Fingerprint(account, stored ? stored->salt : "");
  if (!now.ok()) {
    if (now.status().kind() != Status::Kind::kPermanent) return now.status();
    // Cannot sign in at all (never signed in): nothing was refused, nothing to store.
    const std::string text = account.role + ": " + now.status().message();
    LogOnce(a, text);
    std::lock_guard<std::mutex> lock(mu_);
    a.cannot = text;
    return Status::Permanent(text);
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    a.cannot.clear();
  }
  if (!stored) return std::nullopt;
  if (*now == stored->fingerprint) {
    LogOnce(a, stored->reason);
    return Status::Permanent(stored->reason);
  }
  log_->info("{}: its credentials changed since they were refused; trying again", account.role);
  if (memory_) memory_->Forget(account.key);
  std::lock_guard<std::mutex> lock(mu_);
  a.stored.reset();
  a.logged.clear();
  return std::nullopt;
}

Status LoginGuard::Refuse(const MailAccount& account, Account& a, const std::string& why) {
  const std::string text = account.role + ": " + why + ". " + Advice(account);
  LogOnce(a, text);
  AccountRefusal r{RandomHex(), "", text, clock_.Now()};
  Result<std::string> fp = source_.Fingerprint(account, r.salt);
  if (fp.ok()) {
    r.fingerprint = *fp;
    if (memory_) memory_->Remember(account.key, r);
  }
  std::lock_guard<std::mutex> lock(mu_);
  a.stored = r;  // without a fingerprint it still holds until Forget
  return Status::Permanent(text);
}

Status LoginGuard::Attempt(const MailAccount& account,
                           const std::function<Status(const Credential&)>& login) {
  Account& a = Get(account.key);
  std::lock_guard<std::mutex> in_flight(a.login);
  if (std::optional<Status> down = StillDown(account, a)) return *down;
  for (int attempt = 0;; ++attempt) {
    Result<Credential> credential = source_.Obtain(account);
    if (!credential.ok()) {
      if (credential.status().kind() == Status::Kind::kPermanent)
        return Refuse(account, a, credential.status().message());
      return credential.status();
    }
    const Status s = login(*credential);
    if (s.kind() != Status::Kind::kPermanent) {
      if (s.ok()) {
        std::lock_guard<std::mutex> lock(mu_);
        a.logged.clear();
      }
      return s;
    }
    // A refused access token may only have expired early: renew it and try once more.
    if (attempt > 0 || !source_.Rejected(account)) return Refuse(account, a, s.message());
  }
}

std::optional<std::string> LoginGuard::Refusal(const std::string& account) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = accounts_.find(account);
  if (it == accounts_.end()) return std::nullopt;
  if (it->second->stored) return it->second->stored->reason;
  if (!it->second->cannot.empty()) return it->second->cannot;
  return std::nullopt;
}

void LoginGuard::Forget() {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& [name, a] : accounts_) {
    a->loaded = false;
    a->stored.reset();
    a->logged.clear();
    a->cannot.clear();
  }
}

}  // namespace intaked
