// OutboxDrain: sends what is due in the outbox through a MailSender.
//
// A letter is marked sent as soon as the server accepts it; a temporary
// failure reschedules it with exponential back-off (1 min doubling to 1 h) and
// ends this drain, since the server is likely down for the rest too; a
// permanent rejection marks it failed and is logged for the admin.
#pragma once

#include <SQLiteCpp/Database.h>
#include <spdlog/logger.h>

#include <memory>

#include "base/clock.h"
#include "transport/mail_sender.h"

namespace intaked {

struct DrainResult {
  int sent = 0;
  int deferred = 0;
  int failed = 0;
  bool server_down = false;
  std::string last_error;
};

class OutboxDrain {
 public:
  OutboxDrain(SQLite::Database& db, MailSender& sender, std::string envelope_from,
              std::shared_ptr<spdlog::logger> log)
      : db_(db), sender_(sender), envelope_from_(std::move(envelope_from)), log_(std::move(log)) {}

  DrainResult Drain(Instant now);

  static std::chrono::seconds Backoff(int attempts);

 private:
  SQLite::Database& db_;
  MailSender& sender_;
  std::string envelope_from_;
  std::shared_ptr<spdlog::logger> log_;
};

}  // namespace intaked
