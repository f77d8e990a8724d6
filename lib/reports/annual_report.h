// SPDX-License-Identifier: GPL-3.0-or-later
// AnnualReport: the numbers the policy promises to report to the membership
// each year - complaints and compliments received, how they were dealt with,
// and whether each stage was answered in time - with no personal data at all.
//
// Timeliness is measured from receipt (Stage One) and from the start of the
// review (Stage Two), never from a date a holding letter moved; see
// stage_timeliness.h. The facts come from the store (LoadReportFacts: counts
// survive erasure and the retention purge); everything here is pure.
//
// ReportFigures() is the one list of what the report says: the text, JSON and
// HTML renderings all print exactly those figures, in that order. The HTML
// page is built from the compiled-in template templates/annual_report_html.
#pragma once

#include <SQLiteCpp/Database.h>
#include <date/date.h>

#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "calendar/local_zone.h"
#include "calendar/working_day_calendar.h"
#include "store/report_facts.h"

namespace intaked {

// What the figures are measured against.
struct ReportBasis {
  std::string organisation;
  const WorkingDayCalendar& calendar;
  const LocalZone& zone;
  int respond_days = 30;  // Stage One: working days from receipt
  int review_days = 30;   // Stage Two: working days from its start
};

// One stage's complaints, each in exactly one of the first six buckets.
struct StageFigures {
  int within_time = 0;
  int by_holding_date = 0;
  int late = 0;
  int awaiting = 0;     // no response yet, not yet due
  int overdue_now = 0;  // no response yet, past the (possibly moved) date
  int ended_without_response = 0;
  int holding_letters = 0;  // sent in this stage
  int responses() const { return within_time + by_holding_date + late; }
  int total() const { return responses() + awaiting + overdue_now + ended_without_response; }
};

struct MonthCount {
  std::string month;  // "2026-11"
  int complaints = 0;
  int compliments = 0;
};

struct AnnualReport {
  std::string organisation;
  date::sys_days from, to;  // inclusive local dates
  int respond_days = 30, review_days = 30;
  int complaints = 0;  // received in the period, not counting voided ones
  int anonymous = 0;
  int not_complaints = 0;  // voided as not a complaint, not counted above
  int independent_reviews = 0;
  int closed = 0;
  int compliments = 0;
  StageFigures stage_one, stage_two;
  std::vector<MonthCount> months;
};

AnnualReport ComputeAnnualReport(SQLite::Database& db, const ReportBasis& basis,
                                 date::sys_days from, date::sys_days to, Instant now);
// The same from facts already read (pure).
AnnualReport SummariseReport(const ReportFacts& facts, const ReportBasis& basis,
                             date::sys_days from, date::sys_days to, Instant now);

// A figure the report states: `key` names it in JSON (within its group) and in the HTML.
struct ReportFigure {
  std::string key;
  std::string label;
  int value = 0;
  bool part = false;            // a part of the figure above it (shown indented)
  std::optional<int> share_of;  // also shown as a percentage of this whole
};
struct FigureGroup {
  std::string key;  // the JSON object holding the figures; "" for the top level
  std::string title;
  std::vector<ReportFigure> figures;
};
std::vector<FigureGroup> ReportFigures(const AnnualReport& r);

std::string RenderReportText(const AnnualReport& r);
std::string RenderReportJson(const AnnualReport& r);
std::string RenderReportHtml(const AnnualReport& r);

// "70%" of a whole, rounded; "-" when the whole is nothing.
std::string Percent(int part, int whole);

}  // namespace intaked
