// SPDX-License-Identifier: GPL-3.0-or-later
// A year in fast-forward: 2027 driven day by day through the real engine
// (year_simulation_people.h), with handlers who answer on time, late, after a
// holding letter or never; some who try what the procedure does not allow
// them; a fallback that takes stuck cases over; reviewers; and days when
// intaked is down. Then the policy's promises are counted from what intaked
// stored and sent (year_simulation_audit.h), and docs/YEAR_SIMULATION.md is
// rendered from those counts: the document is the test's output, checked in,
// so it cannot state a number this run did not produce (year_simulation_doc.h).
#include <gtest/gtest.h>

#include "calendar/local_zone.h"
#include "year_simulation_audit.h"
#include "year_simulation_doc.h"
#include "year_simulation_people.h"

namespace intaked {
namespace {

std::string N(int64_t n) { return Thousands(n); }

std::string DowntimeList() {
  std::string out;
  for (const auto& [from, to] : SimulatedYear::Downtime()) {
    out += "- " + FormatDateForPeople(from) + " to " + FormatDateForPeople(to) + " (" +
           std::to_string((to - from).count() + 1) + " days)\n";
  }
  return out;
}

// What the run counted, for the document: what was counted, the number, what it shows.
std::string PromisesTable(const YearCounts& n, int repeats) {
  return MarkdownTable(
      {"what was counted", "2027", "what it shows"},
      {
          {"complaints opened", N(n.complaints), "every complaint became one case"},
          {"letters sent in all", N(n.letters), "everything the fake mail server accepted"},
          {"response and review dates cases waited on", N(n.dates_waited_on),
           "each date as holding letters left it; the schedule below is checked for each"},
          {"steps (reminders, overdue notices, late letters) other than the model's",
           N(n.schedule_mismatches),
           "**must be 0**: each step due at a cycle was taken at that cycle, and no other "
           "step was taken"},
          {"reminders sent", N(n.reminders), "5 and 1 working days before a date, and on it"},
          {"overdue notices sent", N(n.overdue_notices),
           "to whoever must act and to the fallback, from the first working day after"},
          {"most overdue notices to one person for one date", N(n.max_notices_per_date),
           "**at most " + std::to_string(1 + repeats) + "**: the first and `overdue_repeats` (" +
               std::to_string(repeats) + ") more"},
          {"letters for a step the ledger does not record", N(n.unledgered_letters),
           "**must be 0**: no reminder, notice or late letter went twice or unrecorded"},
          {"stuck cases listed at the top of a weekly digest", N(n.stuck_listings),
           "once its overdue notices have all gone, a case heads the weekly digest of every "
           "co-chair it does not name, and the fallback's"},
          {"... missing from a digest, or listed there before all its notices had gone",
           N(n.stuck_missing), "**must be 0**"},
          {"dates that passed with the case still waiting", N(n.dates_passed),
           "each one got the complainant's late letter on the first working day intaked ran "
           "after it"},
          {"... where intaked was down on the date and on the working day after",
           N(n.passed_in_downtime),
           "the late letter still went, on the first cycle after the downtime"},
          {"reminder steps superseded by downtime", N(n.steps_skipped_in_downtime),
           "missed steps are not sent late: only the latest one due goes"},
          {"late letters to complainants", N(n.late_letters),
           "again every 10 working days while the case waits"},
          {"... two to one complainant on the same day", N(n.late_letters_same_day),
           "**must be 0**"},
          {"holding letters from handlers / reviewers / the fallback",
           N(n.holding_by_handler) + " / " + N(n.holding_by_reviewer) + " / " +
               N(n.holding_by_fallback),
           "each reached the complainant (" + N(n.holding_letters) + " holding letters)"},
          {"most holding letters from a handler or reviewer in one stage of one case",
           N(n.max_holding_by_limited_role), "**at most 1**"},
          {"refused: #close from the handler during the review", N(n.refused_close_in_review),
           "the review went on (still open, or ended by the reviewer)"},
          {"refused: #not-complaint from the handler during the review",
           N(n.refused_void_in_review), "likewise; no complaint was voided"},
          {"refused: a holding letter after the original date", N(n.refused_late_holding),
           "nothing reached the complainant; the fallback was told"},
          {"refused: a second holding letter", N(n.refused_second_holding), "likewise"},
          {"refusals answered with the reason", N(n.refusals_answered), "all of them"},
          {"the fallback's own #outcome / #holding / #reassign",
           N(n.fallback_outcomes) + " / " + N(n.fallback_holdings) + " / " +
               N(n.fallback_reassigns),
           "it acted by replying to an overdue or refusal notice; the timeline names it"},
          {"letters about a case to a co-chair it names", N(n.letters_to_named),
           "**must be 0**, digests included"},
      });
}

std::string ReportTable(const AnnualReport& r) {
  const auto row = [&](const char* what, int one, int two) {
    return std::vector<std::string>{what, N(one), N(two)};
  };
  const StageFigures &a = r.stage_one, &b = r.stage_two;
  return MarkdownTable(
      {"2027 annual report", "Stage One", "Stage Two"},
      {
          row("within 30 working days of the stage's start", a.within_time, b.within_time),
          row("later, but by a holding letter's final date", a.by_holding_date, b.by_holding_date),
          row("late", a.late, b.late),
          row("awaiting, not yet due", a.awaiting, b.awaiting),
          row("awaiting, overdue now", a.overdue_now, b.overdue_now),
          row("ended without a response", a.ended_without_response, b.ended_without_response),
          row("**total** (complaints / independent reviews)", a.total(), b.total()),
          row("holding letters sent", a.holding_letters, b.holding_letters),
      });
}

std::map<std::string, std::string> DocValues(const SimulatedYear& year, const YearCounts& n) {
  const Attempts& a = year.attempts();
  const int* h = n.handler_ways;
  const int* f = n.fallback_ways;
  const int* r = n.reviewer_ways;
  return {
      {"complaints", N(n.complaints)},
      {"naming_one", N(n.naming_one)},
      {"naming_both", N(n.naming_both)},
      {"on_time", N(h[int(HandlerWay::kOnTime)])},
      {"late", N(h[int(HandlerWay::kLate)])},
      {"holding", N(h[int(HandlerWay::kHolding)])},
      {"never", N(h[int(HandlerWay::kNever)])},
      {"late_holding", N(h[int(HandlerWay::kLateHolding)])},
      {"second_holding", N(h[int(HandlerWay::kSecondHolding)])},
      {"close_in_review", N(h[int(HandlerWay::kCloseInReview)])},
      {"fallback_waits", N(f[int(FallbackWay::kWaits)])},
      {"fallback_outcome", N(f[int(FallbackWay::kOutcome)])},
      {"fallback_holding", N(f[int(FallbackWay::kHolding)])},
      {"fallback_reassign", N(f[int(FallbackWay::kReassign)])},
      {"appeals", N(a.appeals)},
      {"reviewer_on_time", N(r[int(ReviewerWay::kOnTime)])},
      {"reviewer_holding", N(r[int(ReviewerWay::kHolding)])},
      {"reviewer_late", N(r[int(ReviewerWay::kLate)])},
      {"reviewer_never", N(r[int(ReviewerWay::kNever)])},
      {"downtime", DowntimeList()},
      {"promises", PromisesTable(n, year.ctx().config.overdue_repeats)},
      {"report", ReportTable(n.report)},
      {"independent_reviews", N(n.report.independent_reviews)},
      {"last_day", FormatDateForPeople(SimulatedYear::Last())},
      {"cycles", N(int64_t(year.cycles().size()))},
      {"repeats", std::to_string(year.ctx().config.overdue_repeats)},
      {"by_holding_one", N(n.report.stage_one.by_holding_date)},
      {"held_after_date_passed", N(n.held_after_date_passed)},
  };
}

TEST(YearSimulation, TheProceduresPromisesHoldAllYearAndTheDocumentSaysSo) {
  SimulatedYear year;
  year.Run();
  ASSERT_FALSE(::testing::Test::HasFatalFailure());
  std::vector<std::string> violations;
  const YearCounts n = AuditYear(year, &violations);
  const Attempts& a = year.attempts();
  const int repeats = year.ctx().config.overdue_repeats;

  std::string listed;
  for (size_t i = 0; i < violations.size() && i < 25; ++i) listed += "  " + violations[i] + "\n";
  EXPECT_TRUE(violations.empty()) << violations.size() << " broken promise(s):\n" << listed;

  // Every behaviour happened.
  for (int w = 0; w < 7; ++w) EXPECT_GT(n.handler_ways[w], 0) << "handler way " << w;
  for (int w = 0; w < 4; ++w) EXPECT_GT(n.fallback_ways[w], 0) << "fallback way " << w;
  for (int w = 0; w < 4; ++w) EXPECT_GT(n.reviewer_ways[w], 0) << "reviewer way " << w;

  // Every attempt the procedure does not allow was refused, its sender told why, and
  // nothing changed: the review went on, no holding letter reached the parent.
  EXPECT_GT(a.close_in_review, 0);
  EXPECT_GT(a.void_in_review, 0);
  EXPECT_GT(a.late_holding, 0);
  EXPECT_GT(a.second_holding, 0);
  EXPECT_EQ(n.refused_close_in_review, a.close_in_review);
  EXPECT_EQ(n.refused_void_in_review, a.void_in_review);
  EXPECT_EQ(n.refused_late_holding, a.late_holding);
  EXPECT_EQ(n.refused_second_holding, a.second_holding);
  EXPECT_EQ(n.refused_other, 0);
  EXPECT_EQ(n.refusals_answered, n.refused_close_in_review + n.refused_void_in_review +
                                     n.refused_late_holding + n.refused_second_holding);
  EXPECT_EQ(n.fallback_told_of_refused_holding, a.late_holding + a.second_holding);
  EXPECT_EQ(n.stayed_in_review, a.close_in_review + a.void_in_review);
  EXPECT_EQ(n.report.not_complaints, 0) << "a refused #not-complaint voided a case";

  // Holding letters: one per stage from the handler or reviewer; the fallback's as it chose.
  EXPECT_EQ(n.max_holding_by_limited_role, 1);
  EXPECT_EQ(n.holding_letters,
            n.holding_by_handler + n.holding_by_reviewer + n.holding_by_fallback);
  EXPECT_EQ(n.holding_by_fallback, a.fallback_holding + a.fallback_holding_after_refusal);
  EXPECT_GT(n.holding_by_reviewer, 0);

  // The fallback took stuck cases over by replying to its notices.
  EXPECT_GT(a.fallback_outcome, 0);
  EXPECT_GT(a.fallback_holding, 0);
  EXPECT_GT(a.fallback_reassign, 0);
  EXPECT_EQ(n.fallback_outcomes, a.fallback_outcome);
  EXPECT_EQ(n.fallback_reassigns, a.fallback_reassign);

  // The schedule, through downtime: nothing missed, nothing twice, nothing in silence.
  EXPECT_EQ(n.schedule_mismatches, 0);
  EXPECT_EQ(n.unledgered_letters, 0);
  EXPECT_EQ(n.max_notices_per_date, 1 + repeats) << "some case exhausts its notices";
  EXPECT_GT(n.dates_passed, 10);
  EXPECT_GT(n.passed_in_downtime, 0);
  EXPECT_GT(n.steps_skipped_in_downtime, 0);
  EXPECT_EQ(n.late_letters_same_day, 0);
  EXPECT_GT(n.stuck_listings, 0);
  EXPECT_EQ(n.stuck_missing, 0);

  // A co-chair a complaint names never hears of it.
  EXPECT_GT(n.naming_one, 0);
  EXPECT_GT(n.naming_both, 0);
  EXPECT_EQ(n.letters_to_named, 0);

  // The annual report: every complaint in exactly one bucket per stage it reached.
  const AnnualReport& r = n.report;
  EXPECT_EQ(r.complaints, n.complaints);
  EXPECT_EQ(r.stage_one.total(), r.complaints);
  EXPECT_EQ(r.stage_two.total(), r.independent_reviews);
  for (const StageFigures* s : {&r.stage_one, &r.stage_two}) {
    EXPECT_GT(s->within_time, 0);
    EXPECT_GT(s->by_holding_date, 0);
    EXPECT_GT(s->late, 0);
  }
  EXPECT_EQ(r.stage_one.holding_letters + r.stage_two.holding_letters, n.holding_letters);

  // The document is this run's output.
  bool ok = false;
  const std::string tmpl = ReadWholeFile(SOURCE_DIR "/tests/year_simulation_doc.md.in", &ok);
  ASSERT_TRUE(ok) << "cannot read tests/year_simulation_doc.md.in";
  std::string doc;
  ASSERT_TRUE(RenderTemplate(tmpl, DocValues(year, n), &doc));
  EXPECT_TRUE(WriteOrCompareDoc(SOURCE_DIR "/docs/YEAR_SIMULATION.md", doc));
}

}  // namespace
}  // namespace intaked
