// SPDX-License-Identifier: GPL-3.0-or-later
// LoginGuard: the one gate every login to a mail account passes through
// (docs/SECURITY.md, "A refused sign-in is final").
//
// When a server refuses our credentials - or an identity provider refuses the
// refresh token (invalid_grant) - trying again every poll can only fail again,
// and a provider may lock the account after a few failures, which would take a
// co-chair's own mail away from them. So the first refusal is logged once,
// naming the account as people know it and saying what to do, and remembered
// with a salted fingerprint of the credentials refused - in the RefusalMemory,
// if given, so a restart (or the next `run --once`) remembers it too. The
// account is not offered to its server again until its credentials change: a
// new `intaked login`, a changed password, password file, password command's
// answer or config. Failures to reach a server are not refusals: they are the
// caller's to retry with back-off.
//
// Credentials come from the CredentialSource just before each login. A
// refused access token is renewed and tried once more before it counts. Only
// one login per account is in flight, so two threads that use the same
// account (the cycle and the IDLE doorbell) neither both get refused nor both
// renew its token. Thread-safe; owned by whoever runs the cycles, shared by
// reference; the source and memory it is given must outlive it.
#pragma once

#include <spdlog/logger.h>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "base/clock.h"
#include "base/status.h"
#include "config/mail_accounts.h"
#include "transport/credential_source.h"

namespace intaked {

class LoginGuard {
 public:
  // Without a source, passwords from the config; without a memory, refusals
  // last as long as this object (or until Forget).
  explicit LoginGuard(std::shared_ptr<spdlog::logger> log, CredentialSource* source = nullptr,
                      RefusalMemory* memory = nullptr, const Clock* clock = nullptr);
  LoginGuard(const LoginGuard&) = delete;
  LoginGuard& operator=(const LoginGuard&) = delete;

  // Runs `login` with `account`'s credential unless the account is down, in
  // which case it returns why (kPermanent) without reaching any server. A
  // kPermanent status from `login` means "credentials refused".
  Status Attempt(const MailAccount& account, const std::function<Status(const Credential&)>& login);
  // Why `account` is down, as logged; nothing when it is not known to be.
  std::optional<std::string> Refusal(const std::string& account) const;
  bool Refused(const std::string& account) const { return Refusal(account).has_value(); }
  // The config was reloaded: forget what was cached; stored refusals stand
  // until the credentials differ from those refused.
  void Forget();

  // What people are told to do about a refused `account`.
  static std::string Advice(const MailAccount& account);

 private:
  struct Account {
    std::mutex login;  // held while a login to this account is in flight
    // guarded by mu_:
    bool loaded = false;                   // `stored` was read from the memory
    std::optional<AccountRefusal> stored;  // the refusal that keeps it down
    std::string logged;                    // the last refusal logged, so each is logged once
    std::string cannot;  // why it cannot sign in at all now (never signed in), when so
  };
  Account& Get(const std::string& account);
  // Whether the stored refusal still applies to the credentials as they are now.
  std::optional<Status> StillDown(const MailAccount& account, Account& a);
  Status Refuse(const MailAccount& account, Account& a, const std::string& why);
  void LogOnce(Account& a, const std::string& text);

  std::shared_ptr<spdlog::logger> log_;
  ConfiguredPasswords configured_;
  CredentialSource& source_;
  RefusalMemory* memory_;
  SystemClock system_clock_;
  const Clock& clock_;
  mutable std::mutex mu_;
  std::map<std::string, std::unique_ptr<Account>> accounts_;  // never erased: mutexes may be held
};

}  // namespace intaked
