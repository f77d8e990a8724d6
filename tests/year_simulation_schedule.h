// SPDX-License-Identifier: GPL-3.0-or-later
// ScheduleAudit: the year simulation's oracle for docs/PROCEDURE.md (Reminders and overdue notices)'s schedule -
// reminders, overdue notices, the complainant's late letters and the stuck
// cases at the top of the weekly digests - written from the SPEC, not from
// intaked's code.
//
// From the case timelines it rebuilds every date a case waited on (its
// response or review date, as each holding letter moved it) and while. For
// every cycle that ran while a case waited, the step that date called for
// that day - the latest one due, so after downtime the missed ones are not
// sent late - must be in the reminder ledger at that cycle, with exactly its
// letters, and nothing else may be. Counts go into YearCounts, each broken
// promise into `violations`. Reads the year's database; writes nothing.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "store/case_store.h"
#include "year_simulation_audit.h"

namespace intaked {

class ScheduleAudit {
 public:
  ScheduleAudit(const SimulatedYear& year, const std::vector<CaseRecord>& cases,
                const std::map<int64_t, std::vector<CaseEvent>>& events, YearCounts& counts,
                std::vector<std::string>& violations);

  void Run();

 private:
  // One date a case waited on, and while: from the event that set it until the one that
  // ended the wait (a response, Stage Two, closing, a holding letter's new date).
  struct Wait {
    const CaseRecord* c;
    std::string deadline;  // the ledger's name: "respond" | "review"
    date::sys_days due;
    Instant from;
    Instant until = Instant::max();
    bool active_at(Instant t) const { return from <= t && t < until; }
  };
  // A cycle that ran; `sends` when reminders may go in it (a working day, at or after the hour).
  struct RanCycle {
    Instant at;
    date::sys_days day;
    bool sends;
  };
  // (case, deadline, due, step, at): a ledger row.
  using Step = std::tuple<int64_t, std::string, std::string, std::string, int64_t>;

  int Between(date::sys_days from, date::sys_days to) const;  // working days in (from, to]
  date::sys_days Before(date::sys_days day, int n) const;
  std::optional<std::string> StepOn(date::sys_days due, date::sys_days day) const;
  date::sys_days ScheduledDay(date::sys_days due, const std::string& step) const;
  std::string Reference(int64_t case_id) const;
  void BuildWaits();
  void Expect(const Wait& w, std::set<Step>& expected);
  void Ledger();
  void LettersOfSteps();
  void Digests();

  const SimulatedYear& year_;
  const ProcedureContext& ctx_;
  const WorkingDayCalendar& cal_;
  SQLite::Database& db_;
  const std::vector<CaseRecord>& cases_;
  const std::map<int64_t, std::vector<CaseEvent>>& events_;
  YearCounts& n_;
  std::vector<std::string>& bad_;
  std::vector<Wait> waits_;
  std::vector<RanCycle> cycles_;  // in time order
  date::sys_days base_;
  std::vector<int> index_;  // working days from base_ to each day
};

}  // namespace intaked
