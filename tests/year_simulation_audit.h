// SPDX-License-Identifier: GPL-3.0-or-later
// YearAudit: what the policy promises, counted from what intaked stored (the
// case timelines, the reminder ledger, the outbox) and sent after a
// SimulatedYear has run - and every place it broke a promise.
//
// The schedule is checked against an oracle written from docs/PROCEDURE.md (Reminders and overdue notices), not from
// the code: for every date a case waited on (its response or review date, as
// each holding letter moved it) and every cycle that ran while it waited, the
// step due that day - a reminder, an overdue notice, the complainant's late
// letter - must have been recorded then, and nothing else. After downtime only
// the latest step that fell due goes.
//
// Counts are plain ints so the test can both assert and print them; a broken
// promise is a sentence in `violations` naming the case and the date.
#pragma once

#include <string>
#include <vector>

#include "reports/annual_report.h"
#include "year_simulation_people.h"

namespace intaked {

struct YearCounts {
  // The people
  int complaints = 0, naming_one = 0, naming_both = 0;
  int handler_ways[7] = {};   // by HandlerWay
  int fallback_ways[4] = {};  // by FallbackWay, among handlers who never answer
  int reviewer_ways[4] = {};  // by ReviewerWay, among reviews that started
  // The schedule (oracle)
  int dates_waited_on = 0;            // response and review dates cases waited on
  int dates_passed = 0;               // ...that passed with the case still waiting
  int passed_in_downtime = 0;         // ...the date and the working day after both in downtime
  int steps_skipped_in_downtime = 0;  // reminder steps due while down, superseded
  int schedule_mismatches = 0;        // steps recorded other than the oracle says
  int duplicate_steps = 0;            // a ledger step recorded twice
  // Letters
  int letters = 0, reminders = 0, overdue_notices = 0, late_letters = 0;
  int max_notices_per_date = 0;   // to one person, for one date of one case
  int unledgered_letters = 0;     // reminders/notices/late letters with no ledger step
  int late_letters_same_day = 0;  // a complainant's second late letter on one day
  int stuck_listings = 0;         // stuck cases listed at the top of a digest
  int stuck_missing = 0;          // ...missing from a digest, or listed there before their time
  // Holding letters and refusals
  int holding_by_handler = 0, holding_by_reviewer = 0, holding_by_fallback = 0;
  int max_holding_by_limited_role = 0;  // per case and stage, from the handler or reviewer
  int holding_letters = 0;              // holding letters that reached the complainant
  int refused_close_in_review = 0, refused_void_in_review = 0;
  int refused_late_holding = 0, refused_second_holding = 0, refused_other = 0;
  int refusals_answered = 0;  // the sender told why
  int fallback_told_of_refused_holding = 0;
  int stayed_in_review = 0;  // cases whose review the handler tried to end
  int fallback_outcomes = 0, fallback_holdings = 0, fallback_reassigns = 0;
  // Named co-chairs
  int letters_to_named = 0;
  // The annual report for 2027
  AnnualReport report;
  // Stage One responses it counts "by a holding letter's final date" where every holding
  // letter before the response went after the original date had passed.
  int held_after_date_passed = 0;
};

// Audits `year` (which has run); appends every broken promise to `violations`.
YearCounts AuditYear(const SimulatedYear& year, std::vector<std::string>* violations);

}  // namespace intaked
