// AnnualReport: the numbers the policy promises to report to the membership
// each year - complaints and compliments received, how they were dealt with,
// whether deadlines were met - with no personal data at all.
//
// Computed from the store (counts survive erasure and the retention purge);
// rendered as text, JSON, or a self-contained HTML page with inline SVG charts.
#pragma once

#include <SQLiteCpp/Database.h>
#include <date/date.h>

#include <string>
#include <vector>

#include "calendar/local_zone.h"

namespace intaked {

struct MonthCount {
  std::string month;  // "2026-11"
  int complaints = 0;
  int compliments = 0;
};

struct AnnualReport {
  std::string organisation;
  date::sys_days from, to;  // inclusive local dates
  int complaints = 0;
  int compliments = 0;
  int anonymous = 0;
  int not_complaints = 0;     // voided, not counted above
  int responded = 0;          // Stage One responses sent
  int responded_on_time = 0;  // by the (possibly moved) final date
  int holding_letters = 0;
  int awaiting_response = 0;  // no response yet
  int overdue_now = 0;        // of those, past their date
  int stage_two = 0;
  int closed = 0;
  std::vector<MonthCount> months;
};

AnnualReport ComputeAnnualReport(SQLite::Database& db, const LocalZone& zone,
                                 const std::string& organisation, date::sys_days from,
                                 date::sys_days to, Instant now);

std::string RenderReportText(const AnnualReport& r);
std::string RenderReportJson(const AnnualReport& r);
std::string RenderReportHtml(const AnnualReport& r);

}  // namespace intaked
