// SPDX-License-Identifier: GPL-3.0-or-later
// The annual report's text, JSON and HTML say the same things: every figure
// and every month in all three. The HTML is readable without a mouse or colour
// vision, prints whole, and is one self-contained file with escaped values.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "calendar/local_zone.h"
#include "reports/annual_report.h"

namespace intaked {
namespace {

// Every number in the report different from every other, so finding one proves it is there.
AnnualReport Distinct() {
  AnnualReport r;
  r.organisation = "Parents & <Carers> \"Together\"";
  r.from = *ParseIsoDate("2026-01-01");
  r.to = *ParseIsoDate("2026-02-28");
  r.respond_days = 30;
  r.review_days = 25;
  r.complaints = 101;
  r.anonymous = 102;
  r.not_complaints = 103;
  r.independent_reviews = 104;
  r.closed = 105;
  r.compliments = 106;
  r.stage_one = {.within_time = 111,
                 .by_holding_date = 112,
                 .late = 113,
                 .awaiting = 114,
                 .overdue_now = 115,
                 .ended_without_response = 116,
                 .holding_letters = 117};
  r.stage_two = {.within_time = 121,
                 .by_holding_date = 122,
                 .late = 123,
                 .awaiting = 124,
                 .overdue_now = 125,
                 .ended_without_response = 126,
                 .holding_letters = 127};
  r.months = {{"2026-01", 131, 132}, {"2026-02", 133, 134}};
  return r;
}

std::string Escaped(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '"')
      out += "&quot;";
    else if (c == '\'')
      out += "&apos;";
    else
      out += c;
  }
  return out;
}

// The line of `text` holding `needle` at or after `from`; "" when there is none.
std::string LineWith(const std::string& text, const std::string& needle, size_t from = 0) {
  const size_t at = text.find(needle, from);
  if (at == std::string::npos) return "";
  const size_t start = text.rfind('\n', at) + 1, end = text.find('\n', at);
  return text.substr(start, end - start);
}

