// SPDX-License-Identifier: GPL-3.0-or-later
// CaseStore: cases and their timelines in SQLite.
//
// Numbering is per year of receipt and allocated inside the caller's
// (IMMEDIATE) transaction, so two cases can never share a reference.
// Phases, states and event kinds are typed (procedure/case_lifecycle.h,
// store/case_event_kind.h); their names exist only in the rows. Methods throw
// SQLite::Exception (and std::runtime_error for a row this version cannot
// read); callers run them inside a transaction.
#pragma once

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "procedure/case_lifecycle.h"
#include "store/case_event_kind.h"

namespace intaked {

struct CaseRecord {
  int64_t id = 0;
  std::string reference;
  int year = 0;
  int seq = 0;
  CaseState state = CaseState::kOpen;
  Phase phase = Phase::kStageOne;
  CloseCause close_cause = CloseCause::kNone;
  bool reached_stage_two = false;  // ever went to the independent review
  std::string subject;
  std::string complainant_name;
  std::string complainant_email;
  bool anonymous = false;
  bool acknowledged = false;  // an acknowledgement went to the complainant by email
  std::string handler_email;
  std::vector<std::string> named_emails;
  std::chrono::sys_seconds received_at{};
  std::optional<std::chrono::sys_seconds> stage_two_at;  // when the review started
  std::string acknowledge_due;                           // YYYY-MM-DD
  std::string respond_due;                               // moved by a holding letter
  std::string appeal_due;
  std::string review_due;  // moved by a holding letter in Stage Two
  std::string thread_id;
  std::optional<std::chrono::sys_seconds> closed_at;

  bool open() const { return state == CaseState::kOpen; }
  bool Names(const std::string& email) const;
};

struct CaseEvent {
  std::chrono::sys_seconds at;
  CaseEventKind kind;
  Role actor = Role::kIntaked;
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
  // Every case of the complainant at `email` (ASCII case ignored), newest first.
  std::vector<CaseRecord> OfComplainant(const std::string& email);
  // Writes back every field that can change after opening.
  void Save(const CaseRecord& c);
  // `actor` is who caused it, as a role; intaked's own entries are Role::kIntaked.
  void AddEvent(int64_t case_id, std::chrono::sys_seconds at, CaseEventKind kind,
                const std::string& detail, Role actor = Role::kIntaked);
  std::vector<CaseEvent> Events(int64_t case_id);
  // How many of the case's events are of one of `kinds` and fall in [from, to].
  int CountEvents(int64_t case_id, const std::vector<CaseEventKind>& kinds,
                  std::chrono::sys_seconds from, std::chrono::sys_seconds to);
  // How many of the case's events are of `kind` and were caused by `actor`.
  int CountEventsBy(int64_t case_id, CaseEventKind kind, Role actor);

 private:
  SQLite::Database& db_;
};

}  // namespace intaked
