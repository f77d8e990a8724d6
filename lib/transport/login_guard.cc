#include "transport/login_guard.h"

namespace intaked {

LoginGuard::Account& LoginGuard::Get(const std::string& account) {
  std::lock_guard<std::mutex> lock(mu_);
  std::unique_ptr<Account>& a = accounts_[account];
  if (!a) a = std::make_unique<Account>();
  return *a;
}

Status LoginGuard::Attempt(const std::string& account, const std::string& role,
                           const std::function<Status()>& login) {
  Account& a = Get(account);
  std::lock_guard<std::mutex> in_flight(a.login);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (a.refusal) return Status::Permanent(*a.refusal);
  }
  const Status s = login();
  if (s.kind() != Status::Kind::kPermanent) return s;
  const std::string refusal =
      role + ": " + s.message() +
      ". intaked will not try this account again until its config is reloaded: correct the "
      "password (or password_file), then run `systemctl reload intaked`";
  log_->error("{}", refusal);
  std::lock_guard<std::mutex> lock(mu_);
  a.refusal = refusal;
  return Status::Permanent(refusal);
}

bool LoginGuard::Refused(const std::string& account) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = accounts_.find(account);
  return it != accounts_.end() && it->second->refusal.has_value();
}

void LoginGuard::Forget() {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& [name, a] : accounts_) a->refusal.reset();
}

}  // namespace intaked
