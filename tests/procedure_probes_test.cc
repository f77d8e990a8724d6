// SPDX-License-Identifier: GPL-3.0-or-later
// Probes of the case life-cycle (docs/PROCEDURE.md), written as the people in the
// procedure would try to bend it: skip, end, hide or stall a stage they do not
// own, or let a deadline pass in silence. Each test is a regression test for
// what held. A test marked "FINDING n" shows where the product does not yet do
// what the SPEC or the policy asks; it is DISABLED_ until the product is fixed
// (remove the prefix, or run with --gtest_also_run_disabled_tests, to see it
// fail). The findings are numbered across the three probe files.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "probe_harness.h"

namespace intaked {
namespace {

// ---------------------------------------------------------------------------
// Skipping or ending a stage one does not own.

TEST_F(ProcedureProbes, TheNamedCoChairHearsNothingAndCannotActEvenWithALetterTheyGotHold) {
  Complain("I am unhappy with how Alex Able chaired the forum.");
  ASSERT_EQ(Case().handler_email, kB);
  // Alex is shown Bea's notification (forwarded by someone) and answers it, as the handler would.
  for (const char* body : {"#close", "#not-complaint", "#reassign", "#outcome\r\nNothing to see.",
                           "Dear Pat, please drop this."}) {
    EXPECT_TRUE(Deliver(Reply(kAlex, notification_, body)).empty()) << body;
  }
  // And from his own client, with the reference: his Sent folder proves only who he is.
  server_.Deliver(kA,
                  "From: Alex Able <chair.a@pacts.test>\r\nTo: info@pacts.test\r\nSubject: "
                  "[PACTS-2026-0001] closing\r\nMessage-ID: <alex-sent@pacts.test>\r\n\r\n"
                  "#withdrawn\r\n",
                  clock_.Now(), "Sent");
  EXPECT_TRUE(CycleOn("2026-11-25", 11).empty());
  EXPECT_EQ(Case().state, CaseState::kOpen);
  EXPECT_EQ(Case().phase, Phase::kStageOne);
  EXPECT_TRUE(Events("handler_reply").empty());
  // Nor does anything about it reach him later: reminders, a refused holding, overdue notices.
  Deliver(Reply(kBea, notification_, "#holding 2027-01-20\r\nWaiting for the minutes."));
  Deliver(Reply(kBea, notification_, "#holding 2027-01-27\r\nStill waiting."));
  for (const char* day : {"2027-01-13", "2027-01-19", "2027-01-20", "2027-01-21", "2027-01-28"})
    CycleOn(day);
  EXPECT_TRUE(sender_.To(kA).empty());
  EXPECT_FALSE(sender_.To(kSteering).empty());
}

TEST_F(ProcedureProbes, TheOldHandlerIsNotHeardAfterTheCaseIsReassigned) {
  OpenCase();
  LetterTo(Deliver(Reply(kAlex, notification_, "#reassign")), kB, "reassigned to you");
  ASSERT_EQ(Case().handler_email, kB);
  // Alex answers his old notification: no keyword acted on, nothing relayed, nobody written to.
  for (const char* body : {"#close", "#reassign", "#outcome\r\nAll sorted.", "#holding 2027-01-20",
                           "Dear Pat, I still think you are wrong."}) {
    EXPECT_TRUE(Deliver(Reply(kAlex, notification_, body)).empty()) << body;
  }
  EXPECT_EQ(Case().handler_email, kB);
  EXPECT_EQ(Case().phase, Phase::kStageOne);
  EXPECT_EQ(Case().respond_due, "2027-01-11");
  EXPECT_TRUE(Events("handler_reply").empty());
}

TEST_F(ProcedureProbes, EscalatingTwiceOrAfterTheReviewIsRefused) {
  OpenCase();
  review_request_ = LetterTo(Deliver(Reply(kAlex, notification_, "#escalate")), kRita);
  ASSERT_EQ(Case().phase, Phase::kStageTwo);
  auto out = Deliver(Reply(kAlex, notification_, "#escalate"));
  ASSERT_EQ(out.size(), 1u) << "only the refusal";
  EXPECT_EQ(out[0].to, kA);
  LetterTo(Deliver(Reply(kRita, review_request_, "#outcome\r\nThe response stands.")), kParent);
  ASSERT_EQ(Case().close_cause, CloseCause::kReviewComplete);
  out = Deliver(Reply(kAlex, notification_, "#escalate"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(Has(out[0].message, "already had its independent review")) << out[0].message.body;
  // The parent asking again after the review starts nothing; Alex reads it.
  out = Deliver(Reply(kParent, ack_, "I want an independent review of the review."));
  EXPECT_EQ(CountTo(out, kRita), 0);
  EXPECT_EQ(CountTo(out, kA), 1);
  EXPECT_EQ(Case().phase, Phase::kDone);
  EXPECT_EQ(Events("stage_two").size(), 1u);
}

TEST_F(ProcedureProbes, TheReviewerIsNotHeardOnceTheReviewIsClosed) {
  IntoStageTwo();
  LetterTo(Deliver(Reply(kRita, review_request_, "#outcome\r\nNo change.")), kParent);
  for (const char* body : {"#holding 2027-02-01", "#outcome\r\nSecond thoughts.",
                           "Dear Pat, one more thing.", "#note afterthought"}) {
    const auto out = Deliver(Reply(kRita, review_request_, body));
    EXPECT_EQ(CountTo(out, kParent), 0) << body;
    EXPECT_EQ(CountTo(out, kRita), 1) << body << ": told why";
  }
  EXPECT_EQ(Case().close_cause, CloseCause::kReviewComplete);
  EXPECT_EQ(Events("review_outcome").size(), 1u);
}

TEST_F(ProcedureProbes, TheComplainantMayAppealAnOutcomeTheFallbackSent) {
  OpenCase();
  const Message notice = LetterTo(CycleOn("2027-01-12"), kSteering, "OVERDUE");
  const Message outcome =
      LetterTo(Deliver(Reply(kFallback, notice, "#outcome\r\nOur full response.")), kParent);
  ASSERT_EQ(Case().phase, Phase::kAppealWindow);
  const auto out = Deliver(Reply(kParent, outcome, "I am not satisfied; please review it."));
  LetterTo(out, kRita);
  LetterTo(out, kA, "Stage Two");
  EXPECT_EQ(Case().phase, Phase::kStageTwo);
}

// FINDING 1: the fallback may #close (or #withdrawn) a case in the appeal window, after
// the written response; an appeal the complainant then makes in time is only forwarded,
// and Stage Two never starts. The policy gives the complainant 14 working days to ask for
// an independent review; the SPEC's table opens #close to the fallback in "Stage One only",
// and MayAct's own refusal for the handler says why it cannot be later ("the complainant
// may still ask for an independent review, and the window closes by itself").
// lib/procedure/case_lifecycle.cc: kTable (kClose and kVoid rows, fallback column); and
// lib/engine/case_reply.cc: AppealInTime (honours only kAppealWindowEnded).
TEST_F(ProcedureProbes, TheFallbackCannotCutShortTheComplainantsAppealWindow) {
  OpenCase();
  const Message notice = LetterTo(CycleOn("2027-01-12"), kSteering, "OVERDUE");
  const Message outcome =
      LetterTo(Deliver(Reply(kAlex, notification_, "#outcome\r\nSorry.")), kParent);
  Deliver(Reply(kFallback, notice, "#close"));
  Deliver(Reply(kParent, outcome, "I am not satisfied and want an independent review."));
  EXPECT_EQ(Case().phase, Phase::kStageTwo) << "asked for within 14 working days";
}

// FINDING 1 (the same row): the fallback may void, as "not a complaint", a complaint that
// has had its written response - taking it out of the annual report's count.
TEST_F(ProcedureProbes, TheFallbackCannotVoidAComplaintAfterItsWrittenResponse) {
  OpenCase();
  const Message notice = LetterTo(CycleOn("2027-01-12"), kSteering, "OVERDUE");
  Deliver(Reply(kAlex, notification_, "#outcome\r\nSorry."));
  const auto out = Deliver(Reply(kFallback, notice, "#not-complaint"));
  EXPECT_EQ(Case().state, CaseState::kOpen);
  EXPECT_EQ(CountTo(out, kSteering), 1) << "told why not";
}

// FINDING 2: the handler can undo the admin's `intaked close` by answering the admin's
// notice with #escalate: the case reopens in Stage Two and goes to the reviewer. #escalate
// from a closed case is there for an appeal made after the window ("after it, the handler
// decides"); a case the admin closed (or one withdrawn) had no such window.
// lib/procedure/case_lifecycle.cc: kTable (kEscalate allows kDone) / MayAct (no close cause).
TEST_F(ProcedureProbes, TheHandlerCannotReopenACaseTheAdminClosed) {
  OpenCase();
  ASSERT_EQ(AdminClose("Resolved at the steering group meeting"), "");
  const Message closed = LetterTo(CycleOn("2026-11-25", 11), kA, "closed by the admin");
  const auto out = Deliver(Reply(kAlex, closed, "#escalate"));
  EXPECT_EQ(CountTo(out, kRita), 0);
  EXPECT_EQ(Case().phase, Phase::kDone);
  EXPECT_EQ(Case().close_cause, CloseCause::kClosedByAdmin);
}

TEST_F(ProcedureProbes, TheFallbackCannotAnswerEndOrHandOnTheIndependentReview) {
  IntoStageTwo();
  const Message notice = LetterTo(CycleOn("2027-01-12"), kSteering, "OVERDUE");
  EXPECT_TRUE(Has(notice, "Rita Review (the independent reviewer)")) << notice.body;
  for (const char* body : {"#outcome\r\nNo case.", "#close", "#withdrawn", "#not-complaint",
                           "#reassign", "#escalate"}) {
    const auto out = Deliver(Reply(kFallback, notice, body));
    EXPECT_EQ(CountTo(out, kParent), 0) << body;
    EXPECT_EQ(CountTo(out, kSteering), 1) << body << ": told why";
  }
  EXPECT_EQ(Case().phase, Phase::kStageTwo);
  EXPECT_EQ(Case().handler_email, kA);
}

TEST_F(ProcedureProbes, TheFallbackToldOfAnOverdueCaseKeepsItsPowerAfterHandingItOn) {
  OpenCase();
  const Message notice = LetterTo(CycleOn("2027-01-12"), kSteering, "OVERDUE");
  LetterTo(Deliver(Reply(kFallback, notice, "#reassign")), kB, "reassigned to you");
  const auto out =
      Deliver(Reply(kFallback, notice, "#holding 2027-01-29\r\nBea has just taken it over."));
  EXPECT_TRUE(Has(LetterTo(out, kParent), "Friday 29 January 2027"));
  EXPECT_EQ(Case().respond_due, "2027-01-29");
  EXPECT_EQ(Events("holding").back().actor, Role::kFallback);
}

// ---------------------------------------------------------------------------
// Holding letters.

TEST_F(ProcedureProbes, AHoldingDateOnTheCurrentDueDateIsRefusedAndTheOneHoldingIsKept) {
  OpenCase();
  auto out = Deliver(Reply(kAlex, notification_, "#holding 2027-01-11\r\nSame day."));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(Has(out[0].message, "after the current due date")) << out[0].message.body;
  EXPECT_TRUE(Events("holding").empty());
  out = Deliver(Reply(kAlex, notification_, "#holding 2027-01-18\r\nA week more."));
  EXPECT_TRUE(Has(LetterTo(out, kParent), "Monday 18 January 2027"));
  EXPECT_EQ(CountTo(out, kSteering), 0) << "a holding letter in order troubles nobody";
}

TEST_F(ProcedureProbes, TheReviewerHasTheirOwnHoldingLetterAfterOneInStageOne) {
  OpenCase();
  LetterTo(Deliver(Reply(kAlex, notification_, "#holding 2027-01-20\r\nWaiting.")), kParent);
  const Message outcome =
      LetterTo(Deliver(Reply(kAlex, notification_, "#outcome\r\nSorry.")), kParent);
  review_request_ =
      LetterTo(Deliver(Reply(kParent, outcome, "I would like an independent review.")), kRita);
  ASSERT_EQ(Case().review_due, "2027-01-11");
  auto out = Deliver(Reply(kRita, review_request_, "#holding 2027-01-14\r\nI need the minutes."));
  EXPECT_TRUE(Has(LetterTo(out, kParent), "Thursday 14 January 2027"));
  EXPECT_EQ(Case().review_due, "2027-01-14");
  out = Deliver(Reply(kRita, review_request_, "#holding 2027-01-21\r\nAnd the agenda."));
  EXPECT_EQ(CountTo(out, kParent), 0);
  LetterTo(out, kSteering, "holding letter was refused");
  EXPECT_EQ(Case().review_due, "2027-01-14");
  EXPECT_EQ(Case().respond_due, "2027-01-20") << "Stage One's date is history now";
  ASSERT_EQ(Events("review_holding").size(), 1u);
  EXPECT_EQ(Events("review_holding")[0].actor, Role::kReviewer);
}

// FINDING 3: one #holding from the handler can set a final date years away: accepted in
// silence, it stops every reminder, overdue notice and late letter until then, and nobody
// but the complainant hears of it. The policy's holding letter gives "a final date for a
// conclusion being reached" on a complaint it expects answered in 30 working days.
// Expected here: refused, or at the least the fallback told. lib/engine/case_actions.cc:
// CaseActions::Holding / lib/procedure/reply_command.cc: HoldingDateProblem (no upper bound).
TEST_F(ProcedureProbes, AHoldingDateYearsAwayIsNotAcceptedInSilence) {
  OpenCase();
  const auto out = Deliver(Reply(kAlex, notification_, "#holding 2031-01-06\r\nWe are very busy."));
  const bool refused = Case().respond_due == "2027-01-11";
  EXPECT_TRUE(refused || CountTo(out, kSteering) > 0) << "moved to " << Case().respond_due;
}

// FINDING 4: a Stage One handler's #holding during Stage Two is refused (rightly) but the
// fallback is then told "a holding letter was refused" and invited to send one itself:
// a way for the handler to have the independent review's date moved. The SPEC tells the
// fallback of a second #holding or a late one, not of a keyword its sender may not use.
// lib/engine/case_actions.cc: CaseActions::Permit (limited_holding ignores why it was refused).
TEST_F(ProcedureProbes, TheHandlersHoldingInStageTwoIsNotPassedToTheFallback) {
  IntoStageTwo();
  const auto out = Deliver(Reply(kAlex, notification_, "#holding 2027-01-20\r\nMore time."));
  EXPECT_EQ(CountTo(out, kA), 1) << "told why not";
  EXPECT_EQ(CountTo(out, kSteering), 0);
}

// ---------------------------------------------------------------------------
// When the fallback is the handler (a complaint naming both co-chairs).

TEST_F(ProcedureProbes, TheFallbackHandlingACaseGetsOneOverdueNoticeAndNoCoChairAny) {
  Complain("I am unhappy with both co-chairs.");
  ASSERT_EQ(Case().handler_email, kSteering);
  const auto out = CycleOn("2027-01-12");
  EXPECT_EQ(CountTo(out, kSteering, "OVERDUE"), 1);
  EXPECT_EQ(CountTo(out, kA) + CountTo(out, kB), 0);
  LetterTo(out, kParent, "our response is late");
}

// FINDING 5: letters to the fallback when it is itself the handler speak of the fallback as
// someone else, untruthfully: a refused second #holding says "the fallback has been told"
// (nobody was), and the overdue notice says "the Steering Group has been sent this notice
// too". lib/procedure/case_lifecycle.cc: MayAct (the refusal text);
// templates/overdue_notice.mustache with lib/engine/deadline_watch.cc: DeadlineStep.
TEST_F(ProcedureProbes, LettersToTheFallbackAsHandlerDoNotClaimTheFallbackWasTold) {
  Complain("I am unhappy with both co-chairs.");
  LetterTo(Deliver(Reply(kFallback, notification_, "#holding 2027-01-20\r\nWaiting.")), kParent);
  // The fallback handling the case is the fallback: its further holding letters go.
  const auto out = Deliver(Reply(kFallback, notification_, "#holding 2027-01-27\r\nStill."));
  for (const SentMail& s : out)
    EXPECT_FALSE(Has(s.message, "the fallback has been told")) << s.message.body;
  LetterTo(out, kParent);
  const Message notice = LetterTo(CycleOn("2027-01-28"), kSteering, "OVERDUE");
  EXPECT_FALSE(Has(notice, "has been sent this notice too")) << notice.body;
}

// FINDING 6: once a case the fallback handles has had all its overdue notices, no member
// of staff hears of it again: the weekly digest goes to the co-chairs only, and a case
// naming both is left out of theirs. docs/PROCEDURE.md (Reminders and overdue notices): "after that the case stands at the top of
// every weekly digest until it moves". lib/engine/scheduled_mail.cc: ScheduledMail::Digests.
TEST_F(ProcedureProbes, AStuckCaseTheFallbackHandlesIsStillInSomeonesDigest) {
  Complain("I am unhappy with both co-chairs.");
  const date::sys_days from = *ParseIsoDate("2027-01-12"), to = *ParseIsoDate("2027-02-26");
  int after_notices = 0;
  for (date::sys_days d = from; d <= to; d += date::days(1)) {
    const auto out = CycleOn(FormatIsoDate(d));
    if (d >= *ParseIsoDate("2027-02-09"))
      for (const SentMail& s : Except(out, kParent))
        after_notices += s.message.body.find("PACTS-2026-0001") != std::string::npos;
  }
  EXPECT_EQ(Events("late_letter").size(), 4u) << "the parent hears, every 10 working days";
  EXPECT_GT(after_notices, 0) << "three weeks of silence to staff on an overdue case";
}

// ---------------------------------------------------------------------------
// Overdue notices and late letters across a reassignment.

TEST_F(ProcedureProbes, AfterAReassignmentOverdueNoticesAndLateLettersCarryOnNeverTwiceADay) {
  OpenCase();
  std::map<std::string, std::vector<std::string>> notices;  // recipient -> days
  std::vector<std::pair<std::string, Message>> late;
  const auto keep = [&](const std::string& day, const std::vector<SentMail>& out) {
    for (const SentMail& s : out) {
      if (s.message.subject.find("OVERDUE") != std::string::npos) notices[s.to].push_back(day);
      if (s.to == kParent) late.push_back({day, s.message});
    }
  };
  const date::sys_days from = *ParseIsoDate("2027-01-12"), to = *ParseIsoDate("2027-02-12");
  Message notice;
  for (date::sys_days d = from; d <= to; d += date::days(1)) {
    const std::string day = FormatIsoDate(d);
    const auto out = CycleOn(day);
    keep(day, out);
    if (day == "2027-01-12") notice = LetterTo(out, kSteering, "OVERDUE");
    if (day == "2027-01-13") keep(day, Deliver(Reply(kFallback, notice, "#reassign")));
    if (day == "2027-01-13") keep(day, CycleOn(day, 15));  // a later cycle the same day
  }
  using V = std::vector<std::string>;
  EXPECT_EQ(notices[kA], (V{"2027-01-12"}));
  EXPECT_EQ(notices[kB], (V{"2027-01-19", "2027-01-26", "2027-02-02"}));
  EXPECT_EQ(notices[kSteering], (V{"2027-01-12", "2027-01-19", "2027-01-26", "2027-02-02"}));
  ASSERT_EQ(late.size(), 3u);
  EXPECT_EQ(late[0].first, "2027-01-12");
  EXPECT_EQ(late[1].first, "2027-01-26");
  EXPECT_EQ(late[2].first, "2027-02-09");
  EXPECT_TRUE(Has(late[1].second, "now with Bea Bright")) << late[1].second.body;
}

// FINDING 7: after downtime, the complainant's first late letter can be the second of the
// series and say "We wrote to you about this delay before" - they had no letter. (The same
// happens to every overdue case when a database is upgraded to schema 6: the late-letter
// ledger starts empty.) lib/engine/deadline_watch.cc: DeadlineWatch::LateLetter
// (`first` = the step is 1, not "no late letter has gone for this date").
TEST_F(ProcedureProbes, TheFirstLateLetterAfterDowntimeDoesNotClaimAnEarlierOne) {
  OpenCase();
  const Message late = LetterTo(CycleOn("2027-01-27"), kParent, "our response is late");
  EXPECT_FALSE(Has(late, "We wrote to you about this delay before")) << late.body;
}

}  // namespace
}  // namespace intaked
