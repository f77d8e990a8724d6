// SPDX-License-Identifier: GPL-3.0-or-later
// The procedure end to end (issue 3): real Dovecot, real Postfix, the real
// binary, and people who only ever send and read email.
#include <gtest/gtest.h>

#include <map>
#include <regex>

#include "calendar/local_zone.h"
#include "calendar/working_day_calendar.h"
#include "mail_stack.h"
#include "procedure/reminder_schedule.h"

namespace intaked::e2e {
namespace {

class ProcedureE2E : public StackTest {
 protected:
  void SetUp() override {
    StackTest::SetUp();
    stack_.AddUser("reviewer@outside.test");
  }
  void Run(const std::string& now = "") {
    const RunResult r = stack_.Intaked("--config " + config_ + " run --once" +
                                       (now.empty() ? "" : " --now " + now));
    stack_.WaitForQueue();
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }
  // `from` answers `to_message` from their mail client: sent to intake, and saved in their Sent
  // folder.
  void Reply(const std::string& from, const Message& to_message, const std::string& body,
             bool save_in_sent) {
    const std::string id = "r" + std::to_string(++replies_) + "." + prefix_ + "@client.test";
    const std::string raw =
        "From: " + from + "\r\nTo: " + P("info") + "\r\nSubject: Re: " + to_message.subject +
        "\r\nMessage-ID: <" + id + ">\r\nIn-Reply-To: <" + to_message.message_id +
        ">\r\nReferences: <" + to_message.message_id +
        ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n";
    stack_.Send(from, {P("info")}, raw);
    if (save_in_sent) stack_.Append(from, "Sent", raw);
  }

  int replies_ = 0;
};

TEST_F(ProcedureE2E, ACaseLivesItsWholeLifeByEmail) {
  stack_.Send(P("parent", "family.test"), {P("info")},
              TestMail("Pat Parent <" + P("parent", "family.test") + ">", P("info"),
                       "The transition meeting",
                       "I am unhappy that the transition meeting was cancelled without notice.",
                       "w1." + prefix_ + "@family.test"));
  Run();
  const auto ack = New(P("parent", "family.test"));
  ASSERT_EQ(ack.size(), 1u);
  auto notes = New(P("chair.a"));
  ASSERT_EQ(notes.size(), 1u);
  const Message notification = notes[0].message;

  // Alex answers from Outlook (and his client saves it in Sent): the parent gets his words only.
  Reply(P("chair.a"), notification,
        "I am sorry to hear this. Which school were you with?\r\nAlex Able\r\nCo-chair\r\n\r\n"
        "From: PACTS Complaints <" +
            P("info") +
            ">\r\nSent: 25 November 2026 10:00\r\nTo: Alex Able\r\n"
            "Subject: " +
            notification.subject + "\r\n\r\nA new complaint has been received",
        true);
  Run();
  auto parent = New(P("parent", "family.test"));
  ASSERT_EQ(parent.size(), 1u);
  EXPECT_NE(parent[0].message.body.find("Which school were you with?\nAlex Able\nCo-chair"),
            std::string::npos);
  EXPECT_EQ(parent[0].message.body.find("A new complaint has been received"), std::string::npos);

  // The parent answers from Gmail: Alex gets the answer without the quote.
  Reply(P("parent", "family.test"), parent[0].message,
        "Hillside Primary.\r\n\r\nOn Wed, 25 Nov 2026 at 10:05, PACTS Complaints <" + P("info") +
            "> wrote:\r\n> I am sorry to hear this.",
        false);
  Run();
  notes = New(P("chair.a"));
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].message.body.find("Hillside Primary."), std::string::npos);
  EXPECT_EQ(notes[0].message.body.find("I am sorry to hear this."), std::string::npos);

  Reply(P("chair.a"), notes[0].message, "#outcome\r\nWe have spoken to the school and apologise.",
        true);
  Run();
  parent = New(P("parent", "family.test"));
  ASSERT_EQ(parent.size(), 1u);
  EXPECT_NE(parent[0].message.subject.find("Our response to your complaint"), std::string::npos);
  EXPECT_NE(parent[0].message.body.find("Independent\nReview"), std::string::npos);

