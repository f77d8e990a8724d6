// SPDX-License-Identifier: GPL-3.0-or-later
// The annual report as plain text (the co-chairs' email, the terminal) and as JSON: both print
// ReportFigures() and the months, nothing else.
#include <fmt/format.h>

#include "reports/annual_report.h"
#include "store/personal_data.h"

namespace intaked {
namespace {

constexpr int kLabelWidth = 58;

std::string TextLine(const ReportFigure& f) {
  const std::string label = std::string(f.part ? "    " : "  ") + f.label;
  std::string line = fmt::format("{:<{}}{:>5}", label, kLabelWidth, f.value);
  if (f.share_of && *f.share_of > 0) line += fmt::format("  ({})", Percent(f.value, *f.share_of));
  return line + "\n";
}

std::string JsonFigures(const std::vector<ReportFigure>& figures) {
  std::string out;
  for (const ReportFigure& f : figures)
    out += fmt::format("{}{}: {}", out.empty() ? "" : ", ", JsonString(f.key), f.value);
  return out;
}

}  // namespace

std::string RenderReportText(const AnnualReport& r) {
  std::string out = fmt::format("{} - complaints and compliments, {} to {}\n", r.organisation,
                                FormatDateForPeople(r.from), FormatDateForPeople(r.to));
  for (const FigureGroup& g : ReportFigures(r)) {
    out += "\n" + g.title + "\n";
    for (const ReportFigure& f : g.figures) out += TextLine(f);
  }
  out += "\nMonth      Complaints  Compliments\n";
  for (const MonthCount& m : r.months)
    out += fmt::format("{:<10} {:>10}  {:>11}\n", m.month, m.complaints, m.compliments);
  return out;
}

std::string RenderReportJson(const AnnualReport& r) {
  std::string out = fmt::format(
      "{{\"organisation\": {}, \"from\": \"{}\", \"to\": \"{}\", \"respond_days\": {}, "
      "\"review_days\": {}",
      JsonString(r.organisation), FormatIsoDate(r.from), FormatIsoDate(r.to), r.respond_days,
      r.review_days);
  for (const FigureGroup& g : ReportFigures(r)) {
    if (g.key.empty())
      out += ", " + JsonFigures(g.figures);
    else
      out += fmt::format(", {}: {{{}}}", JsonString(g.key), JsonFigures(g.figures));
  }
  std::string months;
  for (const MonthCount& m : r.months) {
    months += fmt::format("{}{{\"month\": \"{}\", \"complaints\": {}, \"compliments\": {}}}",
                          months.empty() ? "" : ", ", m.month, m.complaints, m.compliments);
  }
  return out + ", \"months\": [" + months + "]}\n";
}

}  // namespace intaked
