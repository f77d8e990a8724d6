// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include "mail/mime_parser.h"
#include "procedure/case_reference.h"
#include "procedure/classification.h"
#include "procedure/naming.h"
#include "procedure/routing.h"

namespace intaked {
namespace {

Message Mail(const std::string& subject, const std::string& body,
             const std::string& extra_headers = "") {
  return ParseMessage("From: Pat <parent@family.test>\r\nSubject: " + subject +
                      "\r\nMessage-ID: <x@y>\r\n" + extra_headers + "\r\n" + body);
}

struct ClassCase {
  const char* name;
  const char* subject;
  const char* body;
  const char* headers;
  MessageKind expected;
};

class Classification : public ::testing::TestWithParam<ClassCase> {};

TEST_P(Classification, Kind) {
  const ClassCase& c = GetParam();
  const auto got = Classify(Mail(c.subject, c.body, c.headers), ClassificationRules::Defaults());
  EXPECT_EQ(MessageKindName(got.kind), std::string(MessageKindName(c.expected)))
      << c.name << ": " << got.reason;
}

INSTANTIATE_TEST_SUITE_P(
    Rules, Classification,
    ::testing::Values(
        ClassCase{"complaint word", "Meeting", "I want to make a complaint.", "",
                  MessageKind::kComplaint},
        ClassCase{"phrase across a line break", "x", "This is not\r\n   acceptable.", "",
                  MessageKind::kComplaint},
        ClassCase{"upper case", "DISSATISFIED", "", "", MessageKind::kComplaint},
        ClassCase{"complaint that thanks", "Thank you, but", "I am unhappy with the reply.", "",
                  MessageKind::kComplaint},
        ClassCase{"compliment", "Well done", "Thank you for the coffee morning.", "",
                  MessageKind::kCompliment},
        ClassCase{"bare thanks sign-off", "Question", "When is the next meeting?\r\nThanks, Jo", "",
                  MessageKind::kOther},
        ClassCase{"word inside a word", "Uncomplainingly", "", "", MessageKind::kOther},
        ClassCase{"quoted complaint is not theirs", "Re: dates",
                  "Fine by me.\r\n> I have a complaint", "", MessageKind::kOther},
        ClassCase{"auto-submitted", "complaint", "", "Auto-Submitted: auto-replied\r\n",
                  MessageKind::kAutomated},
        ClassCase{"auto-submitted no", "complaint", "", "Auto-Submitted: no\r\n",
                  MessageKind::kComplaint},
        ClassCase{"bulk", "complaint", "", "Precedence: bulk\r\n", MessageKind::kAutomated},
        ClassCase{"list", "complaint", "", "List-Id: <news.family.test>\r\n",
                  MessageKind::kAutomated},
        ClassCase{"null sender", "complaint", "", "Return-Path: <>\r\n", MessageKind::kAutomated},
        ClassCase{"out of office", "Out of Office: complaint", "", "", MessageKind::kAutomated},
        ClassCase{"delivery report", "Undelivered", "",
                  "Content-Type: multipart/report; report-type=delivery-status; boundary=z\r\n",
                  MessageKind::kAutomated}));

TEST(ClassificationRules, MailerDaemonAndExtraPhrases) {
  const Message bounce =
      ParseMessage("From: MAILER-DAEMON@pacts.test\r\nSubject: complaint\r\n\r\nx");
  EXPECT_EQ(Classify(bounce, ClassificationRules::Defaults()).kind, MessageKind::kAutomated);
  ClassificationRules rules = ClassificationRules::Defaults();
  EXPECT_EQ(Classify(Mail("x", "I am cheesed off"), rules).kind, MessageKind::kOther);
  rules.complaint_phrases.push_back("cheesed off");
  EXPECT_EQ(Classify(Mail("x", "I am cheesed   off"), rules).kind, MessageKind::kComplaint);
}

const std::vector<CoChairIdentity> kChairs = {{"Alex Able", "chair.a@pacts.test", {"Alex"}},
                                              {"Bea Bright", "chair.b@pacts.test", {"Bea"}}};

std::vector<bool> Named(const std::string& text) {
  return NamedCoChairs({text, std::nullopt}, kChairs);
}

TEST(Naming, FullNameSurnameAliasAddress) {
  EXPECT_EQ(Named("I complain about alex   able"), (std::vector<bool>{true, false}));
  EXPECT_EQ(Named("Mr ABLE was rude"), (std::vector<bool>{true, false}));
  EXPECT_EQ(Named("Bea said no"), (std::vector<bool>{false, true}));
  EXPECT_EQ(Named("I wrote to chair.b@pacts.test"), (std::vector<bool>{false, true}));
  EXPECT_EQ(Named("Alexander and Beatrice are not them"), (std::vector<bool>{false, false}));
  EXPECT_EQ(Named("the Co-Chairs ignored me"), (std::vector<bool>{true, true}));
  EXPECT_EQ(Named("Both co-chairs were there"), (std::vector<bool>{true, true}));
  EXPECT_EQ(Named("Dear co-chairs, the venue was cold"), (std::vector<bool>{false, false}));
  EXPECT_EQ(Named("Alex and Bea both"), (std::vector<bool>{true, true}));
}

TEST(Routing, ComplaintNamingAlexGoesToBea) {
  const RoutingDecision d = Route({{true, false}, {true, false}, {0, 5}});
  ASSERT_TRUE(d.co_chair);
  EXPECT_EQ(*d.co_chair, 1u);
}

TEST(Routing, ReceivedDirectlyWins) {
  const RoutingDecision d = Route({{false, false}, {false, true}, {0, 9}});
  EXPECT_EQ(*d.co_chair, 1u);
}

TEST(Routing, FewerOpenCasesThenConfigOrder) {
  EXPECT_EQ(*Route({{false, false}, {false, false}, {3, 2}}).co_chair, 1u);
  EXPECT_EQ(*Route({{false, false}, {false, false}, {2, 2}}).co_chair, 0u);
}

TEST(Routing, EveryoneNamedGoesToTheFallback) {
  const RoutingDecision d = Route({{true, true}, {true, false}, {0, 0}});
  EXPECT_FALSE(d.co_chair);
  EXPECT_EQ(d.reason, "every co-chair is named");
}

TEST(CaseReference, FormatAndFind) {
  EXPECT_EQ(FormatCaseReference("PACTS", 2026, 7), "PACTS-2026-0007");
  EXPECT_EQ(FindCaseReference("Re: AW: Fwd: [PACTS-2026-0007] Your complaint", "PACTS"),
            "PACTS-2026-0007");
  EXPECT_EQ(FindCaseReference("SV: pacts-2026-0012 follow-up", "PACTS"), "PACTS-2026-0012");
  EXPECT_FALSE(FindCaseReference("IMPACTS-2026-0007", "PACTS"));
  EXPECT_FALSE(FindCaseReference("PACTS-2026-00071", "PACTS") ==
               std::optional<std::string>("PACTS-2026-0007"));
  EXPECT_FALSE(FindCaseReference("no reference", "PACTS"));
}

}  // namespace
}  // namespace intaked

