// SPDX-License-Identifier: GPL-3.0-or-later
// Mail read as people write it, across the real Dovecot and Postfix: a handler's
// reply written below the quote (Thunderbird) and an HTML-only reply (Outlook.com)
// reach the complainant clean; a forwarded complaint, an anonymous complaint and a
// "you" complaint each reach the right person with the right details.
#include <gtest/gtest.h>

#include <regex>

#include "mail_stack.h"

namespace intaked::e2e {
namespace {

class ReadingE2E : public StackTest {
 protected:
  void Run() {
    const RunResult r = Cmd("run --once");
    stack_.WaitForQueue();
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }
  std::string Parent() const { return P("parent", "family.test"); }
  // The parent complains to info@; returns Alex's notification.
  StoredMail OpenCase() {
    stack_.Send(Parent(), {P("info")},
                TestMail("Pat Parent <" + Parent() + ">", P("info"), "Short breaks",
                         "I am unhappy that nobody told us the short breaks session moved.",
                         "c." + prefix_ + "@family.test"));
    Run();
    EXPECT_EQ(New(Parent()).size(), 1u) << "acknowledged";
    const auto notes = New(P("chair.a"));
    EXPECT_EQ(notes.size(), 1u);
    return notes.empty() ? StoredMail{} : notes[0];
  }
  // A reply from Alex to intaked's letter `to`, with a body and headers as his client writes them.
  void AlexReplies(const StoredMail& to, const std::string& headers, const std::string& body) {
    const std::string raw = "From: Alex Able <" + P("chair.a") + ">\r\nTo: " + P("info") +
                            "\r\nSubject: Re: " + to.message.subject + "\r\nMessage-ID: <r." +
                            prefix_ + "@client.test>\r\nIn-Reply-To: <" + to.message.message_id +
                            ">\r\nReferences: <" + to.message.message_id + ">\r\n" + headers +
                            "\r\n" + body;
    stack_.Send(P("chair.a"), {P("info")}, raw);
  }
  static bool Has(const StoredMail& m, const std::string& text) {
    return m.message.body.find(text) != std::string::npos;
  }
};

TEST_F(ReadingE2E, AReplyWrittenBelowTheQuoteReachesTheComplainantWithoutTheQuote) {
  const StoredMail note = OpenCase();
  AlexReplies(note,
              "User-Agent: Mozilla Thunderbird\r\nContent-Type: text/plain; charset=UTF-8\r\n",
              "On 25/11/2026 10:00, PACTS Complaints wrote:\r\n"
              "> A new complaint has been received and assigned to you.\r\n"
              "> Reference: SECRET-QUOTED-LINE\r\n\r\n"
              "I am sorry about the short breaks mix-up. The new date is 3 December.\r\n\r\n"
              "Alex\r\n");
  Run();
  const auto parent = New(Parent());
  ASSERT_EQ(parent.size(), 1u);
  EXPECT_TRUE(Has(parent[0], "The new date is 3 December.")) << parent[0].message.body;
  EXPECT_FALSE(Has(parent[0], "SECRET-QUOTED-LINE")) << parent[0].message.body;
  EXPECT_FALSE(Has(parent[0], "wrote:")) << parent[0].message.body;
}

TEST_F(ReadingE2E, AnHtmlOnlyOutlookReplyReachesTheComplainantWithoutTheHistory) {
  const StoredMail note = OpenCase();
  AlexReplies(note, "MIME-Version: 1.0\r\nContent-Type: text/html; charset=\"us-ascii\"\r\n",
              "<html><body><div dir=\"ltr\"><div>Thank you for telling us. We will send a "
              "text reminder next time.</div></div>"
              "<hr style=\"display:inline-block;width:98%\" tabindex=\"-1\">"
              "<div id=\"divRplyFwdMsg\" dir=\"ltr\"><font face=\"Calibri\"><b>From:</b> PACTS "
              "Complaints &lt;info@pacts.test&gt;<br><b>Sent:</b> Wednesday, November 25, 2026 "
              "10:00 AM<br><b>To:</b> Alex Able<br><b>Subject:</b> New complaint</font>"
              "<div>&nbsp;</div></div><div>HISTORY-NOT-FOR-THE-PARENT</div></body></html>\r\n");
  Run();
  const auto parent = New(Parent());
  ASSERT_EQ(parent.size(), 1u);
  EXPECT_TRUE(Has(parent[0], "We will send a text reminder next time.")) << parent[0].message.body;
  EXPECT_FALSE(Has(parent[0], "HISTORY-NOT-FOR-THE-PARENT")) << parent[0].message.body;
  EXPECT_FALSE(Has(parent[0], "Sent:")) << parent[0].message.body;
}

TEST_F(ReadingE2E, AComplaintForwardedByTheCoChairItIsAboutGoesToTheOtherAsTheWritersOwn) {
  const std::string jo = Parent();  // one of the stack users this test has
  const std::string raw = TestMail(
      "Alex Able <" + P("chair.a") + ">", P("info"), "Fwd: Transport meeting",
      "#complaint\r\n\r\n---------- Forwarded message ---------\r\nFrom: Jo Carer <" + jo +
          ">\r\nDate: Fri, 2 Mar 2001 at 08:15\r\nSubject: Transport meeting\r\nTo: Alex Able <" +
          P("chair.a") +
          ">\r\n\r\nI was upset by the way you dismissed my question about "
          "transport.\r\n\r\nJo\r\n",
      "f." + prefix_ + "@client.test");
  stack_.Send(P("chair.a"), {P("info")}, raw);
  stack_.Append(P("chair.a"), "Sent", raw);
  const RunResult run = Cmd("run --once");
  stack_.WaitForQueue();
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto ack = New(jo);
  ASSERT_EQ(ack.size(), 1u) << "the original writer is acknowledged\n" << run.output;
  EXPECT_TRUE(New(P("chair.a")).empty()) << "the co-chair it is about gets nothing";
  const auto bea = New(P("chair.b"));
  ASSERT_EQ(bea.size(), 1u);
  EXPECT_TRUE(Has(bea[0], "dismissed my question about transport")) << bea[0].message.body;
  EXPECT_TRUE(Has(bea[0], "Jo Carer")) << bea[0].message.body;
  EXPECT_FALSE(Has(bea[0], "#complaint")) << bea[0].message.body;
  // Received when Jo sent it (Friday 2 March 2001), not when it was forwarded.
  EXPECT_TRUE(Has(bea[0], "Friday 2 March 2001")) << bea[0].message.body;
}

TEST_F(ReadingE2E, AnAnonymousComplaintReachesTheHandlerWithoutNameOrNumber) {
  stack_.Send(Parent(), {P("info")},
              TestMail("Sam Carer <" + Parent() + ">", P("info"), "The coffee morning",
                       "I am unhappy about how my son was spoken to at the coffee morning. "
                       "Please keep this anonymous, I don't want them to know it was me.\r\n\r\n"
                       "Kind regards\r\nSam Carer\r\n07700 900123\r\n",
                       "a." + prefix_ + "@family.test"));
  Run();
  const auto ack = New(Parent());
  ASSERT_EQ(ack.size(), 1u);
  EXPECT_TRUE(Has(ack[0], "Keeping your name private")) << ack[0].message.body;
  std::vector<StoredMail> staff = New(P("chair.a"));
  for (const auto& m : New(P("chair.b"))) staff.push_back(m);
  ASSERT_EQ(staff.size(), 1u) << "one handler told";
  EXPECT_TRUE(Has(staff[0], "how my son was spoken to")) << staff[0].message.body;
  for (const std::string& secret : {std::string("Sam"), std::string("07700"), Parent()})
    EXPECT_FALSE(Has(staff[0], secret)) << secret << ":\n" << staff[0].message.body;
}

TEST_F(ReadingE2E, YouInAComplaintSentStraightToACoChairSendsItToTheOther) {
  const std::string raw =
      TestMail("Pat Parent <" + Parent() + ">", "Alex Able <" + P("chair.a") + ">", "Last night",
               "Alex,\r\n\r\nI was really upset by the way you spoke to me in "
               "front of the other parents last night.\r\n\r\nPat",
               "y." + prefix_ + "@family.test", "Cc: " + P("info") + "\r\n");
  stack_.Send(Parent(), {P("chair.a"), P("info")}, raw);
  Run();
  EXPECT_EQ(New(Parent()).size(), 1u) << "acknowledged";
  // Alex's INBOX holds the parent's own mail; intaked sends him nothing.
  for (const StoredMail& m : New(P("chair.a")))
    EXPECT_NE(m.message.from->email, P("info")) << "sent to Alex: " << m.message.subject;
  const auto bea = New(P("chair.b"));
  ASSERT_EQ(bea.size(), 1u);
  EXPECT_TRUE(Has(bea[0], "the way you spoke to me")) << bea[0].message.body;
  EXPECT_TRUE(Has(bea[0], "this complaint names Alex Able")) << bea[0].message.body;
}

TEST_F(ReadingE2E, MailThatMightBeAComplaintIsOpenedByAPersonWithAReplyToTheNote) {
  stack_.Send(Parent(), {P("info")},
              TestMail("Pat Parent <" + Parent() + ">", P("info"), "Transport",
                       "I am so upset with the school about the transport arrangements.",
                       "d." + prefix_ + "@family.test"));
  Run();
  EXPECT_TRUE(New(Parent()).empty()) << "nothing to the sender until a person decides";
  std::vector<StoredMail> notes = New(P("chair.a"));
  for (const auto& m : New(P("chair.b"))) notes.push_back(m);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_TRUE(Has(notes[0], "#complaint")) << notes[0].message.body;
  const std::string to = notes[0].message.to.at(0).email;
  const std::string reply = "From: " + to + "\r\nTo: " + P("info") +
                            "\r\nSubject: Re: " + notes[0].message.subject + "\r\nMessage-ID: <n." +
                            prefix_ + "@client.test>\r\nIn-Reply-To: <" +
                            notes[0].message.message_id + ">\r\n\r\n#complaint\r\n";
  stack_.Send(to, {P("info")}, reply);
  Run();
  const auto ack = New(Parent());
  ASSERT_EQ(ack.size(), 1u) << "the case is opened and acknowledged";
  EXPECT_NE(ack[0].message.subject.find("PACTS-"), std::string::npos) << ack[0].message.subject;
}

}  // namespace
}  // namespace intaked::e2e
