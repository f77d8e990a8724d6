// SPDX-License-Identifier: GPL-3.0-or-later
// Probes of the letters the procedure sends (docs/PROCEDURE.md): the acknowledgement,
// letters for a complainant without email, and whether any letter reaches the
// wrong person or says what is not true. As in procedure_probes_test.cc, a
// "FINDING n" test is DISABLED_ until the product is fixed.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "probe_harness.h"
#include "procedure/complainant_requests.h"

namespace intaked {
namespace {

// ---------------------------------------------------------------------------
// The acknowledgement.

// FINDING 8: for a complaint no acknowledgement went for, if intaked is down over the
// reminder days and the acknowledgement date, the handler is never reminded: the only
// step due afterwards is an overdue one, and those are dropped. The policy deadline
// passes in silence. docs/PROCEDURE.md (Reminders and overdue notices): each reminder goes "even if the daemon was down when it
// fell due". lib/engine/deadline_watch.cc: DeadlineWatch::AcknowledgeReminder.
TEST_F(ProcedureProbes, DowntimeOverTheAcknowledgementDateStillRemindsTheHandler) {
  PhoneComplaint();
  const auto out = CycleOn("2026-12-10");
  EXPECT_EQ(CountTo(out, kB, "acknowledge"), 1);
}

// FINDING 9: the acknowledgement reminder asks the handler to reply "#note acknowledged by
// phone on <date>", and then reminds them again anyway. lib/engine/deadline_watch.cc:
// DeadlineWatch::AcknowledgeReminder (nothing records an acknowledgement given by hand).
TEST_F(ProcedureProbes, AnAcknowledgementNotedByTheHandlerIsNotAskedForAgain) {
  PhoneComplaint();
  const Message reminder = LetterTo(CycleOn("2026-12-02"), kB, "acknowledge");
  ASSERT_TRUE(Has(reminder, "#note acknowledged by phone"));
  Deliver(Reply(kBea, reminder, "#note acknowledged by phone on 2 December"));
  EXPECT_EQ(CountTo(CycleOn("2026-12-08"), kB, "acknowledge"), 0);
}

// ---------------------------------------------------------------------------
// A complainant without email.

TEST_F(ProcedureProbes, WithoutEmailTheStageTwoLettersComeToTheHandlerToPost) {
  PhoneComplaint();
  auto out = Deliver(Reply(kBea, notification_, "#escalate"));
  const Message request = LetterTo(out, kRita);
  EXPECT_TRUE(Has(LetterTo(out, kB, "PLEASE SEND BY POST"), "Dear Jo Carer"));
  out = Deliver(Reply(kRita, request, "Dear Jo, could you tell me when you rang?"));
  EXPECT_TRUE(Has(LetterTo(out, kRita, "Not done"), "no email address")) << "not lost in silence";
  out = Deliver(Reply(kRita, request, "#holding 2027-01-15\r\nI need to speak to the helpline."));
  EXPECT_TRUE(Has(LetterTo(out, kB, "PLEASE SEND BY POST"), "Friday 15 January 2027"));
  out = Deliver(Reply(kRita, request, "#outcome\r\nThe helpline should be staffed."));
  EXPECT_TRUE(Has(LetterTo(out, kB, "PLEASE SEND BY POST"), "The helpline should be staffed."));
  for (const SentMail& s : sender_.sent) EXPECT_TRUE(s.to == kB || s.to == kRita) << s.to;
  EXPECT_EQ(Case().close_cause, CloseCause::kReviewComplete);
}

// FINDING 10: the overdue notices tell the handler and the fallback "The complainant has
// been told that the response is late" when the complainant has no email and the late
// letter went to the handler to post - nobody has told them yet.
// templates/overdue_notice.mustache; lib/engine/deadline_watch.cc: DeadlineStep.
TEST_F(ProcedureProbes, AnOverdueNoticeDoesNotClaimAComplainantWithoutEmailWasTold) {
  PhoneComplaint();
  const auto out = CycleOn("2027-01-12");
  LetterTo(out, kB, "PLEASE SEND BY POST");
  for (const char* to : {kB, kSteering}) {
    const Message notice = LetterTo(out, to, "OVERDUE");
    EXPECT_FALSE(Has(notice, "has been told that the response is late")) << notice.body;
  }
}

// ---------------------------------------------------------------------------
// Letters to the wrong person.

TEST_F(ProcedureProbes, AnAnonymousComplainantIsHiddenInEveryNewLetterToStaff) {
  Complain("I am unhappy with the forum. Please keep this anonymous, don't share my name.");
  ASSERT_TRUE(Case().anonymous);
  const std::string handler = Case().handler_email;
  const std::string handler_from = handler == kA ? kAlex : kBea;
  // A refused second holding letter (to the fallback), a bounce (to the handler), overdue
  // notices (to both), a reassignment (to the other co-chair), the admin's close (to the new
  // handler).
  Deliver(Reply(handler_from, notification_, "#holding 2027-01-20\r\nWaiting."));
  Deliver(Reply(handler_from, notification_, "#holding 2027-01-27\r\nStill."));
  Deliver(
      "From: MAILER-DAEMON@mx.family.test\r\nTo: info@pacts.test\r\nSubject: Undelivered Mail "
      "Returned to Sender\r\nMessage-ID: <bounce@mx.family.test>\r\nIn-Reply-To: <" +
      ack_.message_id + ">\r\n\r\n<parent@family.test>: host mx.family.test said: 550 full\r\n");
  const Message notice = LetterTo(CycleOn("2027-01-21"), kSteering, "OVERDUE");
  Deliver(Reply(kFallback, notice, "#reassign"));
  ASSERT_EQ(AdminClose("Resolved by phone"), "");
  CycleOn("2027-01-21", 12);
  std::vector<std::string> subjects;
  for (const SentMail& s : Except(sender_.sent, kParent)) {
    subjects.push_back(s.message.subject);
    const std::string headers = s.raw.substr(0, s.raw.find("\r\n\r\n"));
    for (const char* secret : {"Pat", "parent@", "family.test"}) {
      EXPECT_EQ(headers.find(secret), std::string::npos) << secret << " to " << s.to << headers;
      EXPECT_FALSE(Has(s.message, secret)) << secret << " to " << s.to << ":\n" << s.message.body;
    }
  }
  for (const char* letter : {"A holding letter was refused", "Not delivered", "OVERDUE",
                             "reassigned to you", "closed by the admin"}) {
    EXPECT_EQ(std::count_if(subjects.begin(), subjects.end(),
                            [&](const std::string& s) { return s.find(letter) != s.npos; }) > 0,
              true)
        << letter;
  }
}

// FINDING 11: a complainant who asks in a later reply not to be named ("don't tell them it
// was me") stays named: their name and address still go to the handler and in the case
// pack to whoever the case is handed to. docs/PROCEDURE.md (Cases and routing) "Anonymous": "... in the complaint or a
// later reply". (Not new in this change.) lib/engine/case_reply.cc: FromComplainant.
TEST_F(ProcedureProbes, AskingForAnonymityInALaterReplyHidesTheComplainantFromThen) {
  OpenCase();
  Deliver(Reply(kParent, ack_, "Please don't share my name with them."));
  EXPECT_TRUE(Case().anonymous);
  const Message handed =
      LetterTo(Deliver(Reply(kAlex, notification_, "#reassign")), kB, "reassigned");
  EXPECT_FALSE(Has(handed, "parent@family.test")) << handed.body;
}

// FINDING 11 (the phrase): the SPEC's own example of asking not to be named is not
// recognised. lib/procedure/complainant_requests.cc: AsksForAnonymity.
TEST(ProcedureProbePhrases, DontTellThemItWasMeAsksForAnonymity) {
  EXPECT_TRUE(AsksForAnonymity("Please don't tell them it was me."));
  EXPECT_TRUE(AsksForAnonymity("Please do not tell them it was me."));
}

// FINDING 12: a co-chair who writes to the complainant from their own client and copies
// the intake address (as they would, to keep the case informed) has their letter sent to
// the complainant a second time by intaked: the Sent-folder copy is "addressed to intake",
// so it is relayed. docs/PROCEDURE.md (Acting on a case by email): replies sent straight to the complainant are "recorded on
// the case (not sent again)". lib/engine/case_reply.cc: HandleCaseMessage (the
// sent_folder_owner branch; AddressedTo also counts Cc).
TEST_F(ProcedureProbes, ALetterToTheComplainantCopiedToIntakeIsNotSentTwice) {
  OpenCase();
  const std::string raw =
      "From: Alex Able <chair.a@pacts.test>\r\nTo: Pat Parent <parent@family.test>\r\n"
      "Cc: info@pacts.test\r\nSubject: [PACTS-2026-0001] Your complaint\r\n"
      "Message-ID: <alex-direct@pacts.test>\r\n\r\nDear Pat, I have spoken to the forum lead.\r\n";
  server_.Deliver("info@pacts.test", raw, clock_.Now());
  server_.Deliver(kA, raw, clock_.Now(), "Sent");
  const auto out = CycleOn("2026-11-25", 11);
  EXPECT_EQ(CountTo(out, kParent), 0) << "they have it already, from Alex";
  EXPECT_EQ(Events("direct_reply").size(), 1u);
}

// FINDING 13: when the fallback acts on an overdue case, whoever holds it is not told: the
// handler does not learn that the complainant has had their written response, nor the
// reviewer that the review's final date was moved. lib/engine/case_actions.cc:
// CaseActions::Outcome / CaseActions::Holding (letters only to the complainant).
TEST_F(ProcedureProbes, WhenTheFallbackActsWhoeverHoldsTheCaseIsTold) {
  OpenCase();
  Message notice = LetterTo(CycleOn("2027-01-12"), kSteering, "OVERDUE");
  auto out = Deliver(Reply(kFallback, notice, "#outcome\r\nOur full response."));
  EXPECT_EQ(CountTo(out, kA), 1) << "Alex should know the response went";
  const Message outcome = LetterTo(out, kParent);
  review_request_ =
      LetterTo(Deliver(Reply(kParent, outcome, "I want an independent review.")), kRita);
  notice = LetterTo(CycleOn("2027-02-24"), kSteering, "OVERDUE");
  out = Deliver(Reply(kFallback, notice, "#holding 2027-03-05\r\nThe reviewer is ill."));
  LetterTo(out, kParent);
  EXPECT_EQ(CountTo(out, kRita), 1) << "the reviewer's date moved";
}

// FINDING 14: a keyword the reviewer mistypes is answered with the Stage One handler's
// list - #close, #reassign, #not-complaint, #escalate - which the reviewer may not use.
// lib/procedure/reply_command.cc: ParseReplyCommand (KeywordHelp() for the handler in
// Stage One, whoever wrote).
TEST_F(ProcedureProbes, AMistypedKeywordOffersTheReviewerOnlyTheirOwnKeywords) {
  IntoStageTwo();
  const Message told = LetterTo(Deliver(Reply(kRita, review_request_, "#recommend\r\nNo.")), kRita);
  for (const char* keyword : {"#close", "#reassign", "#not-complaint", "#escalate"})
    EXPECT_FALSE(Has(told, keyword)) << keyword << " offered to the reviewer:\n" << told.body;
}

}  // namespace
}  // namespace intaked
