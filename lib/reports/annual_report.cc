// SPDX-License-Identifier: GPL-3.0-or-later
#include "reports/annual_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "reports/stage_timeliness.h"

namespace intaked {
namespace {

std::string MonthOf(date::sys_days d) {
  const date::year_month_day ymd(d);
  return fmt::format("{:04}-{:02}", int(ymd.year()), unsigned(ymd.month()));
}

void Count(StageResult result, StageFigures& f) {
  switch (result) {
    case StageResult::kWithinTime:
      ++f.within_time;
      break;
    case StageResult::kByHoldingDate:
      ++f.by_holding_date;
      break;
    case StageResult::kLate:
      ++f.late;
      break;
    case StageResult::kAwaiting:
      ++f.awaiting;
      break;
    case StageResult::kOverdueNow:
      ++f.overdue_now;
      break;
    case StageResult::kEndedWithoutResponse:
      ++f.ended_without_response;
      break;
  }
}

// Stage One runs from receipt to the first written response; its holding letters are those
// sent before Stage Two started.
StageFacts StageOne(const ComplaintFacts& c) {
  StageFacts s;
  s.start = c.received_at;
  s.response = c.first_outcome;
  for (Instant sent : c.holding_letters) {
    if (!c.stage_two_start || sent < *c.stage_two_start) s.holding_letters.push_back(sent);
  }
  s.final_date = ParseIsoDate(c.respond_due);
  s.still_open = c.state == CaseState::kOpen && !c.stage_two_start;
  return s;
}

// Stage Two runs from its start to the reviewer's outcome; holding letters after its start.
StageFacts StageTwo(const ComplaintFacts& c) {
  StageFacts s;
  s.start = *c.stage_two_start;
  if (c.review_outcome && *c.review_outcome >= s.start) s.response = c.review_outcome;
  for (Instant sent : c.holding_letters) {
    if (sent >= s.start) s.holding_letters.push_back(sent);
  }
  s.final_date = ParseIsoDate(c.review_due);
  s.still_open = c.state == CaseState::kOpen;
  return s;
}

}  // namespace

std::string Percent(int part, int whole) {
  return whole ? fmt::format("{}%", (part * 100 + whole / 2) / whole) : "-";
}

AnnualReport ComputeAnnualReport(SQLite::Database& db, const ReportBasis& basis,
                                 date::sys_days from, date::sys_days to, Instant now) {
  const ReportFacts facts = LoadReportFacts(db, basis.zone.At(from, 0), basis.zone.EndOfDay(to));
  return SummariseReport(facts, basis, from, to, now);
}

AnnualReport SummariseReport(const ReportFacts& facts, const ReportBasis& basis,
                             date::sys_days from, date::sys_days to, Instant now) {
  AnnualReport r;
  r.organisation = basis.organisation;
  r.from = from;
  r.to = to;
  r.respond_days = basis.respond_days;
  r.review_days = basis.review_days;
  std::map<std::string, MonthCount> months;
  for (date::sys_days d = from; d <= to; d += date::days(1)) months[MonthOf(d)].month = MonthOf(d);
  const date::sys_days today = basis.zone.LocalDate(now);
  const StageClock one{basis.calendar, basis.zone, basis.respond_days};
  const StageClock two{basis.calendar, basis.zone, basis.review_days};

  for (const ComplaintFacts& c : facts.complaints) {
    if (c.state == CaseState::kVoid) {
      ++r.not_complaints;
      continue;
    }
    ++r.complaints;
    ++months[MonthOf(basis.zone.LocalDate(c.received_at))].complaints;
    if (c.anonymous) ++r.anonymous;
    if (c.state == CaseState::kClosed) ++r.closed;
    const StageFacts first = StageOne(c);
    Count(ClassifyStage(first, one, today), r.stage_one);
    r.stage_one.holding_letters += int(first.holding_letters.size());
    if (!c.stage_two_start) continue;
    ++r.independent_reviews;
    const StageFacts second = StageTwo(c);
    Count(ClassifyStage(second, two, today), r.stage_two);
    r.stage_two.holding_letters += int(second.holding_letters.size());
  }
  for (Instant received : facts.compliments) {
    ++r.compliments;
    ++months[MonthOf(basis.zone.LocalDate(received))].compliments;
  }
  for (auto& [key, m] : months) r.months.push_back(m);
  return r;
}

std::vector<FigureGroup> ReportFigures(const AnnualReport& r) {
  const auto figure = [](std::string key, std::string label, int value) {
    return ReportFigure{std::move(key), std::move(label), value, false, std::nullopt};
  };
  const auto part = [](std::string key, std::string label, int value,
                       std::optional<int> share_of = std::nullopt) {
    return ReportFigure{std::move(key), std::move(label), value, true, share_of};
  };
  const auto stage = [&](const StageFigures& s, const std::string& responses, int days,
                         const std::string& from, const std::string& ended) {
    const int all = s.responses();
    return std::vector<ReportFigure>{
        figure("responses", responses, all),
        part("within_time", fmt::format("within {} working days of {}", days, from), s.within_time,
             all),
        part("by_holding_date", "later, but by a holding letter's final date", s.by_holding_date,
             all),
        part("late", "late", s.late, all),
        figure("awaiting", "Awaiting, not yet due", s.awaiting),
        figure("overdue_now", "Awaiting, past the date given (overdue now)", s.overdue_now),
        figure("ended_without_response", ended, s.ended_without_response),
        figure("holding_letters", "Holding letters sent", s.holding_letters),
    };
  };
  return {
      {"",
       "Complaints",
       {figure("complaints", "Complaints received", r.complaints),
        part("anonymous", "made anonymously", r.anonymous),
        part("independent_reviews", "went to independent review", r.independent_reviews),
        part("closed", "closed", r.closed),
        figure("not_complaints", "Messages found not to be complaints (not counted above)",
               r.not_complaints)}},
      {"stage_one",
       fmt::format("Stage One: the written response, due within {} working days of receipt",
                   r.respond_days),
       stage(r.stage_one, "Written responses sent", r.respond_days, "receipt",
             "Closed, withdrawn or sent to review without one")},
      {"stage_two",
       fmt::format("Stage Two: the independent review, due within {} working days of its start",
                   r.review_days),
       stage(r.stage_two, "Review outcomes sent", r.review_days, "the review's start",
             "Closed without a review outcome")},
      {"", "Compliments", {figure("compliments", "Compliments received", r.compliments)}},
  };
}

}  // namespace intaked
