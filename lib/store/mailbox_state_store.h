// SPDX-License-Identifier: GPL-3.0-or-later
// MailboxStateStore: per folder, its UIDVALIDITY and the highest UID processed.
//
// Written in the same transaction as the processing of each message, so that
// after a crash intake resumes exactly after the last committed message.
#pragma once

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>

namespace intaked {

struct MailboxState {
  uint32_t uidvalidity = 0;
  uint32_t last_uid = 0;
};

class MailboxStateStore {
 public:
  explicit MailboxStateStore(SQLite::Database& db) : db_(db) {}
  std::optional<MailboxState> Get(const std::string& mailbox);
  void Put(const std::string& mailbox, const MailboxState& state);

 private:
  SQLite::Database& db_;
};

}  // namespace intaked
