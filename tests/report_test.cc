// SPDX-License-Identifier: GPL-3.0-or-later
// The annual report tells the truth about time: each stage is
// timed from its start in working days, never from a date a holding letter
// moved; and the text, JSON and HTML say the same things.
//
// Dates below are worked out by hand on the England and Wales calendar, so the
// tests check the calendar too: a complaint received on Monday 2 March 2026 is
// due at the end of Wednesday 15 April (Good Friday and Easter Monday fall in
// between); day 40 is Wednesday 29 April; day 58 is Wednesday 27 May (the May
// bank holidays on 4 and 25 May skipped).
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "calendar/local_zone.h"
#include "calendar/working_day_calendar.h"
#include "procedure/deadlines.h"
#include "reports/annual_report.h"
#include "reports/stage_timeliness.h"
#include "store/case_store.h"
#include "store/database.h"
#include "store/message_log.h"

namespace intaked {
namespace {

date::sys_days Day(const std::string& iso) { return *ParseIsoDate(iso); }

class ReportTest : public ::testing::Test {
 protected:
  ReportTest()
      : db_(std::move(OpenDatabase(":memory:").value())),
        zone_(LocalZone::Find("Europe/London").value()),
        calendar_(Region::kEnglandAndWales, {}) {}

  // A local time in London.
  Instant Local(const std::string& iso, int hour, int minute = 0) const {
    return zone_.At(Day(iso), hour) + std::chrono::minutes(minute);
  }

  // --- Test data: the only code here that writes cases and events (adapt it when the store's
  // --- event kinds become typed). It does to the store what the engine does.
  CaseRecord Receive(Instant received) {
    CaseStore cases(*db_);
    CaseRecord c;
    c.year = int(date::year_month_day(zone_.LocalDate(received)).year());
    c.seq = cases.NextSequence(c.year);
    c.reference = "PACTS-" + std::to_string(c.year) + "-" + std::to_string(c.seq);
    c.subject = "a complaint";
    c.complainant_name = "Pat Parent";
    c.complainant_email = "pat@family.test";
    c.handler_email = "chair.a@pacts.test";
    c.received_at = received;
    c.respond_due = FormatIsoDate(WorkingDaysAfter(calendar_, zone_, received, 30).day);
    cases.Create(c);
    Event(c, received, "opened");
    return c;
  }
  void Event(const CaseRecord& c, Instant at, const std::string& kind) {
    CaseStore(*db_).AddEvent(c.id, at, *ParseCaseEventKind(kind),
                             "detail that must not reach the report");
  }
  void Respond(CaseRecord& c, Instant at) {
    c.phase = Phase::kAppealWindow;
    CaseStore(*db_).Save(c);
    Event(c, at, "outcome");
  }
  // A holding letter: `kind` is "holding", or "review_holding" in Stage Two.
  void Hold(CaseRecord& c, Instant at, const std::string& final_date,
            const std::string& kind = "holding") {
    (c.phase == Phase::kStageTwo ? c.review_due : c.respond_due) = final_date;
    CaseStore(*db_).Save(c);
    Event(c, at, kind);
  }
  void StartReview(CaseRecord& c, Instant at) {
    c.phase = Phase::kStageTwo;
    c.reached_stage_two = true;
    c.state = CaseState::kOpen;
    c.review_due = FormatIsoDate(WorkingDaysAfter(calendar_, zone_, at, 30).day);
    CaseStore(*db_).Save(c);
    Event(c, at, "stage_two");
  }
  void ReviewOutcome(CaseRecord& c, Instant at) {
    Event(c, at, "review_outcome");
    End(c, at, "closed");
  }
  void End(CaseRecord& c, Instant at, const std::string& state) {
    c.state = *ParseCaseState(state);
    c.phase = Phase::kDone;
    c.closed_at = at;
    CaseStore(*db_).Save(c);
    Event(c, at, state == "void" ? "voided" : "closed");
  }
  void Compliment(Instant at, const std::string& id) {
    MessageRecord m;
    m.message_id = id;
    m.mailbox = "intake";
    m.received_at = at;
    m.kind = "compliment";
    m.reason = "thanks";
    MessageLog(*db_).Record(m);
  }
  // --- end of test data.

  AnnualReport Report(const std::string& from, const std::string& to, Instant now) {
    return ComputeAnnualReport(*db_,
                               {.organisation = "PACTS",
                                .calendar = calendar_,
                                .zone = zone_,
                                .respond_days = 30,
                                .review_days = 30},
                               Day(from), Day(to), now);
  }
  AnnualReport Year2026() { return Report("2026-01-01", "2026-12-31", Local("2027-02-01", 12)); }

