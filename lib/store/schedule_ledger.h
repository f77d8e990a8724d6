// SPDX-License-Identifier: GPL-3.0-or-later
// ScheduleLedger: what intaked has done by the calendar, one key each -
// "digest:<email>:<ISO week>", "annual:<year>", "retention:<date>".
//
// ScheduledMail asks whether an item is due and marks it done in the same
// transaction as the mail it sends, so each happens exactly once however many
// cycles run, and is caught up after downtime. The keys hold no personal data
// beyond a co-chair's address. Runs inside the caller's transaction.
#pragma once

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <string>

namespace intaked {

class ScheduleLedger {
 public:
  explicit ScheduleLedger(SQLite::Database& db) : db_(db) {}

  // True until MarkDone(key) has been committed.
  bool IsDue(const std::string& key);
  // Records `key` as done at `now`; marking it again changes nothing.
  void MarkDone(const std::string& key, std::chrono::sys_seconds now);

 private:
  SQLite::Database& db_;
};

}  // namespace intaked
