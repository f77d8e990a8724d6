#include "reports/annual_report.h"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <map>

#include "store/personal_data.h"

namespace intaked {
namespace {

int64_t Secs(Instant t) { return t.time_since_epoch().count(); }

std::string MonthOf(date::sys_days d) {
  const date::year_month_day ymd(d);
  return fmt::format("{:04}-{:02}", int(ymd.year()), unsigned(ymd.month()));
}

std::string Html(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '&')
      out += "&amp;";
    else if (c == '"')
      out += "&quot;";
    else
      out += c;
  }
  return out;
}

std::string Percent(int part, int whole) {
  return whole ? fmt::format("{}%", (part * 100 + whole / 2) / whole) : "-";
}

}  // namespace

AnnualReport ComputeAnnualReport(SQLite::Database& db, const LocalZone& zone,
                                 const std::string& organisation, date::sys_days from,
                                 date::sys_days to, Instant now) {
  AnnualReport r;
  r.organisation = organisation;
  r.from = from;
  r.to = to;
  const Instant start = zone.At(from, 0), end = zone.EndOfDay(to);
  std::map<std::string, MonthCount> months;
  for (date::sys_days d = from; d <= to; d += date::days(1)) months[MonthOf(d)].month = MonthOf(d);
  const date::sys_days today = zone.LocalDate(now);

  SQLite::Statement cases(
      db,
      "SELECT id, state, stage, anonymous, received_at, respond_due, closed_at FROM cases"
      " WHERE kind = 'complaint' AND received_at BETWEEN ? AND ?");
  cases.bind(1, Secs(start));
  cases.bind(2, Secs(end));
  while (cases.executeStep()) {
    const int64_t id = cases.getColumn(0).getInt64();
    const std::string state = cases.getColumn(1).getString();
    if (state == "void") {
      ++r.not_complaints;
      continue;
    }
    ++r.complaints;
    ++months[MonthOf(zone.LocalDate(Instant(std::chrono::seconds(cases.getColumn(4).getInt64()))))]
          .complaints;
    if (cases.getColumn(3).getInt()) ++r.anonymous;
    if (cases.getColumn(2).getInt() >= 2) ++r.stage_two;
    if (state == "closed") ++r.closed;
    const auto due = ParseIsoDate(cases.getColumn(5).getString());
    SQLite::Statement outcome(
        db, "SELECT MIN(at) FROM case_events WHERE case_id = ? AND kind = 'outcome'");
    outcome.bind(1, id);
    outcome.executeStep();
    if (!outcome.getColumn(0).isNull()) {
      ++r.responded;
      const date::sys_days day =
          zone.LocalDate(Instant(std::chrono::seconds(outcome.getColumn(0).getInt64())));
      if (due && day <= *due) ++r.responded_on_time;
    } else if (state == "open") {
      ++r.awaiting_response;
      if (due && today > *due) ++r.overdue_now;
    }
    SQLite::Statement holding(
        db, "SELECT COUNT(*) FROM case_events WHERE case_id = ? AND kind = 'holding'");
    holding.bind(1, id);
    holding.executeStep();
    r.holding_letters += holding.getColumn(0).getInt();
  }
  SQLite::Statement compliments(db,
                                "SELECT received_at FROM messages WHERE kind = 'compliment'"
                                " AND received_at BETWEEN ? AND ?");
  compliments.bind(1, Secs(start));
  compliments.bind(2, Secs(end));
  while (compliments.executeStep()) {
    ++r.compliments;
    ++months[MonthOf(zone.LocalDate(
                 Instant(std::chrono::seconds(compliments.getColumn(0).getInt64()))))]
          .compliments;
  }
  for (auto& [key, m] : months) r.months.push_back(m);
  return r;
}

std::string RenderReportText(const AnnualReport& r) {
  std::string out = fmt::format("{} - complaints and compliments, {} to {}\n\n", r.organisation,
                                FormatDateForPeople(r.from), FormatDateForPeople(r.to));
  out += fmt::format("Complaints received:            {}\n", r.complaints);
  out += fmt::format("  made anonymously:             {}\n", r.anonymous);
  out += fmt::format("  written responses sent:       {}\n", r.responded);
  out += fmt::format("  ... by the promised date:     {} ({})\n", r.responded_on_time,
                     Percent(r.responded_on_time, r.responded));
  out += fmt::format("  holding letters sent:         {}\n", r.holding_letters);
  out += fmt::format("  awaiting a response:          {} ({} past their date)\n",
                     r.awaiting_response, r.overdue_now);
  out += fmt::format("  went to independent review:   {}\n", r.stage_two);
  out += fmt::format("  closed:                       {}\n", r.closed);
  out += fmt::format("Compliments received:           {}\n", r.compliments);
  out += fmt::format("Messages found not to be complaints: {}\n\n", r.not_complaints);
  out += "Month      Complaints  Compliments\n";
  for (const MonthCount& m : r.months)
    out += fmt::format("{:<10} {:>10}  {:>11}\n", m.month, m.complaints, m.compliments);
  return out;
}

