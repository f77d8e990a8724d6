// LoginGuard: makes a refused login final for its account (docs/SECURITY.md, "A refused
// password is final").
//
// When a server refuses our credentials, trying again every poll can only
// fail again - and a provider may lock the account after a few failures, which
// would take a co-chair's own mail away from them. So the first refusal is
// logged once, naming the account as people know it, and remembered; after
// that the account is not offered to its server again until the config is
// reloaded (Forget). Failures to reach a server are not refusals: they are
// the caller's to retry with back-off.
//
// It also lets only one login per account be in flight, so two threads that
// read the same account (the cycle and the IDLE doorbell) cannot both be
// refused. Thread-safe; owned by whoever runs the cycles, shared by reference.
#pragma once

#include <spdlog/logger.h>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "base/status.h"

namespace intaked {

class LoginGuard {
 public:
  explicit LoginGuard(std::shared_ptr<spdlog::logger> log) : log_(std::move(log)) {}
  LoginGuard(const LoginGuard&) = delete;
  LoginGuard& operator=(const LoginGuard&) = delete;

  // Runs `login` for `account` (a stable key: "intake", a co-chair's address,
  // "smtp") unless its credentials were refused before, in which case it
  // returns that refusal (kPermanent) without running it. A kPermanent status
  // from `login` means "credentials refused": it is logged once, naming the
  // account as `role` ("co-chair Alex Able's mailbox"), and remembered.
  Status Attempt(const std::string& account, const std::string& role,
                 const std::function<Status()>& login);
  bool Refused(const std::string& account) const;
  // The config was reloaded: every account may try once more.
  void Forget();

 private:
  struct Account {
    std::mutex login;                    // held while a login to this account is in flight
    std::optional<std::string> refusal;  // guarded by mu_
  };
  Account& Get(const std::string& account);

  std::shared_ptr<spdlog::logger> log_;
  mutable std::mutex mu_;
  std::map<std::string, std::unique_ptr<Account>> accounts_;  // never erased: mutexes may be held
};

}  // namespace intaked
