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

}  // namespace intaked
