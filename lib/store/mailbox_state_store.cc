// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/mailbox_state_store.h"

#include <SQLiteCpp/Statement.h>

namespace intaked {

std::optional<MailboxState> MailboxStateStore::Get(const std::string& mailbox) {
  SQLite::Statement q(db_, "SELECT uidvalidity, last_uid FROM mailbox_state WHERE mailbox = ?");
  q.bind(1, mailbox);
  if (!q.executeStep()) return std::nullopt;
  return MailboxState{uint32_t(q.getColumn(0).getInt64()), uint32_t(q.getColumn(1).getInt64())};
}

void MailboxStateStore::Put(const std::string& mailbox, const MailboxState& s) {
  SQLite::Statement q(db_,
                      "INSERT INTO mailbox_state (mailbox, uidvalidity, last_uid) VALUES (?,?,?)"
                      " ON CONFLICT(mailbox) DO UPDATE SET uidvalidity = excluded.uidvalidity,"
                      " last_uid = excluded.last_uid");
  q.bind(1, mailbox);
  q.bind(2, int64_t(s.uidvalidity));
  q.bind(3, int64_t(s.last_uid));
  q.exec();
}

}  // namespace intaked
