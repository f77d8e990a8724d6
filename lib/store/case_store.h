// CaseStore: cases and their timelines in SQLite.
//
// Numbering is per year of receipt and allocated inside the caller's
// (IMMEDIATE) transaction, so two cases can never share a reference.
// Methods throw SQLite::Exception; callers run them inside a transaction.
#pragma once

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace intaked {

struct CaseRecord {
  int64_t id = 0;
  std::string reference;
  int year = 0;
  int seq = 0;
  std::string kind = "complaint";
  std::string state = "open";
  int stage = 1;
  std::string subject;
  std::string complainant_name;
  std::string complainant_email;
  bool anonymous = false;
  std::string handler_email;
  std::vector<std::string> named_emails;
  std::chrono::sys_seconds received_at{};
  std::string acknowledge_due;  // YYYY-MM-DD
  std::string respond_due;
  std::string phase = "stage1";  // stage1 | appeal | stage2 | done
  std::string appeal_due;
  std::string review_due;
  std::string thread_id;
  std::string close_reason;
  std::optional<std::chrono::sys_seconds> closed_at;

  bool open() const { return state == "open"; }
  bool Names(const std::string& email) const;
};

struct CaseEvent {
  std::chrono::sys_seconds at;
  std::string kind;
  std::string detail;
};

class CaseStore {
 public:
  explicit CaseStore(SQLite::Database& db) : db_(db) {}

  int NextSequence(int year);
  // Inserts `c` (its id is filled in).
  void Create(CaseRecord& c);
  std::optional<CaseRecord> FindById(int64_t id);
  std::optional<CaseRecord> FindByReference(const std::string& reference);
  int OpenCasesHandledBy(const std::string& email);
  std::vector<CaseRecord> List(bool open_only);
  // Writes back every field that can change after opening.
  void Save(const CaseRecord& c);
  void AddEvent(int64_t case_id, std::chrono::sys_seconds at, const std::string& kind,
                const std::string& detail);
  std::vector<CaseEvent> Events(int64_t case_id);
  // How many of the case's events are of one of `kinds` and fall in [from, to].
  int CountEvents(int64_t case_id, const std::vector<std::string>& kinds,
                  std::chrono::sys_seconds from, std::chrono::sys_seconds to);

  // The reminder ledger: steps already decided for a deadline date.
  std::set<std::string> RemindersDone(int64_t case_id, const std::string& deadline,
                                      const std::string& due);
  void RecordReminder(int64_t case_id, const std::string& deadline, const std::string& due,
                      const std::string& step, std::chrono::sys_seconds at, bool superseded);

 private:
  SQLite::Database& db_;
};

}  // namespace intaked
