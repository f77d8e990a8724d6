// SPDX-License-Identifier: GPL-3.0-or-later
// Mail that arrives on an open case is screened before anything is relayed or
// acted on (docs/SECURITY.md, "Mail on a case"): automated mail (out-of-office replies,
// bounces, bulk mail) is recorded on the timeline and goes nowhere, and
// correspondence beyond the daily cap is recorded but not forwarded, with one
// notice a day to the handler. Through the engine with fake mailboxes.
#include "engine/case_reply_cap.h"
#include "engine_harness.h"

namespace intaked {
namespace {

class CaseMailScreening : public EngineHarness {
 protected:
  static size_t Count(const std::vector<SentMail>& sent, const std::string& to,
                      const std::string& subject_part) {
    size_t n = 0;
    for (const SentMail& s : sent) {
      n += s.to == to && s.message.subject.find(subject_part) != std::string::npos;
    }
    return n;
  }
};

TEST_F(CaseMailScreening, HandlersOutOfOfficeReplyToTheNotificationReachesNobody) {
  OpenCase();
  // Alex's client answers the notification (it carries his token) while he is away.
  auto out = Deliver(Reply("Alex Able <chair.a@pacts.test>", notification_,
                           "I am out of the office until Monday 30 November.",
                           "Auto-Submitted: auto-replied\r\n",
                           "Automatic reply: " + notification_.subject));
  EXPECT_TRUE(out.empty()) << "nothing to the complainant, nothing back to Alex";
  // An Exchange-style one: no Auto-Submitted, only the subject says what it is.
  out = Deliver(Reply("chair.a@pacts.test", notification_, "Away until Monday.", "",
                      "Out of Office: " + notification_.subject));
  EXPECT_TRUE(out.empty());
  EXPECT_TRUE(Events("handler_reply").empty());
  ASSERT_EQ(Events("automated").size(), 2u) << "both recorded on the case's timeline";
  EXPECT_NE(Events("automated")[0].detail.find("Auto-Submitted: auto-replied"), std::string::npos);
}

TEST_F(CaseMailScreening, NoKeywordIsActedOnOrAnsweredFromAnAutoReply) {
  OpenCase();
  // An auto-responder whose text happens to start with a keyword, and one with a bad keyword:
  // neither closes the case, and neither gets a "not done" reply (which could loop).
  auto out = Deliver(Reply("chair.a@pacts.test", notification_, "#close\r\nI am away.",
                           "Auto-Submitted: auto-generated\r\n"));
  EXPECT_TRUE(out.empty());
  out = Deliver(
      Reply("chair.a@pacts.test", notification_, "#away until Monday", "Precedence: bulk\r\n"));
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(Case().state, CaseState::kOpen);
  EXPECT_EQ(Case().phase, Phase::kStageOne);
  EXPECT_TRUE(Events("command_error").empty());
  EXPECT_EQ(Events("automated").size(), 2u);
}

TEST_F(CaseMailScreening, ComplainantsAutoRepliesAndBouncesReachNobody) {
  OpenCase();
  auto out = Deliver(Reply("parent@family.test", ack_, "I am on holiday until 1 December.",
                           "Auto-Submitted: auto-replied\r\n", "Automatic reply: " + ack_.subject));
  EXPECT_TRUE(out.empty()) << "the handler is not sent the complainant's auto-reply";
  // A delivery report about a letter to the complainant.
  out = Deliver(
      "Return-Path: <>\r\nFrom: Mail Delivery System <MAILER-DAEMON@family.test>\r\n"
      "To: info@pacts.test\r\nSubject: Undelivered Mail Returned to Sender\r\n"
      "Message-ID: <bounce1@family.test>\r\nIn-Reply-To: <" +
      ack_.message_id +
      ">\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; "
      "boundary=\"R\"\r\n\r\n--R\r\nContent-Type: text/plain\r\n\r\nThe mail system could not "
      "deliver your message.\r\n--R--\r\n");
  EXPECT_TRUE(out.empty());
  // A list-style mail threaded under the acknowledgement.
  out = Deliver(Reply("parent@family.test", ack_, "Newsletter.", "Precedence: list\r\n"));
  EXPECT_TRUE(out.empty());
  EXPECT_TRUE(Events("complainant_reply").empty());
  EXPECT_EQ(Events("automated").size(), 3u);
}

TEST_F(CaseMailScreening, RepliesBeyondTheDailyCapAreRecordedNotForwardedAndTheHandlerToldOnce) {
  OpenCase();
  std::vector<SentMail> all;
  for (int i = 1; i <= kCaseRepliesPerDay + 5; ++i) {
    clock_.Advance(std::chrono::minutes(10));
    const auto out =
        Deliver(Reply("parent@family.test", ack_, "Reply number " + std::to_string(i) + "."));
    all.insert(all.end(), out.begin(), out.end());
  }
  EXPECT_EQ(Count(all, "chair.a@pacts.test", "The complainant has written"),
            size_t(kCaseRepliesPerDay));
  EXPECT_EQ(Count(all, "chair.a@pacts.test", "Too many replies today"), 1u);
  EXPECT_EQ(all.size(), size_t(kCaseRepliesPerDay) + 1) << "nothing else, to nobody else";
  // Every reply is on the timeline, the held ones marked as not forwarded.
  EXPECT_EQ(Events("complainant_reply").size(), size_t(kCaseRepliesPerDay));
  const auto held = Events("complainant_reply_held");
  ASSERT_EQ(held.size(), 5u);
  EXPECT_EQ(held.back().detail, "Reply number 25.");
  EXPECT_EQ(Events("reply_cap_reached").size(), 1u);

  // The next (local) day forwarding resumes.
  clock_.Set(UtcAt("2026-11-26", 9));
  const auto out = Deliver(Reply("parent@family.test", ack_, "A new day."));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_NE(out[0].message.body.find("A new day."), std::string::npos);
  EXPECT_EQ(out[0].to, "chair.a@pacts.test");
}

TEST_F(CaseMailScreening, BothDirectionsCountTowardsTheCap) {
  OpenCase();
  std::vector<SentMail> all;
  for (int i = 0; i < kCaseRepliesPerDay / 2; ++i) {
    auto out = Deliver(Reply("parent@family.test", ack_, "From the parent."));
    all.insert(all.end(), out.begin(), out.end());
    out = Deliver(Reply("chair.a@pacts.test", notification_, "From Alex."));
    all.insert(all.end(), out.begin(), out.end());
  }
  EXPECT_EQ(Count(all, "parent@family.test", ""), size_t(kCaseRepliesPerDay / 2));
  EXPECT_EQ(Count(all, "chair.a@pacts.test", ""), size_t(kCaseRepliesPerDay / 2));
  // The 21st, from Alex, is held: the parent gets nothing, Alex gets the one notice.
  auto out = Deliver(Reply("chair.a@pacts.test", notification_, "One more from Alex."));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].to, "chair.a@pacts.test");
  EXPECT_NE(out[0].message.subject.find("Too many replies today"), std::string::npos);
  EXPECT_EQ(Events("handler_reply_held").size(), 1u);
  // Keywords are not correspondence: #note and #holding still work.
  out = Deliver(Reply("chair.a@pacts.test", notification_,
                      "#holding 2027-01-29\r\nWaiting for the minutes."));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].to, "parent@family.test");
  EXPECT_EQ(Case().respond_due, "2027-01-29");
}

TEST_F(CaseMailScreening, TheDayIsTheOrganisationsLocalDay) {
  clock_.Set(UtcAt("2026-07-01", 12));  // British Summer Time: local = UTC+1
  OpenCase();
  for (int i = 0; i < kCaseRepliesPerDay; ++i) {
    clock_.Set(UtcAt("2026-07-01", 21, i));  // 22:00-22:19 local
    ASSERT_EQ(Deliver(Reply("parent@family.test", ack_, "Still 1 July.")).size(), 1u);
  }
  clock_.Set(UtcAt("2026-07-01", 21, 50));  // 22:50 local: still 1 July, held
  auto out = Deliver(Reply("parent@family.test", ack_, "Still 1 July, late."));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_NE(out[0].message.subject.find("Too many replies today"), std::string::npos);
  // 23:30 UTC on 1 July is 00:30 on 2 July in London: a new day, forwarded.
  clock_.Set(UtcAt("2026-07-01", 23, 30));
  out = Deliver(Reply("parent@family.test", ack_, "Now 2 July."));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_NE(out[0].message.subject.find("The complainant has written"), std::string::npos);
}

}  // namespace
}  // namespace intaked