#include "calendar/local_zone.h"
#include "procedure/complainant_requests.h"
#include "procedure/reminder_schedule.h"
#include "procedure/reply_command.h"

namespace intaked {
namespace {

TEST(ReplyCommand, Keywords) {
  EXPECT_EQ(ParseReplyCommand("\n  #Outcome  \nWe apologise.\n\nAlex").keyword, Keyword::kOutcome);
  EXPECT_EQ(ParseReplyCommand("#outcome\nWe apologise.\n\nAlex").text, "We apologise.\n\nAlex");
  const ReplyCommand h = ParseReplyCommand("#holding 2027-01-29 \nWaiting for the venue.");
  EXPECT_EQ(h.keyword, Keyword::kHolding);
  EXPECT_EQ(FormatIsoDate(*h.date), "2027-01-29");
  EXPECT_EQ(h.text, "Waiting for the venue.");
  EXPECT_EQ(ParseReplyCommand("#not-complaint").keyword, Keyword::kNotComplaint);
  EXPECT_EQ(ParseReplyCommand("#withdrawn").keyword, Keyword::kWithdrawn);
  EXPECT_EQ(ParseReplyCommand("#1 apologies\nthe rest").keyword, Keyword::kNone);  // not a keyword
  EXPECT_EQ(ParseReplyCommand("Hello\n#close").keyword, Keyword::kNone);  // not on the first line
  EXPECT_NE(ParseReplyCommand("#closed").error.find("\"#closed\" is not a keyword"),
            std::string::npos);
  EXPECT_NE(ParseReplyCommand("#holding 29/01/2027").error.find("written like 2027-01-29"),
            std::string::npos);
  EXPECT_NE(ParseReplyCommand("#holding").error.find("needs the new final date"),
            std::string::npos);
}

// The letters ask for "#note acknowledged by phone on <date>" on one line: the
// words after a keyword are the start of its text, not thrown away.
TEST(ReplyCommand, WordsAfterTheKeywordAreKept) {
  EXPECT_EQ(ParseReplyCommand("#note acknowledged by phone on 3 March").text,
            "acknowledged by phone on 3 March");
  EXPECT_EQ(ParseReplyCommand("#note sent by post today\nsecond class").text,
            "sent by post today\nsecond class");
  EXPECT_EQ(ParseReplyCommand("#outcome We apologise.\n\nAlex").text, "We apologise.\n\nAlex");
  const ReplyCommand h = ParseReplyCommand("#holding 2027-01-29 the venue is shut\nBea");
  EXPECT_EQ(FormatIsoDate(*h.date), "2027-01-29");
  EXPECT_EQ(h.text, "the venue is shut\nBea");
  EXPECT_EQ(ParseReplyCommand("#note   \n\nspoke to them").text, "spoke to them");
}

TEST(ReplyCommand, HoldingDateMustBeAFutureWorkingDay) {
  const WorkingDayCalendar cal(Region::kEnglandAndWales, {});
  const auto today = *ParseIsoDate("2026-12-01");
  EXPECT_EQ(HoldingDateProblem(*ParseIsoDate("2027-01-29"), today, cal), "");
  EXPECT_NE(HoldingDateProblem(today, today, cal).find("not in the future"), std::string::npos);
  EXPECT_EQ(HoldingDateProblem(*ParseIsoDate("2026-12-26"), today, cal),
            "Saturday 26 December 2026 is not a working day (weekend, bank holiday or closure); "
            "the next one is "
            "Tuesday 29 December 2026.");
}

TEST(ReminderSchedule, StepsAndCatchUp) {
  const WorkingDayCalendar cal(Region::kEnglandAndWales, {});
  const auto due = *ParseIsoDate("2027-01-11");  // Monday
  const std::vector<int> before = {5, 1};
  auto step = [&](const char* today, std::set<std::string> sent = {}) {
    auto s = ReminderDueToday(cal, due, *ParseIsoDate(today), before, sent);
    return s ? s->LedgerKey() : std::string("-");
  };
  EXPECT_EQ(step("2027-01-01"), "-");
  EXPECT_EQ(step("2027-01-04"), "before-5");
  EXPECT_EQ(step("2027-01-05"), "before-5");  // not yet sent: still due
  EXPECT_EQ(step("2027-01-05", {"before-5"}), "-");
  EXPECT_EQ(step("2027-01-08", {"before-5"}), "before-1");
  EXPECT_EQ(step("2027-01-08"), "before-1");  // down since before the 5-day step: only the latest
  EXPECT_EQ(step("2027-01-11"), "due");
  EXPECT_EQ(step("2027-01-12"), "overdue-1");
  EXPECT_EQ(step("2027-01-18", {"overdue-1"}), "-");  // 5 working days late: the next round is at 6
  EXPECT_EQ(step("2027-01-19", {"overdue-1"}), "overdue-2");
  EXPECT_EQ(step("2027-01-26", {"overdue-1", "overdue-2"}), "overdue-3");
  EXPECT_EQ(ReminderDueToday(cal, due, *ParseIsoDate("2027-01-12"), before, {})->working_days_left,
            -1);
}

TEST(ComplainantRequests, ReviewAndAnonymity) {
  EXPECT_EQ(ReadReviewRequest("I would like an Independent  Review please"), ReviewRequest::kAsks);
  EXPECT_EQ(ReadReviewRequest("I wish to appeal"), ReviewRequest::kAsks);
  EXPECT_EQ(ReadReviewRequest("Move this to stage two"), ReviewRequest::kAsks);
  EXPECT_NE(ReadReviewRequest("Thank you, that resolves it."), ReviewRequest::kAsks);
  EXPECT_TRUE(AsksForAnonymity("Please keep this anonymous"));
  EXPECT_TRUE(AsksForAnonymity("Don't share my name with anyone"));
  EXPECT_FALSE(AsksForAnonymity("My name is Pat and I am unhappy"));
}

}  // namespace
}  // namespace intaked