  std::unique_ptr<SQLite::Database> db_;
  LocalZone zone_;
  WorkingDayCalendar calendar_;
};

// Only the bucket named is 1; every other is 0.
void ExpectOnly(const StageFigures& s, int StageFigures::*bucket) {
  for (int StageFigures::*b : {&StageFigures::within_time, &StageFigures::by_holding_date,
                               &StageFigures::late, &StageFigures::awaiting,
                               &StageFigures::overdue_now, &StageFigures::ended_without_response}) {
    EXPECT_EQ(s.*b, b == bucket ? 1 : 0);
  }
}

TEST_F(ReportTest, AResponseAtTheEndOfTheThirtiethWorkingDayIsWithinTime) {
  CaseRecord c = Receive(Local("2026-03-02", 10));
  ASSERT_EQ(c.respond_due, "2026-04-15") << "the calendar skips Good Friday and Easter Monday";
  Respond(c, Local("2026-04-15", 23, 59));
  const AnnualReport r = Year2026();
  EXPECT_EQ(r.complaints, 1);
  EXPECT_EQ(r.stage_one.responses(), 1);
  ExpectOnly(r.stage_one, &StageFigures::within_time);
}

TEST_F(ReportTest, OnDayThirtyOneWithoutAHoldingLetterIsLate) {
  CaseRecord c = Receive(Local("2026-03-02", 10));
  Respond(c, Local("2026-04-16", 0, 1));
  ExpectOnly(Year2026().stage_one, &StageFigures::late);
}

TEST_F(ReportTest, OnDayThirtyOneBeforeTheHoldingLettersDateIsByThatDate) {
  CaseRecord c = Receive(Local("2026-03-02", 10));
  Hold(c, Local("2026-04-01", 11), "2026-04-29");  // day 40
  Respond(c, Local("2026-04-16", 9));
  const AnnualReport r = Year2026();
  ExpectOnly(r.stage_one, &StageFigures::by_holding_date);
  EXPECT_EQ(r.stage_one.holding_letters, 1);
}

TEST_F(ReportTest, TwentyEightWorkingDaysLateAfterTheHoldingDateIsLate) {
  CaseRecord c = Receive(Local("2026-03-02", 10));
  Hold(c, Local("2026-04-01", 11), "2026-04-29");
  Respond(c, Local("2026-05-27", 12));  // day 58
  ExpectOnly(Year2026().stage_one, &StageFigures::late);
}

TEST_F(ReportTest, AHoldingLetterThatMovedTheDateNeverMakesAResponseWithinTime) {
  // What the report used to count "by the promised date": the date moved to day 58.
  CaseRecord c = Receive(Local("2026-03-02", 10));
  Hold(c, Local("2026-04-01", 11), "2026-05-27");
  Respond(c, Local("2026-05-27", 12));
  ExpectOnly(Year2026().stage_one, &StageFigures::by_holding_date);
}

TEST_F(ReportTest, AMovedDateWithoutAHoldingLetterBeforeTheResponseIsLate) {
  CaseRecord c = Receive(Local("2026-03-02", 10));
  Respond(c, Local("2026-04-20", 12));
  Hold(c, Local("2026-04-21", 11), "2026-04-29");  // after the response: no excuse for it
  ExpectOnly(Year2026().stage_one, &StageFigures::late);
}

TEST_F(ReportTest, CasesAwaitingAResponseAreNotYetDueOrOverdueByTheirMovedDate) {
  CaseRecord held = Receive(Local("2026-03-02", 10));
  Hold(held, Local("2026-04-01", 11), "2026-04-29");
  Receive(Local("2026-03-02", 11));  // due 15 April
  CaseRecord withdrawn = Receive(Local("2026-03-02", 12));
  End(withdrawn, Local("2026-03-05", 12), "closed");

  AnnualReport r = Report("2026-01-01", "2026-12-31", Local("2026-04-20", 12));
  EXPECT_EQ(r.stage_one.awaiting, 1) << "the held case's final date is still ahead";
  EXPECT_EQ(r.stage_one.overdue_now, 1);
  EXPECT_EQ(r.stage_one.ended_without_response, 1);
  EXPECT_EQ(r.stage_one.responses(), 0);
  EXPECT_EQ(r.closed, 1);
  r = Report("2026-01-01", "2026-12-31", Local("2026-04-30", 12));
  EXPECT_EQ(r.stage_one.awaiting, 0);
  EXPECT_EQ(r.stage_one.overdue_now, 2);
}

TEST_F(ReportTest, StageTwoIsTimedFromItsStartTheSameWay) {
  // Review started Monday 1 June 2026: day 30 is Monday 13 July, day 40 Monday 27 July.
  const auto reviewed = [&](const std::function<void(CaseRecord&)>& review) {
    CaseRecord c = Receive(Local("2026-03-02", 10));
    Respond(c, Local("2026-04-10", 10));
    StartReview(c, Local("2026-06-01", 9));
    EXPECT_EQ(c.review_due, "2026-07-13");
    review(c);
  };
  reviewed([&](CaseRecord& c) { ReviewOutcome(c, Local("2026-07-13", 18)); });  // within
  reviewed([&](CaseRecord& c) {                                                 // by holding
    Hold(c, Local("2026-07-01", 10), "2026-07-27", "review_holding");
    ReviewOutcome(c, Local("2026-07-14", 10));
  });
  reviewed([&](CaseRecord& c) {  // after the holding date: late
    Hold(c, Local("2026-07-01", 10), "2026-07-27", "holding");
    ReviewOutcome(c, Local("2026-08-20", 10));
  });
  reviewed([&](CaseRecord& c) { ReviewOutcome(c, Local("2026-07-14", 10)); });  // late
  reviewed([](CaseRecord&) {});  // awaiting: overdue by the report's day

  const AnnualReport r = Year2026();
  EXPECT_EQ(r.independent_reviews, 5);
  EXPECT_EQ(r.stage_one.within_time, 5);
  EXPECT_EQ(r.stage_two.within_time, 1);
  EXPECT_EQ(r.stage_two.by_holding_date, 1);
  EXPECT_EQ(r.stage_two.late, 2);
  EXPECT_EQ(r.stage_two.overdue_now, 1);
  EXPECT_EQ(r.stage_two.holding_letters, 2);
  EXPECT_EQ(r.stage_one.holding_letters, 0);
}

TEST_F(ReportTest, AStageOneHoldingLetterDoesNotExcuseALateReview) {
  CaseRecord c = Receive(Local("2026-03-02", 10));
  Hold(c, Local("2026-04-01", 11), "2026-04-29");
  Respond(c, Local("2026-04-10", 10));
  StartReview(c, Local("2026-06-01", 9));
  c.review_due = "2026-07-27";  // a moved date, but no holding letter in Stage Two
  CaseStore(*db_).Save(c);
  ReviewOutcome(c, Local("2026-07-14", 10));
  const AnnualReport r = Year2026();
  ExpectOnly(r.stage_one, &StageFigures::within_time);
  ExpectOnly(r.stage_two, &StageFigures::late);
  EXPECT_EQ(r.stage_one.holding_letters, 1);
  EXPECT_EQ(r.stage_two.holding_letters, 0);
}

TEST_F(ReportTest, AnEscalationBeforeAnyResponseEndsStageOneWithoutOne) {
  CaseRecord c = Receive(Local("2026-03-02", 10));
  StartReview(c, Local("2026-04-20", 9));
  const AnnualReport r = Year2026();
  ExpectOnly(r.stage_one, &StageFigures::ended_without_response);
  EXPECT_EQ(r.independent_reviews, 1);
  EXPECT_EQ(r.stage_two.total(), 1);
}

TEST_F(ReportTest, VoidedCasesAreNotCountedAsComplaints) {
  CaseRecord c = Receive(Local("2026-03-02", 10));
  Hold(c, Local("2026-03-03", 10), "2026-04-29");
  End(c, Local("2026-03-04", 10), "void");
  CaseRecord real = Receive(Local("2026-03-03", 10));
  Respond(real, Local("2026-03-04", 9));
  const AnnualReport r = Year2026();
  EXPECT_EQ(r.not_complaints, 1);
  EXPECT_EQ(r.complaints, 1);
  EXPECT_EQ(r.closed, 0);
  EXPECT_EQ(r.stage_one.total(), 1);
  EXPECT_EQ(r.stage_one.holding_letters, 0);
  EXPECT_EQ(r.months[2].complaints, 1);
}

TEST_F(ReportTest, WorkingDaysSkipChristmasAndTheNewYear) {
  // Received Monday 14 December 2026: 25 and 28 December and 1 January are bank holidays, so
  // day 30 is Thursday 28 January 2027 (counting weekends alone would make it 25 January).
  for (const char* answered : {"2027-01-26", "2027-01-28", "2027-01-29"}) {
    CaseRecord c = Receive(Local("2026-12-14", 15));
    EXPECT_EQ(c.respond_due, "2027-01-28");
    Respond(c, Local(answered, 16));
  }
  Receive(Local("2026-12-24", 16));  // due Tuesday 9 February 2027
  Compliment(Local("2026-12-24", 9), "<c1@family.test>");
  const AnnualReport r = Report("2026-12-01", "2026-12-31", Local("2027-02-05", 12));
  EXPECT_EQ(r.complaints, 4);
  EXPECT_EQ(r.stage_one.within_time, 2);
  EXPECT_EQ(r.stage_one.late, 1);
  EXPECT_EQ(r.stage_one.awaiting, 1) << "due 9 February, after the report's day";
  EXPECT_EQ(r.compliments, 1);
  ASSERT_EQ(r.months.size(), 1u);
  EXPECT_EQ(r.months[0].month, "2026-12");
}

TEST_F(ReportTest, OnlyComplaintsReceivedInThePeriodAreCounted) {
  Receive(Local("2025-12-31", 23, 30));
  Receive(Local("2026-01-01", 0, 0));  // midnight in London: 2026
  Receive(Local("2027-01-01", 0, 0));
  Compliment(Local("2026-06-01", 9), "<c1@family.test>");
  Compliment(Local("2027-01-01", 9), "<c2@family.test>");
  const AnnualReport r = Year2026();
  EXPECT_EQ(r.complaints, 1);
  EXPECT_EQ(r.compliments, 1);
  EXPECT_EQ(r.months.size(), 12u);
  EXPECT_EQ(r.months[5].compliments, 1);
}

}  // namespace
}  // namespace intaked
