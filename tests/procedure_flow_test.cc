// SPDX-License-Identifier: GPL-3.0-or-later
// The life of a case by email alone, through the engine with fake mailboxes
// and a fixed clock (docs/PROCEDURE.md, "Acting on a case by email"). End-to-end
// versions of the key paths run
// against real servers in tests/e2e/.
#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>

#include "calendar/local_zone.h"
#include "config/config_loader.h"
#include "engine/intake_cycle.h"
#include "fake_mail.h"
#include "store/case_store.h"
#include "store/database.h"
#include "test_config.h"

namespace intaked {
namespace {

Instant At(const std::string& iso_date, int hour = 10) {
  return Instant(date::sys_days(*ParseIsoDate(iso_date)).time_since_epoch()) +
         std::chrono::hours(hour);
}

class ProcedureFlow : public ::testing::Test {
 protected:
  void SetUp() override {
    ctx_ = TestContext();
    db_ = std::move(OpenDatabase(":memory:").value());
    log_ =
        std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>());
    outages_ = std::make_unique<OutageLog>(log_);
  }

  void Cycle() {
    IntakeCycle cycle(*db_, server_, sender_, clock_, tokens_, *outages_, log_);
    CycleReport report;
    ASSERT_TRUE(cycle.Run(*ctx_, &report).ok());
  }

  // Delivers a mail to info@ and runs a cycle; returns what was sent in that cycle.
  std::vector<SentMail> Deliver(const std::string& raw, const std::string& box = "info@pacts.test",
                                const std::string& folder = "INBOX") {
    const size_t before = sender_.sent.size();
    server_.Deliver(box, raw, clock_.Now(), folder);
    Cycle();
    return {sender_.sent.begin() + long(before), sender_.sent.end()};
  }

  std::string NewId() { return "m" + std::to_string(++ids_) + "@family.test"; }

  std::string Mail(const std::string& from, const std::string& subject, const std::string& body,
                   const std::string& in_reply_to = "", const std::string& to = "info@pacts.test") {
    return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: <" +
           NewId() + ">\r\n" +
           (in_reply_to.empty() ? "" : "In-Reply-To: <" + in_reply_to + ">\r\n") + "\r\n" + body +
           "\r\n";
  }

  // Opens a case from the parent; returns the acknowledgement and notification.
  void OpenCase(const std::string& body = "I am unhappy with how the forum meeting was run.") {
    const auto out =
        Deliver(Mail("Pat Parent <parent@family.test>", "Complaint about the meeting", body));
    for (const SentMail& s : out) {
      if (s.to == "parent@family.test")
        ack_ = s.message;
      else
        notification_ = s.message, handler_ = s.to;
    }
    ASSERT_FALSE(ack_.message_id.empty());
    ASSERT_FALSE(notification_.message_id.empty());
  }

  CaseRecord Case() { return CaseStore(*db_).FindByReference("PACTS-2026-0001").value(); }

  std::vector<SentMail> HandlerReplies(const std::string& body, const Message& to = {}) {
    const Message& parent = to.message_id.empty() ? notification_ : to;
    return Deliver(Mail(handler_, "Re: " + parent.subject, body, parent.message_id));
  }