bool Has(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(ReportFormats, EveryFigureIsInTheTextTheJsonAndTheHtml) {
  const AnnualReport r = Distinct();
  const std::string text = RenderReportText(r), json = RenderReportJson(r),
                    html = RenderReportHtml(r);
  // Every field of the report is one of the figures, with its own value.
  std::vector<int> stated;
  for (const FigureGroup& g : ReportFigures(r)) {
    const size_t text_group = text.find("\n" + g.title + "\n");
    ASSERT_NE(text_group, std::string::npos) << g.title;
    const size_t json_group = g.key.empty() ? 0 : json.find("\"" + g.key + "\": {");
    ASSERT_NE(json_group, std::string::npos) << g.key;
    EXPECT_TRUE(Has(html, "<h2>" + Escaped(g.title) + "</h2>")) << g.title;
    for (const ReportFigure& f : g.figures) {
      SCOPED_TRACE(g.key + "." + f.key);
      stated.push_back(f.value);
      const std::string value = std::to_string(f.value);
      const std::string line = LineWith(text, " " + f.label + " ", text_group);
      EXPECT_TRUE(Has(line, " " + value)) << "text: " << line;
      const std::string pair = "\"" + f.key + "\": " + value;
      EXPECT_NE(json.find(pair, json_group), std::string::npos) << "json: " << pair;
      const std::string id = g.key.empty() ? f.key : g.key + "-" + f.key;
      EXPECT_TRUE(Has(html, "<th scope=\"row\">" + Escaped(f.label) + "</th><td id=\"" + id +
                                "\">" + value + "</td>"))
          << "html: " << id;
    }
  }
  for (int expected : {101, 102, 103, 104, 105, 106, 111, 112, 113, 114, 115,
                       116, 117, 336, 121, 122, 123, 124, 125, 126, 127, 366}) {
    EXPECT_NE(std::find(stated.begin(), stated.end(), expected), stated.end())
        << expected << " is not among the figures";
  }
  EXPECT_TRUE(Has(LineWith(text, "2026-02"), " 133 ")) << text;
  EXPECT_TRUE(Has(LineWith(text, "2026-02"), " 134")) << text;
  EXPECT_TRUE(Has(json, R"({"month": "2026-02", "complaints": 133, "compliments": 134})"));
  EXPECT_TRUE(Has(html, ">133</text>"));
  EXPECT_TRUE(Has(html, ">134</text>"));
  EXPECT_TRUE(Has(text, "30 working days") && Has(text, "25 working days"));
  EXPECT_TRUE(Has(json, "\"respond_days\": 30, \"review_days\": 25"));
}

TEST(ReportFormats, TheHtmlPrintsEveryValueBesideItsBar) {
  const std::string html = RenderReportHtml(Distinct());
  // Beside each stage's bars, its count (and a response bucket's share of the responses).
  for (const char* beside :
       {"111 (33% of responses)</text>", "112 (33% of responses)</text>", ">114</text>",
        ">115</text>", ">116</text>", "121 (33% of responses)</text>", ">126</text>"}) {
    EXPECT_TRUE(Has(html, beside)) << beside;
  }
  // Above each month's bars, its count; the hover title is extra, not the only place.
  EXPECT_TRUE(Has(html, "<title>2026-01: 131 complaints</title>"));
  EXPECT_TRUE(Has(html, ">131</text>"));
  EXPECT_TRUE(Has(html, ">132</text>"));
}

TEST(ReportFormats, TheHtmlIsColourBlindSafeAndPrintsWhole) {
  const std::string html = RenderReportHtml(Distinct());
  for (const char* colour : {"#0072B2", "#E69F00", "#D55E00"})
    EXPECT_TRUE(Has(html, colour)) << colour;
  for (const char* red_green : {"#c0392b", "#27ae60"}) EXPECT_FALSE(Has(html, red_green));
  EXPECT_TRUE(Has(html, "<pattern id=\"stripes-orange\""))
      << "patterns, not colour alone, tell the bars apart";
  const size_t print = html.find("@media print");
  ASSERT_NE(print, std::string::npos);
  const std::string print_rules = html.substr(print, html.find("</style>") - print);
  EXPECT_TRUE(Has(print_rules, "page-break-inside: avoid"));
  EXPECT_TRUE(Has(print_rules, "color: #000"));
  EXPECT_TRUE(Has(print_rules, "svg text")) << "chart labels print black too";
}

TEST(ReportFormats, TheHtmlIsSelfContainedAndEscapesEveryValue) {
  const AnnualReport r = Distinct();
  const std::string html = RenderReportHtml(r);
  EXPECT_TRUE(Has(html, "<h1>Parents &amp; &lt;Carers&gt; &quot;Together&quot;</h1>"));
  EXPECT_FALSE(Has(html, "<Carers>"));
  for (const char* external : {"src=", "href=", "@import", "url(http", "<link", "<script"})
    EXPECT_FALSE(Has(html, external)) << external;
  // The only URL is the SVG namespace, which names and fetches nothing.
  std::string rest = html;
  for (size_t at; (at = rest.find("xmlns=\"http://www.w3.org/2000/svg\"")) != std::string::npos;)
    rest.erase(at, 34);
  EXPECT_FALSE(Has(rest, "http")) << "no external resources";
  EXPECT_TRUE(Has(RenderReportJson(r), R"("organisation": "Parents & <Carers> \"Together\"")"));
}

TEST(ReportFormats, AnEmptyYearRendersWithoutDividingByZero) {
  AnnualReport r;
  r.organisation = "PACTS";
  r.from = *ParseIsoDate("2026-01-01");
  r.to = *ParseIsoDate("2026-01-31");
  r.months = {{"2026-01", 0, 0}};
  EXPECT_TRUE(Has(RenderReportText(r), "Complaints received"));
  const std::string html = RenderReportHtml(r);
  EXPECT_TRUE(Has(html, "<td id=\"complaints\">0</td>"));
  EXPECT_TRUE(Has(html, "0 complaint(s) in this stage"));
}

}  // namespace
}  // namespace intaked