  Reply(P("parent", "family.test"), parent[0].message,
        "I am not satisfied. I want an independent review.", false);
  Run();
  EXPECT_EQ(New(P("parent", "family.test")).size(), 1u);  // acknowledgement of the request
  EXPECT_EQ(New(P("chair.a")).size(), 1u);                // notice to the handler
  const auto review = New("reviewer@outside.test");
  ASSERT_EQ(review.size(), 1u);
  EXPECT_NE(review[0].message.body.find("transition meeting was cancelled"), std::string::npos);
  EXPECT_NE(review[0].message.body.find("We have spoken to the school and apologise."),
            std::string::npos);

  Reply("reviewer@outside.test", review[0].message, "#outcome\r\nI find the response appropriate.",
        false);
  Run();
  parent = New(P("parent", "family.test"));
  ASSERT_EQ(parent.size(), 1u);
  EXPECT_NE(parent[0].message.body.find("I find the response appropriate."), std::string::npos);
  EXPECT_EQ(New(P("chair.a")).size(), 1u);
  EXPECT_TRUE(stack_.Read(P("chair.b")).empty()) << "Bea was never involved";
  const RunResult cases = stack_.Intaked("--config " + config_ + " cases");
  EXPECT_NE(cases.output.find("closed"), std::string::npos) << cases.output;
}

TEST_F(ProcedureE2E, ForgedCloseAndOutcomeDoNothing) {
  stack_.Send(P("parent", "family.test"), {P("info")},
              TestMail(P("parent", "family.test"), P("info"), "Complaint",
                       "This is a formal complaint.", "f1." + prefix_ + "@family.test"));
  Run();
  const auto ack = New(P("parent", "family.test"));
  ASSERT_EQ(ack.size(), 1u);
  const auto notes = New(P("chair.a"));
  ASSERT_EQ(notes.size(), 1u);
  // A forger using Alex's address, replying to the parent's acknowledgement (no token for Alex).
  Reply(P("chair.a"), ack[0].message, "#close", false);
  // The complainant typing keywords.
  Reply(P("parent", "family.test"), ack[0].message, "#outcome\r\nI decide I was right.", false);
  Run();
  EXPECT_TRUE(New(P("parent", "family.test")).empty()) << "no outcome letter, no closure letter";
  const auto forwarded = New(P("chair.a"));
  ASSERT_EQ(forwarded.size(), 1u) << "only the complainant's words, forwarded as correspondence";
  EXPECT_NE(forwarded[0].message.body.find("#outcome"), std::string::npos);
  const RunResult cases = stack_.Intaked("--config " + config_ + " cases --open");
  EXPECT_NE(cases.output.find("1 open case(s)"), std::string::npos) << cases.output;
}

TEST_F(ProcedureE2E, RemindersComeOnTheirDaysOnceAndNeverToTheNamedCoChair) {
  stack_.Send(
      P("parent", "family.test"), {P("info")},
      TestMail(P("parent", "family.test"), P("info"), "Complaint",
               "I am unhappy with how Bea Bright spoke to me.", "d1." + prefix_ + "@family.test"));
  Run();
  ASSERT_EQ(New(P("chair.a")).size(), 1u);
  const Message notification = stack_.Read(P("chair.a"))[0].message;
  New(P("parent", "family.test"));
  // A final date about two months ahead, on a working day, fixed by a holding letter.
  const WorkingDayCalendar cal(
      Region::kEnglandAndWales,
      {*ParseIsoDate("2026-12-29"), *ParseIsoDate("2026-12-30"), *ParseIsoDate("2026-12-31")});
  const date::sys_days received = *ParseIsoDate(std::string(kTestNow).substr(0, 10));
  const date::sys_days due = cal.AddWorkingDays(received, 40);
  Reply(P("chair.a"), notification, "#holding " + FormatIsoDate(due) + "\r\nWe need the minutes.",
        true);
  Run();
  const auto holding = New(P("parent", "family.test"));
  ASSERT_EQ(holding.size(), 1u);
  EXPECT_NE(holding[0].message.body.find(FormatDateForPeople(due)), std::string::npos);

  const auto noon = [](date::sys_days d) { return FormatIsoDate(d) + "T12:00:00Z"; };
  Run(noon(WorkingDaysBefore(cal, due, 5)));
  Run(noon(WorkingDaysBefore(cal, due, 5)));  // the same day again: nothing new
  // Weekly digests and the annual report come on their own days whatever else
  // is due; this test is about the letters on the case.
  const std::string ref = notification.subject.substr(0, notification.subject.find(']') + 1);
  const auto on_case = [&](std::vector<StoredMail> mails) {
    std::erase_if(mails, [&](const StoredMail& m) {
      return m.message.subject.find(ref) == std::string::npos;
    });
    return mails;
  };
  auto alex = on_case(New(P("chair.a")));
  ASSERT_EQ(alex.size(), 1u);
  EXPECT_NE(alex[0].message.subject.find("Reminder: 5 working day(s) left"), std::string::npos);

  Run(noon(cal.AddWorkingDays(
      due, 1)));  // the 1-day and due-day steps were missed: only the overdue notice
  alex = on_case(New(P("chair.a")));
  ASSERT_EQ(alex.size(), 1u);
  EXPECT_NE(alex[0].message.subject.find("OVERDUE by 1 working day(s)"), std::string::npos);
  EXPECT_EQ(New(P("steering")).size(), 1u);
  const auto late = New(P("parent", "family.test"));
  ASSERT_EQ(late.size(), 1u);
  EXPECT_NE(late[0].message.subject.find("our response is late"), std::string::npos);
  EXPECT_TRUE(on_case(stack_.Read(P("chair.b"))).empty())
      << "the named co-chair receives nothing about the case, ever";
}

