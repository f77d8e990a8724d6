// SPDX-License-Identifier: GPL-3.0-or-later
// Mail read as people write it, through the whole engine (fake mailboxes, a
// fixed clock): forwarded complaints, "you" written to a co-chair, anonymity
// that holds, appeals read right, commands from a Sent folder in either order,
// and mail that might be a complaint going to a person.
#include <gtest/gtest.h>

#include "engine_harness.h"
#include "store/message_log.h"

namespace intaked {
namespace {

class ReadingFlow : public EngineHarness {
 protected:
  std::string Mail(const std::string& from, const std::string& to, const std::string& subject,
                   const std::string& body, const std::string& extra_headers = "") {
    return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: <r" +
           std::to_string(++ids_) + "@family.test>\r\nDate: Wed, 25 Nov 2026 09:00:00 +0000\r\n" +
           extra_headers + "\r\n" + body + "\r\n";
  }
  size_t CaseCount() { return CaseStore(*db_).List(false).size(); }
  static bool Has(const Message& m, const std::string& text) {
    return m.body.find(text) != std::string::npos;
  }
};

TEST_F(ReadingFlow, AnAppealSentAsAFreshEmailDuringTheWindowJoinsTheCase) {
  OpenCase();
  auto out = Deliver(Reply("chair.a@pacts.test", notification_, "#outcome\r\nOur response."));
  ASSERT_EQ(Case().phase, Phase::kAppealWindow);
  out = Deliver(Mail("Pat Parent <parent@family.test>", "info@pacts.test", "My complaint",
                     "I am not satisfied with your response and I want an independent review."));
  EXPECT_EQ(CaseCount(), 1u) << "no second case";
  EXPECT_EQ(Case().phase, Phase::kStageTwo);
  EXPECT_EQ(CountTo(out, "reviewer@outside.test"), 1);
}

TEST_F(ReadingFlow, SayingYouWillNotAppealStartsNothing) {
  OpenCase();
  const auto outcome = Deliver(Reply("chair.a@pacts.test", notification_, "#outcome\r\nDone."));
  const Message& letter = LetterTo(outcome, "parent@family.test");
  const auto out = Deliver(
      Reply("parent@family.test", letter, "Thank you. I am happy with this and will not appeal."));
  EXPECT_EQ(Case().phase, Phase::kAppealWindow);
  EXPECT_EQ(CountTo(out, "reviewer@outside.test"), 0);
}

TEST_F(ReadingFlow, AReplyThatIsAllQuoteIsNotRelayedAndTheHandlerIsTold) {
  OpenCase();
  const auto out = Deliver(Reply("chair.a@pacts.test", notification_,
                                 "On Wed, 25 Nov 2026 at 10:00, PACTS Complaints "
                                 "<info@pacts.test> wrote:\r\n> A new complaint has been "
                                 "received.\r\n\r\nSent from my iPhone"));
  EXPECT_EQ(CountTo(out, "parent@family.test"), 0);
  const Message told = LetterTo(out, "chair.a@pacts.test");
  EXPECT_TRUE(Has(told, "no text of its own")) << told.body;
}

class SentFolderOrder : public ReadingFlow, public ::testing::WithParamInterface<bool> {};

TEST_P(SentFolderOrder, AHandlersNewMessageToIntakeIsActedOnWhicheverCopyIsReadFirst) {
  const bool sent_first = GetParam();
  OpenCase();
  const std::string cmd = Mail("Alex Able <chair.a@pacts.test>", "info@pacts.test",
                               "[PACTS-2026-0001] outcome", "#outcome\r\nWe have apologised.");
  // One copy per cycle, so which is read first is the test's choice, not the cycle's order.
  const std::string first = sent_first ? "chair.a@pacts.test" : "info@pacts.test";
  const std::string second = sent_first ? "info@pacts.test" : "chair.a@pacts.test";
  server_.Deliver(first, cmd, clock_.Now(), sent_first ? "Sent" : "INBOX");
  auto out = CycleOn("2026-11-26");
  server_.Deliver(second, cmd, clock_.Now(), sent_first ? "INBOX" : "Sent");
  const auto later = CycleOn("2026-11-26", 11);
  out.insert(out.end(), later.begin(), later.end());
  EXPECT_EQ(Case().phase, Phase::kAppealWindow);
  EXPECT_EQ(CountTo(out, "parent@family.test"), 1);
  EXPECT_EQ(CountTo(out, "chair.a@pacts.test"), 0) << "no error letter";
}

INSTANTIATE_TEST_SUITE_P(EitherCopyFirst, SentFolderOrder, ::testing::Bool());

TEST_F(ReadingFlow, YouInAComplaintSentStraightToACoChairNamesThem) {
  const auto out = Deliver(
      Mail("Pat Parent <parent@family.test>", "Alex Able <chair.a@pacts.test>", "Last night",
           "Alex, I am unhappy about the way you spoke to me at the meeting."),
      "chair.a@pacts.test");
  EXPECT_EQ(Case().handler_email, "chair.b@pacts.test");
  EXPECT_EQ(CountTo(out, "chair.a@pacts.test"), 0);
}

TEST_F(ReadingFlow, AnAnonymousComplaintShowsStaffNoNameNumberOrFiles) {
  const std::string raw =
      "From: Sam Carer <sam@family.test>\r\nTo: info@pacts.test\r\nSubject: Coffee morning\r\n"
      "Message-ID: <anon@family.test>\r\nMIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n"
      "I am unhappy with how my son was spoken to. Please keep this anonymous, don't tell them "
      "it was me.\r\n\r\nKind regards\r\nSam Carer\r\n07700 900123\r\n--b\r\n"
      "Content-Type: application/pdf; name=\"Sam Carer letter.pdf\"\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0=\r\n--b--\r\n";
  const auto out = Deliver(raw);
  ASSERT_TRUE(Case().anonymous);
  const Message note = LetterTo(out, Case().handler_email);
  EXPECT_TRUE(Has(note, "spoken to"));
  for (const char* secret : {"Sam", "07700", "sam@family.test"})
    EXPECT_FALSE(Has(note, secret)) << secret << " reached the handler:\n" << note.body;
  EXPECT_TRUE(note.attachments.empty());
  EXPECT_TRUE(Has(note, "withheld"));
  const Message ack = LetterTo(out, "sam@family.test");
  EXPECT_TRUE(Has(ack, "Keeping your name private")) << ack.body;
  EXPECT_TRUE(Has(ack, "limit")) << ack.body;
}

TEST_F(ReadingFlow, AComplaintForwardedByACoChairIsTheOriginalSendersFromWhenTheySentIt) {
  // Alex forwards (Gmail) a complaint about himself with #complaint; it goes to Bea.
  const std::string fwd =
      Mail("Alex Able <chair.a@pacts.test>", "info@pacts.test", "Fwd: The meeting",
           "#complaint\r\n\r\n---------- Forwarded message ---------\r\n"
           "From: Jo Carer <jo@family.test>\r\nDate: Mon, 23 Nov 2026 at 08:15\r\n"
           "Subject: The meeting\r\nTo: Alex Able <chair.a@pacts.test>\r\n\r\n"
           "I was upset by the way you dismissed my question about transport.\r\n\r\nJo\r\n");
  server_.Deliver("chair.a@pacts.test", fwd, clock_.Now(), "Sent");
  const auto out = CycleOn("2026-11-25");
  ASSERT_EQ(CaseCount(), 1u);
  const CaseRecord c = Case();
  EXPECT_EQ(c.complainant_email, "jo@family.test");
  EXPECT_EQ(c.complainant_name, "Jo Carer");
  EXPECT_EQ(c.handler_email, "chair.b@pacts.test");
  EXPECT_EQ(ctx_->zone.LocalDate(c.received_at), date::sys_days(date::November / 23 / 2026));
  EXPECT_EQ(CountTo(out, "chair.a@pacts.test"), 0);
  const Message note = LetterTo(out, "chair.b@pacts.test");
  EXPECT_TRUE(Has(note, "dismissed my question"));
  EXPECT_FALSE(Has(note, "#complaint"));
  EXPECT_EQ(CountTo(out, "jo@family.test"), 1);
}

TEST_F(ReadingFlow, MailThatMightBeAComplaintGoesToAPersonWhoCanOpenIt) {
  const auto out = Deliver(Mail("Lee Parent <lee@family.test>", "info@pacts.test", "Last week",
                                "I am so upset with the school about the transport arrangements."));
  EXPECT_EQ(CaseCount(), 0u);
  EXPECT_EQ(CountTo(out, "lee@family.test"), 0) << "nothing to the sender yet";
  ASSERT_EQ(out.size(), 1u);
  const Message note = out[0].message;
  EXPECT_TRUE(Has(note, "#complaint")) << note.body;
  EXPECT_TRUE(Has(note, "upset with the school"));
  clock_.Set(UtcAt("2026-11-27"));
  const auto opened = Deliver(Reply(out[0].to, note, "#complaint"));
  ASSERT_EQ(CaseCount(), 1u);
  EXPECT_EQ(Case().complainant_email, "lee@family.test");
  EXPECT_EQ(ctx_->zone.LocalDate(Case().received_at), date::sys_days(date::November / 25 / 2026))
      << "received when it arrived, not when a person opened it";
  EXPECT_EQ(CountTo(opened, "lee@family.test"), 1);
  // A second #complaint on the same note opens nothing more.
  Deliver(Reply(out[0].to, note, "#complaint"));
  EXPECT_EQ(CaseCount(), 1u);
}

}  // namespace
}  // namespace intaked
