// SPDX-License-Identifier: GPL-3.0-or-later
// The annual report as a self-contained HTML page: templates/annual_report_html.mustache holds
// the markup and styles; this file works out the charts' geometry and hands every value to the
// template as text, which mustache HTML-escapes. It prints ReportFigures() and the months.
#include <fmt/format.h>

#include <algorithm>
#include <kainjow/mustache.hpp>
#include <stdexcept>

#include "letters/embedded_templates.h"
#include "reports/annual_report.h"

namespace intaked {
namespace {

namespace mu = kainjow::mustache;

constexpr char kTemplate[] = "annual_report_html";

// The stage chart: one labelled bar per bucket, as a share of the complaints in that stage.
constexpr int kLabelColumn = 330, kBarSpan = 260, kRowHeight = 26;
// The month chart.
constexpr int kLeft = 10, kSlot = 44, kPlotTop = 18, kPlotHeight = 160;

std::string Str(int n) { return std::to_string(n); }

bool IsBucket(const std::string& key) { return key != "responses" && key != "holding_letters"; }

mu::data FigureRow(const std::string& group, const ReportFigure& f) {
  mu::data d;
  d.set("id", group.empty() ? f.key : group + "-" + f.key);
  d.set("label", f.label);
  d.set("value", Str(f.value));
  d.set("part", f.part ? mu::data::type::bool_true : mu::data::type::bool_false);
  const bool share = f.share_of && *f.share_of > 0;
  d.set("has_share", share ? mu::data::type::bool_true : mu::data::type::bool_false);
  d.set("share", share ? Percent(f.value, *f.share_of) + " of responses" : "");
  return d;
}

// Bars for one stage's buckets, each with its label and its count printed beside it.
void AddStageChart(const FigureGroup& g, mu::data& group) {
  int total = 0;
  for (const ReportFigure& f : g.figures)
    if (IsBucket(f.key)) total += f.value;
  mu::data rows = mu::data::type::list;
  int y = 4;
  for (const ReportFigure& f : g.figures) {
    if (!IsBucket(f.key)) continue;
    mu::data row;
    row.set("key", f.key);
    row.set("label", f.label);
    row.set("bar_x", Str(kLabelColumn));
    row.set("bar_y", Str(y));
    const int width = total ? f.value * kBarSpan / total : 0;
    row.set("bar_width", Str(width));
    row.set("value_x", Str(kLabelColumn + width + 6));
    row.set("text_y", Str(y + 13));
    row.set("value_text", f.share_of && *f.share_of ? fmt::format("{} ({} of responses)", f.value,
                                                                  Percent(f.value, *f.share_of))
                                                    : Str(f.value));
    rows.push_back(row);
    y += kRowHeight;
  }
  group.set("has_chart", mu::data::type::bool_true);
  group.set("rows", rows);
  group.set("chart_width", Str(kLabelColumn + kBarSpan + 150));
  group.set("chart_height", Str(y));
  group.set("caption",
            fmt::format("Each bar is a share of the {} complaint(s) in this stage.", total));
}

mu::data Groups(const AnnualReport& r) {
  mu::data groups = mu::data::type::list;
  for (const FigureGroup& g : ReportFigures(r)) {
    mu::data group;
    group.set("title", g.title);
    mu::data figures = mu::data::type::list;
    for (const ReportFigure& f : g.figures) figures.push_back(FigureRow(g.key, f));
    group.set("figures", figures);
    if (g.key.empty())
      group.set("has_chart", mu::data::type::bool_false);
    else
      AddStageChart(g, group);
    groups.push_back(group);
  }
  return groups;
}

std::string MonthName(const std::string& month) {
  static const char* kNames[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const int m = std::stoi(month.substr(5, 2));
  return m >= 1 && m <= 12 ? kNames[m - 1] : month;
}

// Grouped bars per month, each with its count above it.
void AddMonthChart(const AnnualReport& r, mu::data& page) {
  int peak = 1;
  for (const MonthCount& m : r.months) peak = std::max({peak, m.complaints, m.compliments});
  const int base = kPlotTop + kPlotHeight;
  mu::data months = mu::data::type::list;
  for (size_t i = 0; i < r.months.size(); ++i) {
    const MonthCount& m = r.months[i];
    const int x = kLeft + int(i) * kSlot;
    const int hc = m.complaints * kPlotHeight / peak, hp = m.compliments * kPlotHeight / peak;
    mu::data d;
    d.set("month", m.month);
    d.set("complaints", Str(m.complaints));
    d.set("compliments", Str(m.compliments));
    d.set("complaints_x", Str(x + 4));
    d.set("complaints_y", Str(base - hc));
    d.set("complaints_h", Str(hc));
    d.set("complaints_mid", Str(x + 12));
    d.set("complaints_label_y", Str(base - hc - 4));
    d.set("compliments_x", Str(x + 22));
    d.set("compliments_y", Str(base - hp));
    d.set("compliments_h", Str(hp));
    d.set("compliments_mid", Str(x + 30));
    d.set("compliments_label_y", Str(base - hp - 4));
    d.set("label_x", Str(x + 21));
    d.set("name", MonthName(m.month));
    d.set("name_y", Str(base + 14));
    d.set("year", i == 0 || m.month.substr(5) == "01" ? m.month.substr(0, 4) : "");
    d.set("year_y", Str(base + 26));
    months.push_back(d);
  }
  const int width = std::max(kLeft + int(r.months.size()) * kSlot + 10, 420);
  const int legend_y = base + 40;
  page.set("months", months);
  page.set("month_width", Str(width));
  page.set("month_height", Str(legend_y + 20));
  page.set("axis_x1", Str(kLeft));
  page.set("axis_x2", Str(width - 10));
  page.set("axis_y", Str(base));
  page.set("legend_x", Str(kLeft));
  page.set("legend_y", Str(legend_y));
  page.set("legend_text_x", Str(kLeft + 18));
  page.set("legend_text_y", Str(legend_y + 10));
  page.set("legend2_x", Str(kLeft + 230));
  page.set("legend2_text_x", Str(kLeft + 248));
}

}  // namespace

std::string RenderReportHtml(const AnnualReport& r) {
  mu::mustache page(std::string(EmbeddedTemplate(kTemplate)));
  if (!page.is_valid())
    throw std::logic_error(std::string("template ") + kTemplate + ": " + page.error_message());
  mu::data d;
  d.set("organisation", r.organisation);
  d.set("from", FormatDateForPeople(r.from));
  d.set("to", FormatDateForPeople(r.to));
  d.set("groups", Groups(r));
  AddMonthChart(r, d);
  return page.render(d);  // {{...}} HTML-escapes every value
}

}  // namespace intaked