std::string RenderReportJson(const AnnualReport& r) {
  std::string months;
  for (const MonthCount& m : r.months) {
    months += fmt::format("{}{{\"month\": \"{}\", \"complaints\": {}, \"compliments\": {}}}",
                          months.empty() ? "" : ", ", m.month, m.complaints, m.compliments);
  }
  return fmt::format(
      "{{\"organisation\": {}, \"from\": \"{}\", \"to\": \"{}\", \"complaints\": {}, "
      "\"anonymous\": {}, "
      "\"responded\": {}, \"responded_on_time\": {}, \"holding_letters\": {}, "
      "\"awaiting_response\": {}, "
      "\"overdue_now\": {}, \"stage_two\": {}, \"closed\": {}, \"compliments\": {}, "
      "\"not_complaints\": {}, "
      "\"months\": [{}]}}\n",
      JsonString(r.organisation), FormatIsoDate(r.from), FormatIsoDate(r.to), r.complaints,
      r.anonymous, r.responded, r.responded_on_time, r.holding_letters, r.awaiting_response,
      r.overdue_now, r.stage_two, r.closed, r.compliments, r.not_complaints, months);
}

std::string RenderReportHtml(const AnnualReport& r) {
  // Grouped bars per month: complaints and compliments; then a deadline bar.
  int peak = 1;
  for (const MonthCount& m : r.months) peak = std::max({peak, m.complaints, m.compliments});
  const int w = 40, h = 180, left = 30;
  const int width = left + int(r.months.size()) * w + 10;
  std::string bars;
  for (size_t i = 0; i < r.months.size(); ++i) {
    const MonthCount& m = r.months[i];
    const int x = left + int(i) * w;
    const int hc = m.complaints * h / peak, hp = m.compliments * h / peak;
    bars += fmt::format(
        "<rect class=\"complaints\" x=\"{}\" y=\"{}\" width=\"14\" height=\"{}\"><title>{}: {} "
        "complaints</title></rect>"
        "<rect class=\"compliments\" x=\"{}\" y=\"{}\" width=\"14\" height=\"{}\"><title>{}: {} "
        "compliments</title></rect>"
        "<text x=\"{}\" y=\"{}\" font-size=\"10\">{}</text>\n",
        x + 4, 10 + h - hc, hc, m.month, m.complaints, x + 19, 10 + h - hp, hp, m.month,
        m.compliments, x + 4, h + 25, m.month.substr(5) + "/" + m.month.substr(2, 2));
  }
  const int on_time_w = r.responded ? r.responded_on_time * 400 / r.responded : 0;
  return fmt::format(R"(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{0} - annual complaints report</title>
<style>body{{font-family:sans-serif;max-width:48em;margin:2em auto;color:#222}} table{{border-collapse:collapse}}
td,th{{padding:.2em .8em;text-align:right}} td:first-child,th:first-child{{text-align:left}}
.complaints{{fill:#c0392b}} .compliments{{fill:#27ae60}} .late{{fill:#bbb}}</style></head>
<body>
<h1>{0}</h1>
<p>Complaints and compliments received from {1} to {2}.</p>
<table>
<tr><th>Complaints received</th><td id="complaints">{3}</td></tr>
<tr><th>Written responses sent</th><td>{4}</td></tr>
<tr><th>&hellip; by the promised date</th><td id="on-time">{5} ({6})</td></tr>
<tr><th>Holding letters sent</th><td>{7}</td></tr>
<tr><th>Awaiting a response</th><td>{8}</td></tr>
<tr><th>Independent reviews</th><td>{9}</td></tr>
<tr><th>Compliments received</th><td id="compliments">{10}</td></tr>
</table>
<h2>Per month</h2>
<svg xmlns="http://www.w3.org/2000/svg" width="{11}" height="{12}" role="img" aria-label="Complaints and compliments per month">
{13}<text x="{14}" y="{15}" font-size="11"><tspan class="complaints">&#9632;</tspan> complaints <tspan class="compliments">&#9632;</tspan> compliments</text>
</svg>
<h2>Deadlines met</h2>
<svg xmlns="http://www.w3.org/2000/svg" width="420" height="40" role="img" aria-label="Responses by the promised date">
<rect class="late" x="0" y="5" width="400" height="20"/><rect class="compliments" x="0" y="5" width="{16}" height="20"/>
<text x="5" y="38" font-size="11">{5} of {4} responses by the promised date</text>
</svg>
<p><small>No personal data is included in this report.</small></p>
</body></html>
)",
                     Html(r.organisation), FormatDateForPeople(r.from), FormatDateForPeople(r.to),
                     r.complaints, r.responded, r.responded_on_time,
                     Percent(r.responded_on_time, r.responded), r.holding_letters,
                     r.awaiting_response, r.stage_two, r.compliments, width, h + 55, bars, left,
                     h + 45, on_time_w);
}

}  // namespace intaked
