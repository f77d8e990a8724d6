// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/reminder_log.h"

#include <SQLiteCpp/Statement.h>

namespace intaked {

std::vector<ReminderRecord> ReminderLog::OfCase(int64_t case_id) {
  SQLite::Statement q(
      db_, "SELECT deadline, due, step, at FROM reminders WHERE case_id = ? ORDER BY at");
  q.bind(1, case_id);
  std::vector<ReminderRecord> out;
  while (q.executeStep()) {
    out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                   q.getColumn(2).getString(),
                   std::chrono::sys_seconds(std::chrono::seconds(q.getColumn(3).getInt64()))});
  }
  return out;
}

std::set<std::string> ReminderLog::StepsDone(int64_t case_id, const std::string& deadline,
                                             const std::string& due) {
  SQLite::Statement q(db_,
                      "SELECT step FROM reminders WHERE case_id = ? AND deadline = ? AND due = ?");
  q.bind(1, case_id);
  q.bind(2, deadline);
  q.bind(3, due);
  std::set<std::string> out;
  while (q.executeStep()) out.insert(q.getColumn(0).getString());
  return out;
}

void ReminderLog::Record(int64_t case_id, const std::string& deadline, const std::string& due,
                         const std::string& step, std::chrono::sys_seconds at) {
  SQLite::Statement q(
      db_,
      "INSERT OR IGNORE INTO reminders (case_id, deadline, due, step, at, superseded)"
      " VALUES (?,?,?,?,?,0)");
  q.bind(1, case_id);
  q.bind(2, deadline);
  q.bind(3, due);
  q.bind(4, step);
  q.bind(5, int64_t(at.time_since_epoch().count()));
  q.exec();
}

}  // namespace intaked
