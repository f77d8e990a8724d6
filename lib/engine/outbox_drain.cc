#include "engine/outbox_drain.h"

#include <spdlog/spdlog.h>

#include "mail/address.h"
#include "store/outbox.h"

namespace intaked {

std::chrono::seconds OutboxDrain::Backoff(int attempts) {
  const int exponent = std::min(attempts, 6);
  return std::min(std::chrono::seconds(60 << exponent), std::chrono::seconds(3600));
}

DrainResult OutboxDrain::Drain(Instant now) {
  DrainResult r;
  Outbox outbox(db_);
  while (true) {
    const std::vector<OutboxItem> due = outbox.Due(now, 50);
    if (due.empty()) break;
    for (const OutboxItem& item : due) {
      const SendOutcome out = sender_.Send(envelope_from_, {item.recipient}, item.mail);
      switch (out.kind) {
        case SendOutcome::Kind::kAccepted:
          outbox.MarkSent(item.id, now);
          ++r.sent;
          log_->debug("sent {} to {}", item.purpose, item.recipient);
          log_->info("sent {} to {}", item.purpose, MaskEmail(item.recipient));
          break;
        case SendOutcome::Kind::kPermanentFailure:
          outbox.MarkFailed(item.id, now, out.detail);
          ++r.failed;
          log_->error("the mail server refused {} to {} for good: {}", item.purpose,
                      MaskEmail(item.recipient), out.detail);
          break;
        case SendOutcome::Kind::kTemporaryFailure:
          outbox.MarkRetry(item.id, now + Backoff(item.attempts), out.detail);
          ++r.deferred;
          r.server_down = true;
          r.last_error = out.detail;
          return r;
      }
    }
  }
  return r;
}

}  // namespace intaked
