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
  void AddEvent(int64_t case_id, std::chrono::sys_seconds at, const std::string& kind,
                const std::string& detail);

 private:
  SQLite::Database& db_;
};

}  // namespace intaked