  std::shared_ptr<const ProcedureContext> ctx_;
  std::unique_ptr<SQLite::Database> db_;
  FakeMailServer server_;
  FakeSender sender_;
  FixedClock clock_{At("2026-11-25")};  // a Wednesday
  CountingTokens tokens_;
  std::shared_ptr<spdlog::logger> log_;
  std::unique_ptr<OutageLog> outages_;
  Message ack_, notification_;
  std::string handler_;
  int ids_ = 0;
};

TEST_F(ProcedureFlow, AWholeCaseByEmailFromComplaintToIndependentReview) {
  OpenCase();
  EXPECT_EQ(handler_, "chair.a@pacts.test");

  // The handler answers with Outlook-style quoting: only their words reach the parent.
  auto out = HandlerReplies(
      "Thank you for telling us. Could you say which meeting?\r\nAlex\r\n\r\n-----Original "
      "Message-----\r\n"
      "From: PACTS Complaints\r\nSent: 25 November 2026\r\n\r\nold text");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].to, "parent@family.test");
  EXPECT_NE(out[0].message.body.find("Could you say which meeting?\nAlex\n"), std::string::npos);
  EXPECT_EQ(out[0].message.body.find("Original Message"), std::string::npos);
  EXPECT_EQ(out[0].message.in_reply_to, ack_.in_reply_to) << "threads under the complaint";

  // The parent answers with Gmail-style quoting; the handler gets just the answer.
  const Message relayed = out[0].message;
  out = Deliver(Mail("parent@family.test", "Re: " + relayed.subject,
                     "The one on 12 November.\r\n\r\nOn Thu, 26 Nov 2026 at 10:00, PACTS "
                     "<info@pacts.test> wrote:\r\n"
                     "> Thank you for telling us.",
                     relayed.message_id));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].to, "chair.a@pacts.test");
  EXPECT_NE(out[0].message.body.find("The one on 12 November."), std::string::npos);
  EXPECT_EQ(out[0].message.body.find("Thank you for telling us"), std::string::npos);

  // A holding letter moves the deadline.
  out = HandlerReplies("#holding 2027-01-29\r\nWe are waiting to speak to the venue.");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].to, "parent@family.test");
  EXPECT_NE(out[0].message.body.find("by Friday 29 January 2027"), std::string::npos);
  EXPECT_NE(out[0].message.body.find("We are waiting to speak to the venue."), std::string::npos);
  EXPECT_EQ(Case().respond_due, "2027-01-29");

  // The written response opens a 14-working-day appeal window.
  out = HandlerReplies("#outcome\r\nWe have looked into it and we apologise.");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_NE(out[0].message.body.find("We have looked into it and we apologise."),
            std::string::npos);
  EXPECT_NE(out[0].message.body.find("Independent\nReview"), std::string::npos);
  EXPECT_NE(out[0].message.body.find("by Tuesday 15 December 2026"), std::string::npos);
  EXPECT_EQ(Case().phase, Phase::kAppealWindow);

  // The parent asks for an independent review within the window.
  const Message outcome = out[0].message;
  out =
      Deliver(Mail("parent@family.test", "Re: " + outcome.subject,
                   "I am not satisfied and would like an independent review.", outcome.message_id));
  std::map<std::string, Message> by;
  for (const SentMail& s : out) by[s.to] = s.message;
  ASSERT_EQ(out.size(), 3u);
  EXPECT_NE(by["parent@family.test"].subject.find("independent review"), std::string::npos);
  EXPECT_NE(
      by["reviewer@outside.test"].body.find("I am unhappy with how the forum meeting was run."),
      std::string::npos)
      << "the reviewer gets the whole case";
  EXPECT_NE(by["reviewer@outside.test"].body.find("We have looked into it and we apologise."),
            std::string::npos);
  EXPECT_NE(by["reviewer@outside.test"].body.find("The one on 12 November."), std::string::npos);
  EXPECT_NE(by["chair.a@pacts.test"].subject.find("Stage Two"), std::string::npos);
  EXPECT_EQ(Case().phase, Phase::kStageTwo);

  // The reviewer's recommendation goes to the parent and the handler, and closes the case.
  out = Deliver(Mail("reviewer@outside.test", "Re: review",
                     "#outcome\r\nThe response was fair; I recommend no change.",
                     by["reviewer@outside.test"].message_id));
  by.clear();
  for (const SentMail& s : out) by[s.to] = s.message;
  ASSERT_EQ(out.size(), 2u);
  EXPECT_NE(by["parent@family.test"].body.find("I recommend no change."), std::string::npos);
  EXPECT_NE(by["chair.a@pacts.test"].body.find("I recommend no change."), std::string::npos);
  EXPECT_EQ(Case().state, CaseState::kClosed);
}

TEST_F(ProcedureFlow, ForgedCommandsDoNothing) {
  OpenCase();
  // From the handler's address but answering nothing intaked sent them.
  auto out = Deliver(Mail(handler_, "[PACTS-2026-0001] close it", "#close"));
  EXPECT_TRUE(out.empty());
  out = Deliver(Mail(handler_, "Re: x", "#outcome\r\nForged outcome",
                     ack_.message_id));  // the parent's letter
  EXPECT_TRUE(out.empty());
  // The complainant typing a keyword is just correspondence.
  out = Deliver(Mail("parent@family.test", "Re: " + ack_.subject, "#close", ack_.message_id));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].to, handler_);
  EXPECT_EQ(Case().state, CaseState::kOpen);
  EXPECT_EQ(Case().phase, Phase::kStageOne);
}

