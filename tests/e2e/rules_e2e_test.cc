// SPDX-License-Identifier: GPL-3.0-or-later
// The procedure cannot be bent, end to end: real Dovecot and Postfix, the real
// binary; the Stage One handler cannot end the independent review, the
// fallback acts by replying to its overdue notice, and the admin reassigns and
// closes a stuck case from the command line.
#include <gtest/gtest.h>

#include <map>

#include "calendar/local_zone.h"
#include "calendar/working_day_calendar.h"
#include "mail_stack.h"

namespace intaked::e2e {
namespace {

constexpr char kReviewer[] = "reviewer@outside.test";  // one mailbox for every test

class RulesE2E : public StackTest {
 protected:
  void SetUp() override {
    StackTest::SetUp();
    stack_.AddUser("reviewer@outside.test");
  }
  void Run(const std::string& now = kTestNow) {
    const RunResult r = Cmd("run --once --now " + now);
    stack_.WaitForQueue();
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }
  // The one new mail to `who` on this test's case (digests and reports come on their own
  // days; the reviewer's mailbox is shared by every test, so the subject names the test).
  Message One(const std::string& who) {
    std::vector<StoredMail> mails = New(who);
    std::erase_if(mails, [&](const StoredMail& m) {
      return m.message.subject.find("[PACTS-2001-") == std::string::npos ||
             (who == kReviewer && m.message.body.find(prefix_) == std::string::npos);
    });
    EXPECT_EQ(mails.size(), 1u) << who;
    return mails.empty() ? Message{} : mails[0].message;
  }
  void Reply(const std::string& from, const Message& to_message, const std::string& body) {
    const std::string id = "r" + std::to_string(++replies_) + "." + prefix_ + "@client.test";
    stack_.Send(from, {P("info")},
                "From: " + from + "\r\nTo: " + P("info") +
                    "\r\nSubject: Re: " + to_message.subject + "\r\nMessage-ID: <" + id +
                    ">\r\nIn-Reply-To: <" + to_message.message_id + ">\r\nReferences: <" +
                    to_message.message_id + ">\r\n\r\n" + body + "\r\n");
  }
  std::string Complain(const std::string& words) {
    stack_.Send(P("parent", "family.test"), {P("info")},
                TestMail("Pat Parent <" + P("parent", "family.test") + ">", P("info"),
                         "Complaint " + prefix_, words,
                         "c" + std::to_string(++replies_) + "." + prefix_ + "@family.test"));
    Run();
    One(P("parent", "family.test"));
    const Message note = One(P("chair.a"));
    return note.subject.substr(1, note.subject.find(']') - 1);
  }

  int replies_ = 0;
};

TEST_F(RulesE2E, TheHandlerCannotCloseTheIndependentReview) {
  Complain("I am unhappy that the transition meeting was cancelled.");
  const Message notification = stack_.Read(P("chair.a"))[0].message;
  Reply(P("chair.a"), notification, "#outcome\r\nWe apologise.");
  Run();
  Reply(P("parent", "family.test"), One(P("parent", "family.test")),
        "I am not satisfied and want an independent review.");
  Run();
  One(P("parent", "family.test"));
  const Message stage2_notice = One(P("chair.a"));
  const Message request = One("reviewer@outside.test");

  Reply(P("chair.a"), stage2_notice, "#close");
  Run();
  const Message refusal = One(P("chair.a"));
  EXPECT_NE(refusal.body.find("Stage Two is independent"), std::string::npos) << refusal.body;
  EXPECT_TRUE(New(P("parent", "family.test")).empty());
  EXPECT_TRUE(New("reviewer@outside.test").empty());
  EXPECT_NE(Cmd("cases --open").output.find("1 open case(s)"), std::string::npos);

  Reply("reviewer@outside.test", request, "#outcome\r\nThe response was appropriate.");
  Run();
  EXPECT_NE(One(P("parent", "family.test")).body.find("The response was appropriate."),
            std::string::npos);
}

TEST_F(RulesE2E, FallbackAndAdminMoveAStuckCase) {
  const std::string ref = Complain("I am unhappy that nobody called me back.");
  // Nothing moves; the day after the response date the fallback is told, as the fallback.
  const WorkingDayCalendar cal(Region::kEnglandAndWales, {});
  const date::sys_days received = *ParseIsoDate(std::string(kTestNow).substr(0, 10));
  const date::sys_days late = cal.AddWorkingDays(received, 31);
  Run(FormatIsoDate(late) + "T12:00:00Z");
  const Message notice = One(P("steering"));
  EXPECT_NE(One(P("chair.a")).subject.find("OVERDUE"), std::string::npos);
  EXPECT_EQ(notice.body.rfind("Steering Group,", 0), 0u) << notice.body;
  EXPECT_NE(One(P("parent", "family.test")).subject.find("our response is late"),
            std::string::npos);

  // The fallback hands it to Bea by replying to the notice.
  Reply(P("steering"), notice, "#reassign");
  Run(FormatIsoDate(late) + "T13:00:00Z");
  const Message handed = One(P("chair.b"));
  EXPECT_NE(handed.subject.find("reassigned to you"), std::string::npos) << handed.subject;

  // Bea is away too: the admin gives it back to Alex, then closes it.
  const std::string when = " --now " + FormatIsoDate(late) + "T13:30:00Z";
  RunResult r = Cmd("reassign " + ref + " --to " + P("chair.a") + when);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = Cmd("close " + ref + " --reason \"Resolved at the steering group meeting\"" + when);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  Run(FormatIsoDate(late) + "T14:00:00Z");
  std::vector<StoredMail> alex = New(P("chair.a"));
  std::erase_if(
      alex, [&](const StoredMail& m) { return m.message.subject.find(ref) == std::string::npos; });
  ASSERT_EQ(alex.size(), 2u);
  EXPECT_NE(alex[0].message.subject.find("reassigned to you"), std::string::npos);
  EXPECT_NE(alex[1].message.body.find("Resolved at the steering group meeting"), std::string::npos);
  EXPECT_TRUE(New(P("parent", "family.test")).empty()) << "closing writes nothing to the parent";
  const std::string shown = Cmd("show " + ref).output;
  EXPECT_NE(shown.find("closed by the admin"), std::string::npos) << shown;
  EXPECT_NE(shown.find("admin"), std::string::npos);

  // Refusals name what is wrong and exit 1.
  r = Cmd("close " + ref + " --reason again" + when);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("already closed"), std::string::npos) << r.output;
  r = Cmd("close PACTS-2001-0999 --reason x");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("no case PACTS-2001-0999"), std::string::npos) << r.output;
  EXPECT_EQ(Cmd("close " + ref).exit_code, 2) << "--reason is required";
}

TEST_F(RulesE2E, TheAdminCannotHandACaseToTheCoChairItNames) {
  const std::string ref = Complain("I am unhappy with how Bea Bright spoke to me.");
  const RunResult r = Cmd("reassign " + ref + " --to " + P("chair.b"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("names Bea Bright"), std::string::npos) << r.output;
  Run();
  EXPECT_TRUE(stack_.Read(P("chair.b")).empty());
}

}  // namespace
}  // namespace intaked::e2e
