// SPDX-License-Identifier: GPL-3.0-or-later
// MessageAttempts: which message intaked had in hand when it last stopped.
//
// A message that crashes the process (a signal, running out of memory, the
// watchdog) never commits, so after a restart it is fetched again - and would
// kill the service again, for ever. Before processing a message the cycle
// notes the attempt here, in a commit of its own; the transaction that
// records the message as done clears the note. A note that is still there at
// the next attempt is a start that never finished: after two, the message is
// set aside (MessageLog kind "unprocessable") and the cycle goes on.
//
// The note is written with synchronous=NORMAL: it must survive the process,
// not the machine, and so costs a write() but no fsync per message.
// Methods throw SQLite::Exception.
#pragma once

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <cstdint>
#include <string>

namespace intaked {

class MessageAttempts {
 public:
  explicit MessageAttempts(SQLite::Database& db) : db_(db) {}

  // Notes a start on (mailbox, uidvalidity, uid) in its own commit; returns
  // how many earlier starts on it never finished. Not inside a transaction.
  int Begin(const std::string& mailbox, uint32_t uidvalidity, uint32_t uid,
            std::chrono::sys_seconds now);
  // Clears the note; call inside the transaction that records the message.
  void Finish(const std::string& mailbox, uint32_t uidvalidity, uint32_t uid);

 private:
  SQLite::Database& db_;
};

}  // namespace intaked