TEST_F(ProcedureFlow, BadKeywordsAreExplainedToTheHandlerAndNothingIsRelayed) {
  OpenCase();
  auto out = HandlerReplies("#closed\r\nplease");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].to, handler_);
  EXPECT_NE(out[0].message.body.find("\"#closed\" is not a keyword"), std::string::npos);
  out = HandlerReplies("#holding 2026-11-20\r\nreason");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_NE(out[0].message.body.find("is not in the future"), std::string::npos);
  out = HandlerReplies("#holding 2026-12-25");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_NE(out[0].message.body.find("Friday 25 December 2026 is not a working day"),
            std::string::npos);
  out = HandlerReplies("#holding next week");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_NE(out[0].message.body.find("written like 2027-01-29"), std::string::npos);
  EXPECT_EQ(Case().respond_due, "2027-01-11");
}

TEST_F(ProcedureFlow, RemindersOnTheRightDaysExactlyOnceAndOverdueEscalates) {
  OpenCase("I am unhappy that Bea Bright ignored me.");  // names Bea: Alex handles
  ASSERT_EQ(handler_, "chair.a@pacts.test");
  // Respond due Monday 11 January 2027; remind 5 and 1 working days before, on the day.
  std::map<std::string, std::vector<std::string>> log;  // day -> "to:subject"
  std::vector<std::string> digests_after_notices;  // chair.a's digests once notices ran out
  for (date::sys_days d = *ParseIsoDate("2026-11-26"); d <= *ParseIsoDate("2027-02-26");
       d += date::days(1)) {
    for (int hour : {7, 10, 15}) {  // several cycles a day, some before reminder_hour
      clock_.Set(Instant(d.time_since_epoch()) + std::chrono::hours(hour));
      const size_t before = sender_.sent.size();
      Cycle();
      for (size_t i = before; i < sender_.sent.size(); ++i) {
        const SentMail& s = sender_.sent[i];
        EXPECT_EQ(
            s.to == "chair.b@pacts.test" && s.raw.find("PACTS-2026-0001") != std::string::npos,
            false)
            << "Bea is named: nothing about the case may reach her";
        if (s.message.subject.find("[PACTS-2026-0001]") == std::string::npos) {
          if (s.to == "chair.a@pacts.test" && d > *ParseIsoDate("2027-02-09"))
            digests_after_notices.push_back(s.message.body);
          continue;  // weekly digests
        }
        log[FormatIsoDate(d)].push_back(s.to + ":" + s.message.subject);
        EXPECT_GE(hour, 9) << "nothing before reminder_hour";
      }
    }
  }
  auto has = [&](const std::string& day, const std::string& what) {
    for (const auto& s : log[day]) {
      if (s.find(what) != std::string::npos) return true;
    }
    return false;
  };
  EXPECT_TRUE(
      has("2027-01-04", "chair.a@pacts.test:[PACTS-2026-0001] Reminder: 5 working day(s) left"));
  EXPECT_TRUE(
      has("2027-01-08", "chair.a@pacts.test:[PACTS-2026-0001] Reminder: 1 working day(s) left"));
  EXPECT_TRUE(has("2027-01-11", "chair.a@pacts.test:[PACTS-2026-0001] Due today"));
  EXPECT_TRUE(has("2027-01-12", "chair.a@pacts.test:[PACTS-2026-0001] OVERDUE by 1"));
  EXPECT_TRUE(has("2027-01-12", "steering@pacts.test:[PACTS-2026-0001] OVERDUE by 1"));
  EXPECT_TRUE(has("2027-01-12",
                  "parent@family.test:[PACTS-2026-0001] Your complaint: our response is late"));
  EXPECT_TRUE(has("2027-01-19", "chair.a@pacts.test:[PACTS-2026-0001] OVERDUE by 6"));
  EXPECT_TRUE(has("2027-01-26", "steering@pacts.test:[PACTS-2026-0001] OVERDUE by 11"));
  size_t total = 0;
  for (const auto& [day, sent] : log) {
    total += sent.size();
    for (const auto& s : sent)
      EXPECT_EQ(s.find("chair.b@pacts.test"), std::string::npos) << "Bea is named";
  }
  // Overdue notices: the first working day after, then every 5 working days up to
  // overdue_repeats (3) more - then none; the case heads the weekly digest instead.
  EXPECT_TRUE(has("2027-02-02", "chair.a@pacts.test:[PACTS-2026-0001] OVERDUE by 16"));
  EXPECT_FALSE(has("2027-02-09", "OVERDUE by 21"));
  ASSERT_FALSE(digests_after_notices.empty());
  for (const std::string& body : digests_after_notices) {
    EXPECT_LT(body.find("OVERDUE, AND STILL NOT MOVED"), body.find("PACTS-2026-0001")) << body;
  }
  // The complainant hears the date has passed, then again every 10 working days.
  for (const char* day : {"2027-01-12", "2027-01-26", "2027-02-09", "2027-02-23"}) {
    EXPECT_TRUE(has(day, "parent@family.test:[PACTS-2026-0001] Your complaint: our response is late"))
        << day;
  }
  // 2 reminders + 1 due-day + 4 overdue rounds x 2 + 4 late letters, each exactly once.
  EXPECT_EQ(total, 15u) << [&] {
    std::string all;
    for (const auto& [day, sent] : log)
      for (const auto& s : sent) all += day + " " + s + "\n";
    return all;
  }();
}

