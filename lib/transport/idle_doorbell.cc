// SPDX-License-Identifier: GPL-3.0-or-later
#include "transport/idle_doorbell.h"

#include <algorithm>

#include "transport/imap_session.h"
#include "transport/imap_url.h"

namespace intaked {

IdleDoorbell::IdleDoorbell(MailboxSettings mailbox, TlsSettings tls, LoginGuard& guard,
                           std::function<void()> ring, std::shared_ptr<spdlog::logger> log)
    : mailbox_(std::move(mailbox)),
      tls_(std::move(tls)),
      guard_(guard),
      ring_(std::move(ring)),
      log_(std::move(log)) {
  thread_ = std::thread([this] { Loop(); });
}

IdleDoorbell::~IdleDoorbell() {
  stop_ = true;
  thread_.join();
}

bool IdleDoorbell::Sleep(std::chrono::seconds s) {
  for (auto end = std::chrono::steady_clock::now() + s; std::chrono::steady_clock::now() < end;) {
    if (stop_) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return !stop_;
}

void IdleDoorbell::Loop() {
  const ImapUrl url = ParseImapUrl(mailbox_.imap_url);
  std::chrono::seconds backoff(30);
  while (!stop_) {
    Result<std::unique_ptr<ImapSession>> session = Status::Connection("not connected");
    const Status login = guard_.Attempt(AccountOf(mailbox_), [&](const Credential& c) {
      session = ImapSession::Connect(
          {url.server, c.username, c.password, c.bearer, tls_, std::chrono::seconds(60)});
      return session.status();
    });
    // Down until its credentials change (a new login, a reload): asking costs no login.
    if (login.kind() == Status::Kind::kPermanent) {
      if (!Sleep(std::chrono::minutes(1))) return;
      continue;
    }
    if (session.ok() && (*session)->Examine(url.folder).ok()) {
      ring_();  // catch anything that arrived while we were connecting
      while (!stop_) {
        // Servers drop idle connections after 30 minutes; renew well before.
        auto changed = (*session)->Idle(std::chrono::minutes(25), stop_);
        if (!changed.ok()) {
          if (changed.status().kind() == Status::Kind::kProtocol) {
            log_->info("{}: the server does not offer IDLE; polling only", mailbox_.label);
            return;
          }
          break;  // reconnect, after the back-off below
        }
        backoff = std::chrono::seconds(30);  // IDLE worked: the connection was good
        if (*changed) ring_();
      }
    }
    // Polling reports outages; retry quietly, less and less often, so that a
    // server that fails every connection is not logged in to in a tight loop.
    if (!Sleep(backoff)) return;
    backoff = std::min<std::chrono::seconds>(backoff * 2, std::chrono::minutes(15));
  }
}

}  // namespace intaked