TEST_F(ProcedureE2E, TheHandlersAutoReplyToTheNotificationReachesNobody) {
  stack_.Send(P("parent", "family.test"), {P("info")},
              TestMail(P("parent", "family.test"), P("info"), "Complaint",
                       "I am unhappy with the SEND panel.", "o1." + prefix_ + "@family.test"));
  Run();
  ASSERT_EQ(New(P("parent", "family.test")).size(), 1u);  // the acknowledgement
  const auto notes = New(P("chair.a"));
  ASSERT_EQ(notes.size(), 1u);
  // Alex is away: his mail client answers the notification by itself, token and all.
  const Message& n = notes[0].message;
  stack_.Send(P("chair.a"), {P("info")},
              "From: Alex Able <" + P("chair.a") + ">\r\nTo: " + P("info") +
                  "\r\nSubject: Automatic reply: " + n.subject + "\r\nMessage-ID: <ooo1." +
                  prefix_ + "@client.test>\r\nIn-Reply-To: <" + n.message_id +
                  ">\r\nReferences: <" + n.message_id +
                  ">\r\nAuto-Submitted: auto-replied\r\nX-Auto-Response-Suppress: All\r\n\r\n"
                  "I am out of the office until Monday and will answer your email then.\r\n");
  Run();
  EXPECT_TRUE(New(P("parent", "family.test")).empty()) << "the complainant receives nothing";
  EXPECT_TRUE(New(P("chair.a")).empty()) << "and nothing goes back to the auto-responder";
  const std::string ref = n.subject.substr(1, n.subject.find(']') - 1);
  const RunResult show = Cmd("show " + ref);
  EXPECT_NE(show.output.find("automated"), std::string::npos)
      << "recorded on the case: " << show.output;
}

TEST_F(ProcedureE2E, AnAnonymousComplaintsNotificationDoesNotRevealTheSender) {
  stack_.Send(P("parent", "family.test"), {P("info")},
              TestMail("Pat Parent <" + P("parent", "family.test") + ">", P("info"), "Complaint",
                       "I want to complain anonymously about the SEND panel.",
                       "a1." + prefix_ + "@family.test"));
  Run();
  const auto notes = New(P("chair.a"));
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].message.body.find("Complainant (anonymous)"), std::string::npos);
  EXPECT_EQ(notes[0].raw.find(P("parent", "family.test")), std::string::npos);
  EXPECT_EQ(notes[0].raw.find("Pat Parent"), std::string::npos);
  // Correspondence is still relayed both ways through intake.
  Reply(P("chair.a"), notes[0].message, "Thank you; we will look into it.", true);
  Run();
  EXPECT_EQ(New(P("parent", "family.test")).size(), 2u);  // acknowledgement, then the reply
}

}  // namespace
}  // namespace intaked::e2e