TEST_F(ProcedureFlow, HoldingMovesTheRemindersAndDowntimeIsCaughtUpOnce) {
  OpenCase();
  HandlerReplies("#holding 2027-02-15\r\nWaiting for the venue.");
  clock_.Set(
      At("2027-01-04", 12));  // the old 5-day reminder day: nothing now (a Monday: digests only)
  size_t before = sender_.sent.size();
  Cycle();
  for (size_t i = before; i < sender_.sent.size(); ++i) {
    EXPECT_EQ(sender_.sent[i].message.subject.find("Your complaints this week"), 0u);
  }
  // Down from 2027-02-05 to 2027-02-12: the 5-day and 1-day reminders fell due; one catch-up.
  clock_.Set(At("2027-02-12", 9));
  before = sender_.sent.size();
  Cycle();
  Cycle();
  ASSERT_EQ(sender_.sent.size(), before + 1);
  EXPECT_NE(sender_.sent.back().message.subject.find("1 working day(s) left"), std::string::npos);
}

TEST_F(ProcedureFlow, AppealWindowElapsedClosesAndALateRequestGoesToTheHandler) {
  OpenCase();
  auto out = HandlerReplies("#outcome\r\nOur response.");
  const Message outcome = out.at(0).message;
  clock_.Set(At("2026-12-17", 10));  // the day after the window
  Cycle();
  EXPECT_EQ(Case().state, CaseState::kClosed);
  out = Deliver(Mail("parent@family.test", "Re: " + outcome.subject, "I want to appeal.",
                     outcome.message_id));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].to, handler_);
  EXPECT_NE(out[0].message.body.find("Reply #escalate to start Stage Two anyway"),
            std::string::npos);
  out = HandlerReplies("#escalate", out[0].message);
  EXPECT_EQ(out.size(), 3u);
  EXPECT_EQ(Case().phase, Phase::kStageTwo);
}

TEST_F(ProcedureFlow, ReassignNeverPicksANamedCoChair) {
  OpenCase("I am unhappy with the newsletter.");
  auto out = HandlerReplies("#reassign");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].to, "chair.b@pacts.test");
  EXPECT_EQ(Case().handler_email, "chair.b@pacts.test");
  // Alex no longer handles it: his old token does not authenticate.
  out = HandlerReplies("#close");
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(Case().state, CaseState::kOpen);
}

TEST_F(ProcedureFlow, ReassignRefusesWhenEveryOtherCoChairIsNamed) {
  OpenCase("Bea Bright was rude to me and I am unhappy.");  // Alex handles; Bea is named
  const auto out = HandlerReplies("#reassign");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].to, "chair.a@pacts.test");
  EXPECT_NE(out[0].message.body.find("no other co-chair this complaint does not name"),
            std::string::npos);
  EXPECT_EQ(Case().handler_email, "chair.a@pacts.test");
}

TEST_F(ProcedureFlow, CloseWithdrawAndNotComplaintSendNothingToTheComplainant) {
  OpenCase();
  auto out = HandlerReplies("#not-complaint");
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(Case().state, CaseState::kVoid);
}

