// SPDX-License-Identifier: GPL-3.0-or-later
// Outbox: durable queue of outgoing mail.
//
// A letter is enqueued in the same transaction as the state change that
// causes it, so it can neither be lost nor written twice. The sender drains
// due items, marks each sent the moment the server accepts it, and reschedules
// failures with back-off; a permanent rejection is kept, marked failed, for an
// admin to see. Message-IDs are unique, so a letter's identity (and the token
// in it) is fixed before the first attempt.
#pragma once

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace intaked {

struct OutboxItem {
  int64_t id = 0;
  std::optional<int64_t> case_id;
  std::string purpose;
  std::string recipient;
  std::string message_id;
  std::string mail;  // RFC 5322 bytes
  int attempts = 0;
};

// A letter as the admin's `show` lists it: what, to whom, and how it went.
struct OutboxLetter {
  std::string purpose;
  std::string recipient;
  std::chrono::sys_seconds created_at;
  std::optional<std::chrono::sys_seconds> sent_at;
  std::optional<std::chrono::sys_seconds> failed_at;
  std::string last_error;  // the server's words for the last refusal, if any
};

// Automatic answers (letters/automatic_answers.h) to one address in two windows.
struct AutomaticAnswerCount {
  int recent = 0;  // created after the short window's start
  int day = 0;     // created after the long window's start
};

class Outbox {
 public:
  explicit Outbox(SQLite::Database& db) : db_(db) {}

  // Throws std::invalid_argument for a recipient that is not IsDeliverableAddress().
  void Enqueue(const OutboxItem& item, std::chrono::sys_seconds now);
  std::vector<OutboxItem> Due(std::chrono::sys_seconds now, int limit);
  void MarkSent(int64_t id, std::chrono::sys_seconds now);
  void MarkRetry(int64_t id, std::chrono::sys_seconds next_attempt, const std::string& error);
  void MarkFailed(int64_t id, std::chrono::sys_seconds now, const std::string& error);
  // The letter with this Message-ID, if intaked sent it (for threading and authentication).
  std::optional<OutboxItem> FindByMessageId(const std::string& message_id);
  // The Message-ID of the incoming message a caseless letter (a compliment's thanks, a
  // possible complaint's note) was about, by the letter's own Message-ID.
  std::optional<std::string> MessageAbout(const std::string& letter_message_id);
  int64_t PendingCount();
  // Every letter of case `case_id`, oldest first.
  std::vector<OutboxLetter> LettersOfCase(int64_t case_id);
  // The letters on the automatic-answer list queued for `recipient` (whatever
  // its case) after `recent_since` and after `day_since`: what the loop guard
  // counts. Letters off the list are never counted.
  AutomaticAnswerCount AutomaticAnswersTo(const std::string& recipient,
                                          std::chrono::sys_seconds recent_since,
                                          std::chrono::sys_seconds day_since);

 private:
  SQLite::Database& db_;
};

}  // namespace intaked
