// SPDX-License-Identifier: GPL-3.0-or-later
// The procedure cannot be bent: who may do what in which
// phase, holding letters once and on time, a fallback with the power to act,
// no deadline passed in silence, honest letters - through the whole engine
// with fake mailboxes and a clock that moves only when told.
#include <gtest/gtest.h>

#include "engine_harness.h"
#include "procedure/case_lifecycle.h"

namespace intaked {
namespace {

constexpr const char* kHandler = "Alex Able <chair.a@pacts.test>";
constexpr const char* kFallback = "Steering Group <steering@pacts.test>";
constexpr const char* kReviewer = "Rita Review <reviewer@outside.test>";

class ProcedureRules : public EngineHarness {
 protected:

  // Opens the case, sends the Stage One outcome, and has the parent ask for a review;
  // keeps the reviewer's request and the handler's Stage Two notice.
  void IntoStageTwo() {
    OpenCase();
    const auto out = Deliver(Reply(kHandler, notification_, "#outcome\r\nWe apologise."));
    const Message outcome = LetterTo(out, "parent@family.test");
    const auto s2 = Deliver(Reply("parent@family.test", outcome,
                                  "I am not satisfied and would like an independent review."));
    review_request_ = LetterTo(s2, "reviewer@outside.test");
    stage2_notice_ = LetterTo(s2, "chair.a@pacts.test");
    ASSERT_EQ(Case().phase, Phase::kStageTwo);
  }

