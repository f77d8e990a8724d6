#include "transport/idle_doorbell.h"

#include "transport/imap_session.h"
#include "transport/imap_url.h"

namespace intaked {

IdleDoorbell::IdleDoorbell(MailboxSettings mailbox, TlsSettings tls, std::function<void()> ring,
                           std::shared_ptr<spdlog::logger> log)
    : mailbox_(std::move(mailbox)),
      tls_(std::move(tls)),
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
  while (!stop_) {
    auto session = ImapSession::Connect(
        {url.server, mailbox_.username, mailbox_.password, tls_, std::chrono::seconds(60)});
    if (!session.ok() || !(*session)->Examine(url.folder).ok()) {
      if (!Sleep(std::chrono::seconds(30))) return;  // polling reports the outage; retry quietly
      continue;
    }
    ring_();  // catch anything that arrived while we were connecting
    while (!stop_) {
      // Servers drop idle connections after 30 minutes; renew well before.
      auto changed = (*session)->Idle(std::chrono::minutes(25), stop_);
      if (!changed.ok()) {
        if (changed.status().kind() == Status::Kind::kProtocol) {
          log_->info("{}: the server does not offer IDLE; polling only", mailbox_.label);
          return;
        }
        break;  // reconnect
      }
      if (*changed) ring_();
    }
  }
}

}  // namespace intaked
