// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/outage_log.h"

namespace intaked {

void OutageLog::Note(const std::string& what, const Status& s, Instant now) {
  auto it = failing_.find(what);
  if (s.ok()) {
    if (it != failing_.end()) {
      log_->info("{}: working again", what);
      if (it->second.alerted) recovered_.push_back(what);
      failing_.erase(it);
    }
    return;
  }
  const bool final = s.kind() == Status::Kind::kPermanent;
  if (it == failing_.end()) {
    if (!final && retry_ == Retry::kWithBackOff)
      log_->warn("{}: {} (retrying with back-off; logged once per outage)", what, s.message());
    else if (!final)
      log_->warn("{}: {} (this run stops here; the next run tries again)", what, s.message());
    it = failing_.emplace(what, Outage{now, s.message(), false, final, 0, now}).first;
  }
  Outage& o = it->second;
  o.error = s.message();
  o.final = final;
  ++o.failures;
  if (final) {  // the LoginGuard keeps it from its server; trying costs nothing
    o.next_try = now;
    return;
  }
  const std::chrono::seconds backoff(30 << std::min(o.failures - 1, 5));
  o.next_try = now + std::min<std::chrono::seconds>(backoff, std::chrono::minutes(15));
}

bool OutageLog::Due(const std::string& what, Instant now) const {
  auto it = failing_.find(what);
  return it == failing_.end() || now >= it->second.next_try;
}

std::vector<std::string> OutageLog::TakeRecovered() {
  std::vector<std::string> out;
  out.swap(recovered_);
  return out;
}

}  // namespace intaked
