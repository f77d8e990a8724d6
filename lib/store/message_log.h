// SPDX-License-Identifier: GPL-3.0-or-later
// MessageLog: every incoming message intaked has processed, by Message-ID.
//
// This is what makes intake exactly-once: a Message-ID recorded here is never
// processed again, whichever mailbox it turns up in next and however often the
// daemon restarts. Raw bytes are kept only for mail that belongs to a case.
// Methods throw SQLite::Exception; callers run them inside a transaction.
#pragma once

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace intaked {

struct MessageRecord {
  std::string message_id;
  std::string mailbox;
  std::chrono::sys_seconds received_at;
  std::string kind;
  std::string reason;
  std::optional<int64_t> case_id;
  std::string from_email;
  std::string subject;
  std::optional<std::string> raw;
};

class MessageLog {
 public:
  explicit MessageLog(SQLite::Database& db) : db_(db) {}

  bool Contains(const std::string& message_id);
  void Record(const MessageRecord& record);
  // The case an incoming message belongs to, if any.
  std::optional<int64_t> CaseOf(const std::string& message_id);
  int64_t CountByKind(const std::string& kind);
  // The record of `message_id` (its raw bytes too, when they were kept).
  std::optional<MessageRecord> Find(const std::string& message_id);
  // A message a person has since judged (a possible complaint opened as one).
  void Reclassify(const std::string& message_id, const std::string& kind,
                  std::optional<int64_t> case_id);

  // Mail that could not be processed and was set aside, oldest first.
  std::vector<MessageRecord> Unprocessable();
  // Set-aside mail nobody has been told of yet; MarkAlerted records that they have.
  std::vector<MessageRecord> UnprocessableNotAlerted();
  void MarkAlerted(const std::string& message_id);

 private:
  SQLite::Database& db_;
};

}  // namespace intaked
