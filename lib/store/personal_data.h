// PersonalData: everything intaked holds about a person, for subject access
// (export) and erasure, and the retention purge that erases closed cases
// after `retention.years` (SPEC §2.6).
//
// Erasure keeps what reports count - that a complaint or compliment was
// received, when, its stage, whether deadlines were met - and removes who,
// what they wrote, and every letter's content. Runs in the caller's
// transaction; throws SQLite::Exception on storage failure.
#pragma once

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <string>
#include <vector>

namespace intaked {

struct HeldMessage {
  std::string message_id;
  std::string raw;  // the original .eml bytes
};

struct PersonalRecord {
  std::string json;                   // cases, timelines and letters, as JSON
  std::vector<HeldMessage> messages;  // their original messages
};

class PersonalData {
 public:
  explicit PersonalData(SQLite::Database& db) : db_(db) {}

  PersonalRecord Export(const std::string& email);
  // Erases `email` everywhere; returns how many cases it touched.
  int EraseEmail(const std::string& email, std::chrono::sys_seconds now);
  // Erases one case's personal data (and its messages and letters).
  void EraseCase(int64_t case_id, std::chrono::sys_seconds now, const std::string& why);
  // Erases every case closed before `cutoff` not yet purged; returns how many.
  int PurgeClosedBefore(std::chrono::sys_seconds cutoff, std::chrono::sys_seconds now);

 private:
  SQLite::Database& db_;
};

// JSON string escaping (the export and the reports write JSON by hand).
std::string JsonString(const std::string& s);

}  // namespace intaked
