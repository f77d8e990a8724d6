// SPDX-License-Identifier: GPL-3.0-or-later
#include "year_simulation_audit.h"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "calendar/local_zone.h"
#include "procedure/deadlines.h"
#include "store/case_store.h"
#include "year_simulation_schedule.h"

namespace intaked {
namespace {

int64_t Secs(Instant t) { return int64_t(t.time_since_epoch().count()); }

class Auditor {
 public:
  Auditor(const SimulatedYear& year, std::vector<std::string>& violations)
      : year_(year),
        ctx_(year.ctx()),
        cal_(year.ctx().calendar),
        db_(year.db()),
        bad_(violations) {}

  YearCounts Run() {
    for (CaseRecord& c : CaseStore(db_).List(false)) cases_.push_back(std::move(c));
    for (const CaseRecord& c : cases_) events_[c.id] = CaseStore(db_).Events(c.id);
    People();
    Letters();
    ScheduleAudit(year_, cases_, events_, n_, bad_).Run();
    Timelines();
    Named();
    Report();
    return n_;
  }

 private:
  int64_t Count(const std::string& sql) const { return db_.execAndGet(sql).getInt64(); }

  void People() {
    n_.complaints = int(cases_.size());
    for (const SimCase& c : year_.cases()) {
      ++n_.handler_ways[int(c.handler_way)];
      if (c.handler_way == HandlerWay::kNever) ++n_.fallback_ways[int(c.fallback_way)];
      if (c.review_request.known()) ++n_.reviewer_ways[int(c.reviewer_way)];
      n_.naming_one += c.names == 1;
      n_.naming_both += c.names == 2;
    }
  }

  void Letters();
  void Timelines();
  void HeldAfterTheDatePassed(const CaseRecord& c);
  void Named();
  void Report();

