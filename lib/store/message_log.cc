// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/message_log.h"

#include <SQLiteCpp/Statement.h>

namespace intaked {

bool MessageLog::Contains(const std::string& message_id) {
  SQLite::Statement q(db_, "SELECT 1 FROM messages WHERE message_id = ?");
  q.bind(1, message_id);
  return q.executeStep();
}

void MessageLog::Record(const MessageRecord& r) {
  SQLite::Statement q(
      db_,
      "INSERT INTO messages (message_id, first_mailbox, received_at, kind, reason, case_id,"
      " from_email, subject, raw) VALUES (?,?,?,?,?,?,?,?,?)");
  q.bind(1, r.message_id);
  q.bind(2, r.mailbox);
  q.bind(3, int64_t(r.received_at.time_since_epoch().count()));
  q.bind(4, r.kind);
  q.bind(5, r.reason);
  if (r.case_id)
    q.bind(6, *r.case_id);
  else
    q.bind(6);
  q.bind(7, r.from_email);
  q.bind(8, r.subject);
  if (r.raw)
    q.bind(9, r.raw->data(), int(r.raw->size()));
  else
    q.bind(9);
  q.exec();
}

std::optional<int64_t> MessageLog::CaseOf(const std::string& message_id) {
  SQLite::Statement q(db_,
                      "SELECT case_id FROM messages WHERE message_id = ? AND case_id IS NOT NULL");
  q.bind(1, message_id);
  if (!q.executeStep()) return std::nullopt;
  return q.getColumn(0).getInt64();
}

std::optional<MessageRecord> MessageLog::Find(const std::string& message_id) {
  SQLite::Statement q(db_,
                      "SELECT message_id, first_mailbox, received_at, kind, reason, case_id,"
                      " from_email, subject, raw FROM messages WHERE message_id = ?");
  q.bind(1, message_id);
  if (!q.executeStep()) return std::nullopt;
  MessageRecord r;
  r.message_id = q.getColumn(0).getString();
  r.mailbox = q.getColumn(1).getString();
  r.received_at = std::chrono::sys_seconds(std::chrono::seconds(q.getColumn(2).getInt64()));
  r.kind = q.getColumn(3).getString();
  r.reason = q.getColumn(4).getString();
  if (!q.getColumn(5).isNull()) r.case_id = q.getColumn(5).getInt64();
  r.from_email = q.getColumn(6).getString();
  r.subject = q.getColumn(7).getString();
  if (!q.getColumn(8).isNull()) {
    const SQLite::Column raw = q.getColumn(8);
    r.raw = std::string(static_cast<const char*>(raw.getBlob()), size_t(raw.getBytes()));
  }
  return r;
}

void MessageLog::Reclassify(const std::string& message_id, const std::string& kind,
                            std::optional<int64_t> case_id) {
  SQLite::Statement q(db_, "UPDATE messages SET kind = ?, case_id = ? WHERE message_id = ?");
  q.bind(1, kind);
  if (case_id)
    q.bind(2, *case_id);
  else
    q.bind(2);
  q.bind(3, message_id);
  q.exec();
}

int64_t MessageLog::CountByKind(const std::string& kind) {
  SQLite::Statement q(db_, "SELECT COUNT(*) FROM messages WHERE kind = ?");
  q.bind(1, kind);
  q.executeStep();
  return q.getColumn(0).getInt64();
}

namespace {

std::vector<MessageRecord> ReadUnprocessable(SQLite::Database& db, const char* where) {
  SQLite::Statement q(db, std::string("SELECT message_id, first_mailbox, received_at, reason,"
                                      " from_email, subject FROM messages WHERE kind = "
                                      "'unprocessable'") +
                              where + " ORDER BY id");
  std::vector<MessageRecord> out;
  while (q.executeStep()) {
    MessageRecord r;
    r.message_id = q.getColumn(0).getString();
    r.mailbox = q.getColumn(1).getString();
    r.received_at = std::chrono::sys_seconds(std::chrono::seconds(q.getColumn(2).getInt64()));
    r.kind = "unprocessable";
    r.reason = q.getColumn(3).getString();
    r.from_email = q.getColumn(4).getString();
    r.subject = q.getColumn(5).getString();
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

std::vector<MessageRecord> MessageLog::Unprocessable() { return ReadUnprocessable(db_, ""); }

std::vector<MessageRecord> MessageLog::UnprocessableNotAlerted() {
  return ReadUnprocessable(db_, " AND alerted = 0");
}

void MessageLog::MarkAlerted(const std::string& message_id) {
  SQLite::Statement q(db_, "UPDATE messages SET alerted = 1 WHERE message_id = ?");
  q.bind(1, message_id);
  q.exec();
}

}  // namespace intaked
