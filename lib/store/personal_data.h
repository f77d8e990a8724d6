// SPDX-License-Identifier: GPL-3.0-or-later
// PersonalData: everything intaked holds about a person, for subject access
// (export) and erasure, and the retention purge that erases closed cases
// after `retention.years` (docs/ADMIN.md, "Personal data"). Where that data lives is listed once,
// in PersonalDataMap; every operation here reads that list.
//
// Erasure keeps what reports count - that a complaint or compliment was
// received, when, its stage, whether deadlines were met - and removes who,
// what they wrote, and every letter's content. It runs in the caller's
// transaction and throws SQLite::Exception on storage failure. Erased words
// are zeroed in the database's pages (secure_delete), but older copies of
// those pages stay in the WAL until the caller empties it after committing
// (EmptyWriteAheadLog in database.h).
#pragma once

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace intaked {

struct ExportFile {
  std::string name;  // "message-001.eml", "letter-001.eml"
  std::string bytes;
};

struct PersonalRecord {
  std::string json;               // cases, timelines, messages and letters, as JSON
  std::vector<ExportFile> files;  // the original messages and the letters, one file each
};

// What an erasure changed: cases whose personal data it erased, and rows in all.
struct ErasureCount {
  int cases = 0;
  int rows = 0;
};

class PersonalData {
 public:
  explicit PersonalData(SQLite::Database& db);

  PersonalRecord Export(const std::string& email);
  // Erases `email` everywhere: their cases, what they sent, letters to and about them. Nothing
  // changed (zero rows) means nothing was held about them.
  ErasureCount EraseEmail(const std::string& email, std::chrono::sys_seconds now);
  // Erases one case's personal data, its messages and letters, and the digests that list it.
  // A case erased before counts as no case.
  ErasureCount EraseCase(int64_t case_id, std::chrono::sys_seconds now, const std::string& why);
  // Erases every case closed before `cutoff`, and everything belonging to no case (compliments,
  // their letters, digests, unprocessable mail) dated before it.
  ErasureCount PurgeClosedBefore(std::chrono::sys_seconds cutoff, std::chrono::sys_seconds now);

 private:
  ErasureCount EraseCases(const std::vector<int64_t>& cases, const std::string* email,
                          std::chrono::sys_seconds now, const std::string& why);

  SQLite::Database& db_;
};

// Whether `text` holds `email` as a whole address (any case; "spat@x" is not "pat@x").
// Linear in the text.
bool MentionsAddress(std::string_view text, std::string_view email);

// Adds the SQL function mentions_address(text, email) that PersonalDataMap's conditions use;
// OpenDatabase calls it for every connection.
void RegisterPersonalDataFunctions(SQLite::Database& db);

// JSON string escaping (the export and the reports write JSON by hand).
std::string JsonString(const std::string& s);

}  // namespace intaked
