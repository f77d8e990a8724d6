// SPDX-License-Identifier: GPL-3.0-or-later
// ReminderLog: the ledger of reminders, overdue notices and late letters a
// case has had - one row per case, deadline, due date and step, so each step
// goes once however many cycles run (DeadlineWatch writes and reads it), and
// the admin's `show` lists them. Methods throw SQLite::Exception; callers
// run them inside their transaction.
#pragma once

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace intaked {

struct ReminderRecord {
  std::string deadline;  // respond | review
  std::string due;       // the deadline's date (YYYY-MM-DD) when the step was decided
  std::string step;      // before-5 | due | overdue-1 ...
  std::chrono::sys_seconds at;
};

class ReminderLog {
 public:
  explicit ReminderLog(SQLite::Database& db) : db_(db) {}

  // Every reminder step of case `case_id`, in the order they were decided.
  std::vector<ReminderRecord> OfCase(int64_t case_id);
  // The steps already taken for `deadline` ("respond", "review", "acknowledge",
  // "respond-late", ...) while it stood at `due`.
  std::set<std::string> StepsDone(int64_t case_id, const std::string& deadline,
                                  const std::string& due);
  void Record(int64_t case_id, const std::string& deadline, const std::string& due,
              const std::string& step, std::chrono::sys_seconds at);

 private:
  SQLite::Database& db_;
};

}  // namespace intaked
