// SPDX-License-Identifier: GPL-3.0-or-later
// IdleDoorbell: rings when new mail arrives in one folder, using IMAP IDLE,
// so the daemon can act within a couple of seconds instead of at the next poll.
//
// Runs its own thread with its own read-only connection; knows nothing of
// complaints. Reconnects after failures to reach the server, backing off from
// 30 s to 15 min; gives up quietly, leaving polling to do the work, when the
// server does not offer IDLE - and for good when the server refuses the
// account's credentials (through the LoginGuard shared with the cycle, so the
// refusal is logged once and never repeated; a reload starts a new doorbell).
// The callback runs on the doorbell's thread: post it to your event loop.
#pragma once

#include <spdlog/logger.h>

#include <atomic>
#include <functional>
#include <memory>
#include <thread>

#include "config/config.h"
#include "transport/login_guard.h"

namespace intaked {

class IdleDoorbell {
 public:
  IdleDoorbell(MailboxSettings mailbox, TlsSettings tls, LoginGuard& guard,
               std::function<void()> ring, std::shared_ptr<spdlog::logger> log);
  ~IdleDoorbell();  // stops and joins
  IdleDoorbell(const IdleDoorbell&) = delete;
  IdleDoorbell& operator=(const IdleDoorbell&) = delete;

 private:
  void Loop();
  bool Sleep(std::chrono::seconds s);  // false when stopped meanwhile

  MailboxSettings mailbox_;
  TlsSettings tls_;
  LoginGuard& guard_;
  std::function<void()> ring_;
  std::shared_ptr<spdlog::logger> log_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace intaked
