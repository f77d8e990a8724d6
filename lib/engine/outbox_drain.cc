// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/outbox_drain.h"

#include <spdlog/spdlog.h>

#include "mail/address.h"
#include "store/outbox.h"

namespace intaked {
namespace {

// The server's words may repeat the recipient: mask it as every log line does.
std::string Masked(std::string text, const std::string& recipient) {
  if (recipient.empty()) return text;
  const std::string masked = MaskEmail(recipient);
  for (size_t at = text.find(recipient); at != std::string::npos;
       at = text.find(recipient, at + masked.size()))
    text.replace(at, recipient.size(), masked);
  return text;
}

}  // namespace

std::chrono::seconds OutboxDrain::Backoff(int attempts) {
  const int exponent = std::min(attempts, 6);
  return std::min(std::chrono::seconds(60 << exponent), std::chrono::seconds(3600));
}

DrainResult OutboxDrain::Drain(Instant now) {
  DrainResult r;
  Outbox outbox(db_);
  // Letters accepted in an earlier drain whose mark failed: record them before
  // anything else, so none can come out of Due() and go to the server again.
  std::set<int64_t>& unrecorded = memory_.sent_not_recorded();
  while (!unrecorded.empty()) {
    outbox.MarkSent(*unrecorded.begin(), now);  // throws while the store is still failing
    unrecorded.erase(unrecorded.begin());
  }
  while (true) {
    const std::vector<OutboxItem> due = outbox.Due(now, 50);
    if (due.empty()) break;
    for (const OutboxItem& item : due) {
      const SendOutcome out = sender_.Send(envelope_from_, {item.recipient}, item.mail);
      switch (out.kind) {
        case SendOutcome::Kind::kAccepted:
          try {
            outbox.MarkSent(item.id, now);
          } catch (...) {
            unrecorded.insert(item.id);
            log_->error(
                "{} to {} was sent but could not be recorded as sent; it will not be "
                "sent again",
                item.purpose, MaskEmail(item.recipient));
            throw;
          }
          ++r.sent;
          log_->debug("sent {} to {}", item.purpose, item.recipient);
          log_->info("sent {} to {}", item.purpose, MaskEmail(item.recipient));
          break;
        case SendOutcome::Kind::kPermanentFailure:
          outbox.MarkFailed(item.id, now, out.detail);
          ++r.failed;
          if (item.case_id) r.refused.push_back({*item.case_id, item.purpose, item.recipient});
          log_->error("the mail server refused {} to {} for good: {}", item.purpose,
                      MaskEmail(item.recipient), Masked(out.detail, item.recipient));
          break;
        case SendOutcome::Kind::kTemporaryFailure:
          outbox.MarkRetry(item.id, now + Backoff(item.attempts), out.detail);
          ++r.deferred;
          log_->info("the mail server put off {} to {}; trying it again later: {}", item.purpose,
                     MaskEmail(item.recipient), Masked(out.detail, item.recipient));
          break;
        case SendOutcome::Kind::kServerUnavailable:
        case SendOutcome::Kind::kLoginRefused:
          // Not this letter's fault: nothing is charged, everything waits its turn.
          r.server_down = true;
          r.login_refused = out.kind == SendOutcome::Kind::kLoginRefused;
          r.last_error = Masked(out.detail, item.recipient);
          r.deferred = int(outbox.PendingCount());
          return r;
      }
    }
  }
  return r;
}

}  // namespace intaked
