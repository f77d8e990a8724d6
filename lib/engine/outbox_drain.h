// SPDX-License-Identifier: GPL-3.0-or-later
// OutboxDrain: sends what is due in the outbox through a MailSender, oldest
// first, and charges each failure to what is at fault (server_replies.h):
//
// - the letter (4xx/5xx on its RCPT or DATA): a temporary refusal reschedules
//   that letter alone with exponential back-off (1 min doubling to 1 h) and
//   the drain goes on with the next; a permanent one marks it failed for the
//   admin to see.
// - the server (no connection, no TLS, a refused login): the drain stops and
//   no letter is charged, so when the server answers again everything waiting
//   goes in that drain, in the order it was written.
//
// A letter is marked sent as soon as the server accepts it. If the store
// cannot record that, the letter's id is kept in memory (OutageLog) and it is
// never offered to the server again while intaked runs: the mark is retried
// first thing in the next drain, and the store error ends this one.
#pragma once

#include <SQLiteCpp/Database.h>
#include <spdlog/logger.h>

#include <memory>
#include <string>
#include <vector>

#include "base/clock.h"
#include "engine/outage_log.h"
#include "transport/mail_sender.h"

namespace intaked {

// A letter about a case the mail server refused for good: the case's people are told.
struct RefusedLetter {
  int64_t case_id = 0;
  std::string purpose;
  std::string recipient;
};

struct DrainResult {
  std::vector<RefusedLetter> refused;  // case letters refused for good, in this drain
  int sent = 0;
  int deferred = 0;  // letters put off by the server, or left waiting by an outage
  int failed = 0;
  bool server_down = false;    // the drain stopped: the server could not take mail
  bool login_refused = false;  // ... because it refused our credentials (final)
  std::string last_error;
};

class OutboxDrain {
 public:
  OutboxDrain(SQLite::Database& db, MailSender& sender, std::string envelope_from,
              OutageLog& memory, std::shared_ptr<spdlog::logger> log)
      : db_(db),
        sender_(sender),
        envelope_from_(std::move(envelope_from)),
        memory_(memory),
        log_(std::move(log)) {}

  // Throws SQLite::Exception when the store fails.
  DrainResult Drain(Instant now);

  static std::chrono::seconds Backoff(int attempts);

 private:
  SQLite::Database& db_;
  MailSender& sender_;
  std::string envelope_from_;
  OutageLog& memory_;
  std::shared_ptr<spdlog::logger> log_;
};

}  // namespace intaked
