// SPDX-License-Identifier: GPL-3.0-or-later
// ReportFacts: what the annual report is computed from, read in one go.
//
// For each complaint received in a period: its state and stage, whether it was
// made anonymously, when it arrived, its due dates as they stand now (holding
// letters move them), and the times of the events that decide whether each
// stage was answered in time - the first Stage One response, the start of
// Stage Two, the review's outcome and every holding letter. Plus the receipt
// times of compliments. No personal data is read. This is the store's side of
// the report; deciding what counts as "in time" is lib/reports' job.
// Throws SQLite::Exception; read-only, so any transaction (or none) will do.
#pragma once

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "procedure/case_lifecycle.h"

namespace intaked {

struct ComplaintFacts {
  CaseState state = CaseState::kOpen;
  bool reached_stage_two = false;
  bool anonymous = false;
  std::chrono::sys_seconds received_at{};
  std::string respond_due;  // YYYY-MM-DD as it stands now (a holding letter moves it)
  std::string review_due;   // likewise for Stage Two; empty before it
  std::optional<std::chrono::sys_seconds> first_outcome;    // first "outcome" event
  std::optional<std::chrono::sys_seconds> stage_two_start;  // first "stage_two" event
  std::optional<std::chrono::sys_seconds> review_outcome;   // first "review_outcome" event
  // "holding" and "review_holding" events, oldest first.
  std::vector<std::chrono::sys_seconds> holding_letters;
};

struct ReportFacts {
  std::vector<ComplaintFacts> complaints;             // received in the period, voided ones too
  std::vector<std::chrono::sys_seconds> compliments;  // receipt times, in the period
};

// Facts for complaints and compliments received in [from, to] (both inclusive).
ReportFacts LoadReportFacts(SQLite::Database& db, std::chrono::sys_seconds from,
                            std::chrono::sys_seconds to);

}  // namespace intaked
