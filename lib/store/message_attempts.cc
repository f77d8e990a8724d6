// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/message_attempts.h"

#include <SQLiteCpp/Statement.h>

namespace intaked {

int MessageAttempts::Begin(const std::string& mailbox, uint32_t uidvalidity, uint32_t uid,
                           std::chrono::sys_seconds now) {
  db_.exec("PRAGMA synchronous=NORMAL");
  int earlier = 0;
  try {
    SQLite::Statement q(db_,
                        "INSERT INTO attempts (mailbox, uidvalidity, uid, count, last_at)"
                        " VALUES (?,?,?,1,?) ON CONFLICT (mailbox, uidvalidity, uid)"
                        " DO UPDATE SET count = count + 1, last_at = excluded.last_at"
                        " RETURNING count");
    q.bind(1, mailbox);
    q.bind(2, int64_t(uidvalidity));
    q.bind(3, int64_t(uid));
    q.bind(4, int64_t(now.time_since_epoch().count()));
    if (q.executeStep()) earlier = q.getColumn(0).getInt() - 1;
  } catch (...) {
    db_.exec("PRAGMA synchronous=FULL");
    throw;
  }
  db_.exec("PRAGMA synchronous=FULL");
  return earlier;
}

void MessageAttempts::Finish(const std::string& mailbox, uint32_t uidvalidity, uint32_t uid) {
  SQLite::Statement q(db_,
                      "DELETE FROM attempts WHERE mailbox = ? AND uidvalidity = ? AND uid = ?");
  q.bind(1, mailbox);
  q.bind(2, int64_t(uidvalidity));
  q.bind(3, int64_t(uid));
  q.exec();
}

}  // namespace intaked