  const SimulatedYear& year_;
  const ProcedureContext& ctx_;
  const WorkingDayCalendar& cal_;
  SQLite::Database& db_;
  std::vector<std::string>& bad_;
  YearCounts n_;
  std::vector<CaseRecord> cases_;
  std::map<int64_t, std::vector<CaseEvent>> events_;
};

// What was sent, by kind; no complainant has two late letters in one day.
void Auditor::Letters() {
  n_.letters = int(year_.sent().size());
  n_.reminders = int(Count("SELECT COUNT(*) FROM outbox WHERE purpose = 'reminder'"));
  n_.overdue_notices = int(Count("SELECT COUNT(*) FROM outbox WHERE purpose = 'overdue_notice'"));
  n_.late_letters = int(Count("SELECT COUNT(*) FROM outbox WHERE purpose = 'complainant_delay'"));
  n_.holding_letters = int(Count("SELECT COUNT(*) FROM outbox WHERE purpose = 'holding_letter'"));
  std::set<std::pair<int64_t, date::sys_days>> late_days;
  SQLite::Statement late(db_,
                         "SELECT case_id, created_at FROM outbox WHERE purpose = "
                         "'complainant_delay'");
  while (late.executeStep()) {
    const Instant at{std::chrono::seconds(late.getColumn(1).getInt64())};
    n_.late_letters_same_day +=
        !late_days.emplace(late.getColumn(0).getInt64(), ctx_.zone.LocalDate(at)).second;
  }
}

// Holding letters by role, refusals by kind of attempt, and what the fallback took over -
// from the timelines.
void Auditor::Timelines() {
  const auto at_same_time = [&](int64_t id, Instant at, const char* purpose) {
    return Count(fmt::format("SELECT COUNT(*) FROM outbox WHERE case_id = {} AND created_at = {}"
                             " AND purpose = '{}'",
                             id, Secs(at), purpose)) > 0;
  };
  for (const CaseRecord& c : cases_) {
    std::map<std::pair<CaseEventKind, Role>, int> holdings;
    bool tried_in_review = false;
    HeldAfterTheDatePassed(c);
    for (const CaseEvent& e : events_[c.id]) {
      if (e.kind == CaseEventKind::kHolding || e.kind == CaseEventKind::kReviewHolding) {
        const int n = ++holdings[{e.kind, e.actor}];
        if (e.actor == Role::kHandler || e.actor == Role::kReviewer)
          n_.max_holding_by_limited_role = std::max(n_.max_holding_by_limited_role, n);
        n_.holding_by_handler += e.actor == Role::kHandler;
        n_.holding_by_reviewer += e.actor == Role::kReviewer;
        n_.holding_by_fallback += e.actor == Role::kFallback;
      }
      // The fallback taking over a co-chair's case (on a case naming every co-chair it is the
      // handler, and acts as the fallback from the start).
      if (e.actor == Role::kFallback && c.handler_email != "steering@pacts.test") {
        n_.fallback_outcomes += e.kind == CaseEventKind::kOutcome;
        n_.fallback_holdings += e.kind == CaseEventKind::kHolding;
        n_.fallback_reassigns += e.kind == CaseEventKind::kReassigned;
      }
      if (e.kind != CaseEventKind::kRefused) continue;
      const auto says = [&](const char* s) { return e.detail.find(s) != std::string::npos; };
      const bool holding = says("#holding");
      if (says("independent review has started") && says("#close")) {
        ++n_.refused_close_in_review, tried_in_review = true;
      } else if (says("independent review has started") && says("#not-complaint")) {
        ++n_.refused_void_in_review, tried_in_review = true;
      } else if (holding && says("already been sent")) {
        ++n_.refused_second_holding;
      } else if (holding && says("original response date")) {
        ++n_.refused_late_holding;
      } else {
        ++n_.refused_other;
        bad_.push_back("case " + c.reference + ": an unexpected refusal: " + e.detail);
      }
      n_.refusals_answered += at_same_time(c.id, e.at, "command_error");
      if (holding)
        n_.fallback_told_of_refused_holding += at_same_time(c.id, e.at, "holding_refused_notice");
    }
    // The review the handler tried to end went on: still open, or ended by the reviewer.
    if (tried_in_review &&
        ((c.open() && c.phase == Phase::kStageTwo) || c.close_cause == CloseCause::kReviewComplete))
      ++n_.stayed_in_review;
  }
}

// A Stage One response the report counts "by a holding letter's final date" although every
// holding letter before it went after the original date had passed (the fallback's).
void Auditor::HeldAfterTheDatePassed(const CaseRecord& c) {
  const Instant date_passed =
      WorkingDaysAfter(cal_, ctx_.zone, c.received_at, ctx_.config.respond_days).at;
  std::optional<Instant> response;
  std::vector<Instant> holdings;
  for (const CaseEvent& e : events_[c.id]) {
    if (e.kind == CaseEventKind::kOutcome && !response) response = e.at;
    if (e.kind == CaseEventKind::kHolding && (!response || e.at < *response))
      holdings.push_back(e.at);
  }
  if (!response || *response <= date_passed || holdings.empty()) return;
  if (ctx_.zone.LocalDate(*response) > *ParseIsoDate(c.respond_due)) return;
  n_.held_after_date_passed +=
      std::all_of(holdings.begin(), holdings.end(), [&](Instant h) { return h > date_passed; });
}

// Nothing about a case ever reaches a co-chair it names: no letter, no digest line.
void Auditor::Named() {
  for (const SentMail& s : year_.sent()) {
    for (const CaseRecord& c : cases_) {
      if (!c.Names(s.to)) continue;
      if (s.message.subject.find(c.reference) == std::string::npos &&
          s.message.body.find(c.reference) == std::string::npos)
        continue;
      ++n_.letters_to_named;
      bad_.push_back("case " + c.reference + " names " + s.to + ", who was sent '" +
                     s.message.subject + "'");
    }
  }
}

void Auditor::Report() {
  const Config& cfg = ctx_.config;
  n_.report =
      ComputeAnnualReport(db_,
                          {.organisation = cfg.organisation_name,
                           .calendar = cal_,
                           .zone = ctx_.zone,
                           .respond_days = cfg.respond_days,
                           .review_days = cfg.review_days},
                          *ParseIsoDate("2027-01-01"), *ParseIsoDate("2027-12-31"), year_.now());
}

}  // namespace

YearCounts AuditYear(const SimulatedYear& year, std::vector<std::string>* violations) {
  return Auditor(year, *violations).Run();
}

}  // namespace intaked
