// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/schedule_ledger.h"

#include <SQLiteCpp/Statement.h>

namespace intaked {

bool ScheduleLedger::IsDue(const std::string& key) {
  SQLite::Statement q(db_, "SELECT 1 FROM schedule WHERE key = ?");
  q.bind(1, key);
  return !q.executeStep();
}

void ScheduleLedger::MarkDone(const std::string& key, std::chrono::sys_seconds now) {
  SQLite::Statement q(db_, "INSERT OR IGNORE INTO schedule (key, at) VALUES (?, ?)");
  q.bind(1, key);
  q.bind(2, int64_t(now.time_since_epoch().count()));
  q.exec();
}

}  // namespace intaked
