// ReminderLog: the reminders and overdue notices a case has had, as the
// admin's `show` lists them.
//
// Read-only. The rows are written by CaseStore::RecordReminder when
// DeadlineWatch decides a step (one row per case, deadline, due date and
// step, so each goes once); this reads them back for people.
#pragma once

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <cstdint>
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

 private:
  SQLite::Database& db_;
};

}  // namespace intaked
