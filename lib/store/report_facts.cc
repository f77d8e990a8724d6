// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/report_facts.h"

#include "store/case_event_kind.h"

#include <SQLiteCpp/Statement.h>

#include <map>

namespace intaked {
namespace {

std::chrono::sys_seconds At(const SQLite::Column& c) {
  return std::chrono::sys_seconds(std::chrono::seconds(c.getInt64()));
}

void KeepFirst(std::optional<std::chrono::sys_seconds>& slot, std::chrono::sys_seconds at) {
  if (!slot || at < *slot) slot = at;
}

// Complaints received in the period, by case id (ids only index the events below).
std::map<int64_t, ComplaintFacts> Complaints(SQLite::Database& db, std::chrono::sys_seconds from,
                                             std::chrono::sys_seconds to) {
  SQLite::Statement q(db,
                      "SELECT id, state, stage, anonymous, received_at, respond_due, review_due"
                      " FROM cases WHERE kind = 'complaint' AND received_at BETWEEN ? AND ?");
  q.bind(1, int64_t(from.time_since_epoch().count()));
  q.bind(2, int64_t(to.time_since_epoch().count()));
  std::map<int64_t, ComplaintFacts> out;
  while (q.executeStep()) {
    ComplaintFacts& c = out[q.getColumn(0).getInt64()];
    const std::string state = q.getColumn(1).getString();
    c.state = ParseCaseState(state).value_or(CaseState::kClosed);
    c.reached_stage_two = q.getColumn(2).getInt() >= 2;
    c.anonymous = q.getColumn(3).getInt() != 0;
    c.received_at = At(q.getColumn(4));
    c.respond_due = q.getColumn(5).getString();
    c.review_due = q.getColumn(6).getString();
  }
  return out;
}

// The events that time each stage, for the same complaints.
void AddTimingEvents(SQLite::Database& db, std::chrono::sys_seconds from,
                     std::chrono::sys_seconds to, std::map<int64_t, ComplaintFacts>& complaints) {
  SQLite::Statement q(
      db,
      "SELECT e.case_id, e.kind, e.at FROM case_events e JOIN cases c ON c.id = e.case_id"
      " WHERE c.kind = 'complaint' AND c.received_at BETWEEN ? AND ?"
      " AND e.kind IN (?, ?, ?, ?, ?)"
      " ORDER BY e.at, e.id");
  q.bind(1, int64_t(from.time_since_epoch().count()));
  q.bind(2, int64_t(to.time_since_epoch().count()));
  int n = 3;
  for (CaseEventKind k : {CaseEventKind::kOutcome, CaseEventKind::kStageTwo,
                          CaseEventKind::kReviewOutcome, CaseEventKind::kHolding,
                          CaseEventKind::kReviewHolding})
    q.bind(n++, StorageName(k));
  while (q.executeStep()) {
    auto it = complaints.find(q.getColumn(0).getInt64());
    if (it == complaints.end()) continue;
    ComplaintFacts& c = it->second;
    const std::optional<CaseEventKind> kind = ParseCaseEventKind(q.getColumn(1).getString());
    const std::chrono::sys_seconds at = At(q.getColumn(2));
    if (kind == CaseEventKind::kOutcome)
      KeepFirst(c.first_outcome, at);
    else if (kind == CaseEventKind::kStageTwo)
      KeepFirst(c.stage_two_start, at);
    else if (kind == CaseEventKind::kReviewOutcome)
      KeepFirst(c.review_outcome, at);
    else
      c.holding_letters.push_back(at);
  }
}

std::vector<std::chrono::sys_seconds> Compliments(SQLite::Database& db,
                                                  std::chrono::sys_seconds from,
                                                  std::chrono::sys_seconds to) {
  SQLite::Statement q(db,
                      "SELECT received_at FROM messages WHERE kind = 'compliment'"
                      " AND received_at BETWEEN ? AND ? ORDER BY received_at");
  q.bind(1, int64_t(from.time_since_epoch().count()));
  q.bind(2, int64_t(to.time_since_epoch().count()));
  std::vector<std::chrono::sys_seconds> out;
  while (q.executeStep()) out.push_back(At(q.getColumn(0)));
  return out;
}

}  // namespace

ReportFacts LoadReportFacts(SQLite::Database& db, std::chrono::sys_seconds from,
                            std::chrono::sys_seconds to) {
  std::map<int64_t, ComplaintFacts> complaints = Complaints(db, from, to);
  AddTimingEvents(db, from, to, complaints);
  ReportFacts facts;
  for (auto& [id, c] : complaints) facts.complaints.push_back(std::move(c));
  facts.compliments = Compliments(db, from, to);
  return facts;
}

}  // namespace intaked
