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

int64_t MessageLog::CountByKind(const std::string& kind) {
  SQLite::Statement q(db_, "SELECT COUNT(*) FROM messages WHERE kind = ?");
  q.bind(1, kind);
  q.executeStep();
  return q.getColumn(0).getInt64();
}

}  // namespace intaked