TEST_F(ProcedureFlow, AnonymousComplaintHidesTheSenderFromHandlers) {
  const auto out = Deliver(Mail("Pat Parent <parent@family.test>", "Complaint",
                                "Please keep this anonymous. I am unhappy with the SEND panel."));
  ASSERT_EQ(out.size(), 2u);
  for (const SentMail& s : out) {
    if (s.to == "parent@family.test") continue;
    EXPECT_EQ(s.raw.find("parent@family.test"), std::string::npos);
    EXPECT_EQ(s.raw.find("Pat Parent"), std::string::npos);
    EXPECT_NE(s.message.body.find("Complainant (anonymous)"), std::string::npos);
    EXPECT_TRUE(s.message.in_reply_to.empty());
  }
}

TEST_F(ProcedureFlow, ComplimentsAreThankedAndCopiedToTheCoChairs) {
  const auto out =
      Deliver(Mail("Sam <sam@family.test>", "Well done", "Thank you for the coffee morning!"));
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].to, "sam@family.test");
  EXPECT_EQ(out[1].to, "chair.a@pacts.test");
  EXPECT_NE(out[1].message.body.find("Thank you for the coffee morning!"), std::string::npos);
}

TEST_F(ProcedureFlow, CoChairLogsAPhoneComplaintFromTheirSentFolder) {
  const std::string raw = Mail("Bea Bright <chair.b@pacts.test>", "Phone call",
                               "#complaint\r\nComplainant: Jo Carer <jo@family.test>\r\n"
                               "Jo rang to complain that the helpline was unanswered for a week.");
  // Intake sees it first, then Bea's Sent folder: acted on once, from the Sent copy.
  server_.Deliver("info@pacts.test", raw, clock_.Now());
  server_.Deliver("chair.b@pacts.test", raw, clock_.Now(), "Sent");
  Cycle();
  ASSERT_EQ(sender_.sent.size(), 2u);
  EXPECT_EQ(sender_.sent[0].to, "jo@family.test");
  EXPECT_EQ(sender_.sent[1].to, "chair.b@pacts.test");
  EXPECT_NE(sender_.sent[1].message.body.find("helpline was unanswered"), std::string::npos);
  EXPECT_EQ(sender_.sent[1].message.body.find("Complainant:"), std::string::npos);
}

TEST_F(ProcedureFlow, IntakeCommandsNeedTheCoChairsSentFolder) {
  // A forger cannot use a co-chair whose Sent folder intaked cannot see either.
  auto config = ParseConfig(TestConfigText(), "/tmp/intaked-test.toml").value();
  config.co_chairs[1].mailbox.reset();
  ctx_ = ProcedureContext::Build(config).value();
  Deliver(Mail("chair.b@pacts.test", "x", "#complaint\r\nComplainant: X <x@family.test>\r\nfake"));
  EXPECT_TRUE(sender_.sent.empty());
  EXPECT_TRUE(CaseStore(*db_).List(false).empty());
}

TEST_F(ProcedureFlow, AForgedIntakeCommandOpensNothing) {
  // Claims to be Bea, but never appears in her Sent folder.
  Deliver(Mail("chair.b@pacts.test", "x", "#complaint\r\nComplainant: X <x@family.test>\r\nfake"));
  EXPECT_TRUE(sender_.sent.empty());
  EXPECT_TRUE(CaseStore(*db_).List(false).empty());
}

TEST_F(ProcedureFlow, DirectReplyFromTheSentFolderIsRecordedNotResent) {
  OpenCase();
  const std::string direct =
      "From: chair.a@pacts.test\r\nTo: parent@family.test\r\nSubject: Re: " + ack_.subject +
      "\r\nMessage-ID: <direct@pacts.test>\r\nIn-Reply-To: <" + ack_.in_reply_to +
      ">\r\n\r\nI will ring you tomorrow.\r\n";
  const auto out = Deliver(direct, "chair.a@pacts.test", "Sent");
  EXPECT_TRUE(out.empty());
  bool recorded = false;
  for (const CaseEvent& e : CaseStore(*db_).Events(Case().id)) {
    recorded = recorded || (e.kind == CaseEventKind::kDirectReply && e.detail == "I will ring you tomorrow.");
  }
  EXPECT_TRUE(recorded);
}

TEST_F(ProcedureFlow, LoopGuardCapsAutomaticMailToOneAddress) {
  // An auto-responder without the proper headers, replying to each of our letters.
  for (int i = 0; i < 6; ++i) {
    Deliver(Mail("loop@family.test", "I have a complaint " + std::to_string(i), "complaint"));
  }
  EXPECT_EQ(sender_.To("loop@family.test").size(), 3u) << "3 in 10 minutes";
}

}  // namespace
}  // namespace intaked
