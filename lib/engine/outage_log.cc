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
  if (it == failing_.end()) {
    log_->warn("{}: {} (retrying; logged once per outage)", what, s.message());
    failing_[what] = {now, s.message()};
  }
}

std::vector<std::string> OutageLog::TakeRecovered() {
  std::vector<std::string> out;
  out.swap(recovered_);
  return out;
}

}  // namespace intaked