  Message review_request_, stage2_notice_;
};

TEST_F(ProcedureRules, TheStageOneHandlerCannotEndHideOrAnswerTheIndependentReview) {
  IntoStageTwo();
  for (const char* keyword :
       {"#close", "#withdrawn", "#not-complaint", "#reassign", "#outcome\r\nNo case to answer."}) {
    for (const Message* letter : {&notification_, &stage2_notice_}) {
      const auto out = Deliver(Reply(kHandler, *letter, keyword));
      ASSERT_EQ(out.size(), 1u) << keyword << ": only the refusal goes, to its sender";
      EXPECT_EQ(out[0].to, "chair.a@pacts.test");
      EXPECT_NE(out[0].message.body.find("Stage Two is independent"), std::string::npos)
          << out[0].message.body;
    }
  }
  EXPECT_EQ(Case().phase, Phase::kStageTwo);
  EXPECT_EQ(Case().state, CaseState::kOpen);
  const auto refused = Events("refused");
  ASSERT_EQ(refused.size(), 10u) << "every refusal is on the timeline";
  for (const CaseEvent& e : refused) EXPECT_EQ(e.actor, Role::kHandler);
}

TEST_F(ProcedureRules, TheReviewerRecommendsButCannotCloseVoidOrReassign) {
  IntoStageTwo();
  // The reviewer is offered only what the reviewer may do.
  EXPECT_NE(review_request_.body.find("#outcome"), std::string::npos);
  EXPECT_EQ(review_request_.body.find("#close"), std::string::npos) << review_request_.body;
  EXPECT_EQ(review_request_.body.find("#reassign"), std::string::npos);
  EXPECT_EQ(review_request_.body.find("#not-complaint"), std::string::npos);
  for (const char* keyword : {"#close", "#not-complaint", "#reassign", "#escalate"}) {
    const auto out = Deliver(Reply(kReviewer, review_request_, keyword));
    ASSERT_EQ(out.size(), 1u) << keyword;
    EXPECT_EQ(out[0].to, "reviewer@outside.test");
    EXPECT_NE(out[0].message.body.find("not open to the independent reviewer"), std::string::npos)
        << out[0].message.body;
  }
  EXPECT_EQ(Case().phase, Phase::kStageTwo);
  const auto out = Deliver(Reply(kReviewer, review_request_, "#outcome\r\nNo change."));
  LetterTo(out, "parent@family.test");
  EXPECT_EQ(Case().close_cause, CloseCause::kReviewComplete);
}

TEST_F(ProcedureRules, OneHoldingLetterFromTheHandlerThenTheFallbackDecides) {
  OpenCase();
  ASSERT_EQ(Case().respond_due, "2027-01-11");
  auto out = Deliver(Reply(kHandler, notification_, "#holding 2027-01-20\r\nWe await the school."));
  EXPECT_NE(LetterTo(out, "parent@family.test").body.find("Wednesday 20 January 2027"),
            std::string::npos);
  EXPECT_EQ(Case().respond_due, "2027-01-20");

  // A second one from the handler: refused, the handler told why, the fallback told.
  out = Deliver(Reply(kHandler, notification_, "#holding 2027-01-29\r\nStill waiting."));
  EXPECT_EQ(CountTo(out, "parent@family.test"), 0);
  EXPECT_NE(LetterTo(out, "chair.a@pacts.test").body.find("already been sent"), std::string::npos);
  const Message told = LetterTo(out, "steering@pacts.test", "holding letter was refused");
  EXPECT_NE(told.body.find("You are receiving this as the Steering Group"), std::string::npos);
  EXPECT_EQ(Case().respond_due, "2027-01-20");

  // The fallback may send further ones, by replying to what it was told.
  out = Deliver(Reply(kFallback, told, "#holding 2027-01-29\r\nThe school has not replied."));
  EXPECT_NE(LetterTo(out, "parent@family.test").body.find("Friday 29 January 2027"),
            std::string::npos);
  out = Deliver(Reply(kFallback, told, "#holding 2027-02-05\r\nOne more week."));
  LetterTo(out, "parent@family.test");
  EXPECT_EQ(Case().respond_due, "2027-02-05");
  const auto holdings = Events("holding");
  ASSERT_EQ(holdings.size(), 3u);
  EXPECT_EQ(holdings[0].actor, Role::kHandler);
  EXPECT_EQ(holdings[2].actor, Role::kFallback);
}

TEST_F(ProcedureRules, AHoldingLetterAfterTheOriginalDateIsRefusedAndTheFallbackTold) {
  OpenCase();
  CycleOn("2027-01-13");  // two working days past Monday 11 January
  const auto out = Deliver(Reply(kHandler, notification_, "#holding 2027-01-25\r\nSorry."));
  EXPECT_EQ(CountTo(out, "parent@family.test"), 0);
  EXPECT_NE(LetterTo(out, "chair.a@pacts.test").body.find("original response date"),
            std::string::npos);
  LetterTo(out, "steering@pacts.test", "holding letter was refused");
  EXPECT_EQ(Case().respond_due, "2027-01-11");
}

TEST_F(ProcedureRules, AHoldingDateMustComeAfterTheCurrentDueDate) {
  OpenCase();
  const auto out = Deliver(Reply(kHandler, notification_, "#holding 2027-01-08"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_NE(out[0].message.body.find("after the current due date"), std::string::npos);
  EXPECT_EQ(Case().respond_due, "2027-01-11");
  EXPECT_TRUE(Events("holding").empty());
}

TEST_F(ProcedureRules, TheFallbackActsByReplyingToItsOverdueNotice) {
  OpenCase();
  // Before any notice the fallback has no standing on the case: recorded only.
  EXPECT_TRUE(Deliver(Reply(kFallback, notification_, "#outcome\r\nForged.")).empty());
  auto out = CycleOn("2027-01-12");
  const Message notice = LetterTo(out, "steering@pacts.test", "OVERDUE");
  EXPECT_EQ(notice.body.rfind("Steering Group,", 0), 0u) << "addressed as the fallback";
  EXPECT_EQ(notice.body.find("Alex Able,"), std::string::npos);
  EXPECT_NE(notice.body.find("#reassign"), std::string::npos);
  EXPECT_EQ(LetterTo(out, "chair.a@pacts.test", "OVERDUE").body.rfind("Alex Able,", 0), 0u);

  out = Deliver(Reply(kFallback, notice, "#reassign"));
  const Message handed = LetterTo(out, "chair.b@pacts.test");
  EXPECT_NE(handed.subject.find("reassigned to you"), std::string::npos);
  EXPECT_EQ(handed.body.find("A new complaint"), std::string::npos);
  EXPECT_NE(handed.body.find("It was held by Alex Able"), std::string::npos);
  EXPECT_EQ(Case().handler_email, "chair.b@pacts.test");

  out = Deliver(Reply(kFallback, notice, "#outcome\r\nOur full response."));
  EXPECT_NE(LetterTo(out, "parent@family.test").body.find("Our full response."), std::string::npos);
  EXPECT_EQ(Case().phase, Phase::kAppealWindow);
  ASSERT_EQ(Events("outcome").size(), 1u);
  EXPECT_EQ(Events("outcome")[0].actor, Role::kFallback);
}

TEST_F(ProcedureRules, TheComplainantHearsOfALateResponseEvenAfterDowntimeAndEveryTenDays) {
  OpenCase();
  // intaked was down from opening until Friday 15 January, four working days late.
  auto out = CycleOn("2027-01-15");
  const Message late = LetterTo(out, "parent@family.test", "our response is late");
  EXPECT_NE(late.body.find("now with Alex Able"), std::string::npos) << late.body;
  EXPECT_NE(late.body.find("by Tuesday 26 January 2027"), std::string::npos) << late.body;
  EXPECT_EQ(Events("late_letter").size(), 1u);
  for (const char* day : {"2027-01-18", "2027-01-22", "2027-01-25"})
    EXPECT_EQ(CountTo(CycleOn(day), "parent@family.test"), 0) << day;
  LetterTo(CycleOn("2027-01-26"), "parent@family.test", "our response is late");
}

TEST_F(ProcedureRules, AComplainantWithoutEmailGetsTheirLettersThroughTheHandler) {
  const std::string raw =
      "From: Bea Bright <chair.b@pacts.test>\r\nTo: info@pacts.test\r\nSubject: Phone call\r\n"
      "Message-ID: <phone1@pacts.test>\r\n\r\n#complaint\r\nComplainant: Jo Carer\r\n"
      "Jo rang, unhappy that the helpline was unanswered for a week.\r\n";
  server_.Deliver("chair.b@pacts.test", raw, clock_.Now(), "Sent");
  const auto out = CycleOn("2026-11-25");
  ASSERT_EQ(out.size(), 2u);
  const Message note = LetterTo(out, "chair.b@pacts.test", "New complaint");
  EXPECT_NE(note.body.find("Acknowledged:     NO"), std::string::npos) << note.body;
  EXPECT_NE(note.body.find("by phone or post, by Wednesday 9 December 2026"), std::string::npos);
  EXPECT_EQ(note.body.find("yes, automatically"), std::string::npos);
  const Message post = LetterTo(out, "chair.b@pacts.test", "PLEASE SEND BY POST OR PHONE");
  EXPECT_NE(post.body.find("Dear Jo Carer"), std::string::npos) << post.body;
  EXPECT_FALSE(Case().acknowledged);
  // Reminded before the acknowledgement date; never by an overdue notice for it.
  const Message reminder = LetterTo(CycleOn("2026-12-02"), "chair.b@pacts.test", "acknowledge");
  EXPECT_NE(reminder.body.find("by phone or post"), std::string::npos);
  EXPECT_TRUE(CycleOn("2026-12-10").empty());
  // The outcome comes to the handler to post, too.
  const auto outcome =
      Deliver(Reply("Bea Bright <chair.b@pacts.test>", note, "#outcome\r\nSorted."));
  EXPECT_NE(LetterTo(outcome, "chair.b@pacts.test", "PLEASE SEND BY POST").body.find("Sorted."),
            std::string::npos);
}

TEST_F(ProcedureRules, AnAppealMadeInTimeCountsEvenWhenReadAfterTheWindowClosed) {
  OpenCase();
  const Message outcome =
      LetterTo(Deliver(Reply(kHandler, notification_, "#outcome\r\nSorry.")), "parent@family.test");
  ASSERT_EQ(Case().appeal_due, "2026-12-15");
  // Sent (and received by the server) on the last day; intaked could not read it until after
  // the window had closed the case.
  server_.Deliver("info@pacts.test",
                  Reply("parent@family.test", outcome, "I would like an independent review."),
                  UtcAt("2026-12-15", 16));
  CycleOn("2026-12-17");
  EXPECT_EQ(Case().phase, Phase::kStageTwo);
  EXPECT_TRUE(Case().reached_stage_two);
}

TEST_F(ProcedureRules, AHandlersNewMessageIsActedOnFromTheirSentFolderNotDropped) {
  OpenCase();
  const std::string raw =
      "From: Alex Able <chair.a@pacts.test>\r\nTo: info@pacts.test\r\n"
      "Subject: [PACTS-2026-0001] update\r\nMessage-ID: <alex-new@pacts.test>\r\n\r\n"
      "#note spoke to the parent by phone\r\n";
  server_.Deliver("info@pacts.test", raw, clock_.Now());
  server_.Deliver("chair.a@pacts.test", raw, clock_.Now(), "Sent");
  CycleOn("2026-11-25", 11);
  EXPECT_EQ(Events("note").size(), 1u);
  EXPECT_TRUE(Events("unauthenticated").empty());
}

TEST_F(ProcedureRules, AnAcknowledgementTheServerRefusesIsNotClaimedAndTheHandlerIsTold) {
  sender_.decide = [](const std::string& to) {
    return to == "parent@family.test" ? SendOutcome::Kind::kPermanentFailure
                                      : SendOutcome::Kind::kAccepted;
  };
  Deliver(
      "From: Pat Parent <parent@family.test>\r\nTo: info@pacts.test\r\nSubject: Complaint\r\n"
      "Message-ID: <c1@family.test>\r\n\r\nI am unhappy with the forum.\r\n");
  EXPECT_FALSE(Case().acknowledged);
  const Message told = LetterTo(CycleOn("2026-11-25", 11), "chair.a@pacts.test", "Not delivered");
  EXPECT_NE(told.body.find("by phone or post"), std::string::npos) << told.body;
  EXPECT_NE(told.body.find("Wednesday 9 December 2026"), std::string::npos) << told.body;
  EXPECT_EQ(Events("undelivered").size(), 1u);
  // From now on the handler is reminded to acknowledge it themselves.
  LetterTo(CycleOn("2026-12-02"), "chair.a@pacts.test", "Please acknowledge");
}

TEST_F(ProcedureRules, BouncesOnTheCaseTellTheHandlerOnceADay) {
  OpenCase();
  for (int i = 0; i < 3; ++i) {
    const std::string id = "<bounce" + std::to_string(i) + "@mx.family.test>";
    Deliver(
        "From: MAILER-DAEMON@mx.family.test\r\nTo: info@pacts.test\r\nSubject: "
        "Undelivered Mail Returned to Sender\r\nMessage-ID: " +
        id + "\r\nIn-Reply-To: <" + ack_.message_id +
        ">\r\n\r\n<parent@family.test>: host mx.family.test said: 550 mailbox full\r\n");
  }
  EXPECT_EQ(Events("undelivered").size(), 3u);
  EXPECT_EQ(sender_.To("chair.a@pacts.test").size(), 2u) << "the notification, and one notice";
  EXPECT_EQ(sender_.To("parent@family.test").size(), 1u) << "no answer to a bounce";
}

// The table, row by row, as docs/PROCEDURE.md ("Acting on a case by email") writes it.
TEST(CaseLifecycle, WhoMayDoWhatIsTheSpecsTable) {
  const Phase s1 = Phase::kStageOne, appeal = Phase::kAppealWindow, s2 = Phase::kStageTwo;
  auto may = [](Role r, CaseAct a, Phase p, ActFacts f = {}) {
    return MayAct(r, a, p, CaseState::kOpen, f).allowed;
  };
  for (Role r : {Role::kHandler, Role::kFallback}) {
    EXPECT_TRUE(may(r, CaseAct::kCorrespond, s1));
    EXPECT_TRUE(may(r, CaseAct::kNote, s1));
    EXPECT_TRUE(may(r, CaseAct::kOutcome, s1));
    EXPECT_FALSE(may(r, CaseAct::kOutcome, s2));
    EXPECT_TRUE(may(r, CaseAct::kEscalate, s1));
    EXPECT_TRUE(may(r, CaseAct::kReassign, s1));
    EXPECT_TRUE(may(r, CaseAct::kClose, s1));
    EXPECT_TRUE(may(r, CaseAct::kVoid, s1));
    EXPECT_FALSE(may(r, CaseAct::kClose, s2));
    EXPECT_FALSE(may(r, CaseAct::kVoid, s2));
  }
  // Closing and voiding end before the outcome: the appeal window is the complainant's.
  EXPECT_FALSE(may(Role::kHandler, CaseAct::kClose, appeal));
  EXPECT_FALSE(may(Role::kFallback, CaseAct::kClose, appeal));
  EXPECT_FALSE(may(Role::kFallback, CaseAct::kVoid, appeal));
  EXPECT_FALSE(may(Role::kHandler, CaseAct::kReassign, s2));
  // Holding letters: once and on time for the handler and the reviewer, freely for the fallback.
  EXPECT_TRUE(may(Role::kHandler, CaseAct::kHolding, s1));
  EXPECT_FALSE(may(Role::kHandler, CaseAct::kHolding, s1, {.holding_letters_by_role = 1}));
  EXPECT_FALSE(may(Role::kHandler, CaseAct::kHolding, s1, {.past_original_date = true}));
  EXPECT_FALSE(may(Role::kHandler, CaseAct::kHolding, s2));
  EXPECT_TRUE(may(Role::kFallback, CaseAct::kHolding, s1,
                  {.holding_letters_by_role = 3, .past_original_date = true}));
  EXPECT_TRUE(may(Role::kReviewer, CaseAct::kHolding, s2));
  EXPECT_FALSE(may(Role::kReviewer, CaseAct::kHolding, s2, {.holding_letters_by_role = 1}));
  // The reviewer: writes, notes, recommends; nothing else, and only in Stage Two.
  EXPECT_TRUE(may(Role::kReviewer, CaseAct::kOutcome, s2));
  EXPECT_TRUE(may(Role::kReviewer, CaseAct::kCorrespond, s2));
  for (CaseAct a : {CaseAct::kEscalate, CaseAct::kReassign, CaseAct::kClose, CaseAct::kVoid})
    EXPECT_FALSE(may(Role::kReviewer, a, s2));
  EXPECT_FALSE(may(Role::kReviewer, CaseAct::kOutcome, s1));
  // The admin can always close or reassign an open case; the complainant acts by no keyword.
  for (Phase p : {s1, appeal, s2}) {
    EXPECT_TRUE(may(Role::kAdmin, CaseAct::kClose, p));
    EXPECT_TRUE(may(Role::kAdmin, CaseAct::kReassign, p));
    EXPECT_FALSE(may(Role::kComplainant, CaseAct::kClose, p));
  }
  // A void case takes notes only; a reviewed case has no further stage.
  EXPECT_FALSE(MayAct(Role::kHandler, CaseAct::kEscalate, Phase::kDone, CaseState::kVoid).allowed);
  EXPECT_TRUE(MayAct(Role::kHandler, CaseAct::kNote, Phase::kDone, CaseState::kVoid).allowed);
  EXPECT_FALSE(may(Role::kHandler, CaseAct::kEscalate, Phase::kDone,
                   {.reviewed = true, .appeal_window_ended = true}));
  EXPECT_TRUE(may(Role::kHandler, CaseAct::kEscalate, Phase::kDone, {.appeal_window_ended = true}));
  EXPECT_FALSE(may(Role::kHandler, CaseAct::kEscalate, Phase::kDone)) << "withdrawn or closed";
}

TEST(CaseLifecycle, StorageNamesRoundTrip) {
  for (Phase p : {Phase::kStageOne, Phase::kAppealWindow, Phase::kStageTwo, Phase::kDone})
    EXPECT_EQ(ParsePhase(StorageName(p)), p);
  for (CaseState s : {CaseState::kOpen, CaseState::kClosed, CaseState::kVoid})
    EXPECT_EQ(ParseCaseState(StorageName(s)), s);
  for (Role r : {Role::kHandler, Role::kFallback, Role::kReviewer, Role::kAdmin, Role::kComplainant,
                 Role::kIntaked})
    EXPECT_EQ(ParseRole(StorageName(r)), r);
  for (CaseEventKind k : AllCaseEventKinds()) EXPECT_EQ(ParseCaseEventKind(StorageName(k)), k);
  EXPECT_EQ(AllCaseEventKinds().size(), size_t(CaseEventKind::kErased) + 1)
      << "every kind is in the one list";
  EXPECT_FALSE(ParsePhase("stage3"));
}

}  // namespace
}  // namespace intaked
