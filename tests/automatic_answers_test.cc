// SPDX-License-Identifier: GPL-3.0-or-later
// The loop guard (automatic answers to one outside address are
// capped at 3 in 10 minutes and 20 a day) counts exactly the letters that
// answer incoming mail by themselves, as letters/automatic_answers.h lists
// them: each of those, and no other letter.
#include "letters/automatic_answers.h"

#include <date/date.h>
#include <gtest/gtest.h>

#include "engine/case_mail.h"
#include "store/database.h"
#include "store/outbox.h"

namespace intaked {
namespace {

const Instant kNow = date::sys_days(date::year(2026) / 12 / 1) + std::chrono::hours(10);

class AutomaticAnswers : public ::testing::Test {
 protected:
  void SetUp() override { db_ = std::move(OpenDatabase(":memory:").value()); }

  void Queue(std::string_view letter, const std::string& to, Instant at) {
    OutboxItem item;
    item.purpose = std::string(letter);
    item.recipient = to;
    item.message_id = "letter-" + std::to_string(++sent_) + "@pacts.test";
    item.mail = "Subject: x\r\n\r\nHello.\r\n";
    Outbox(*db_).Enqueue(item, at);
  }
  bool CapReached(const std::string& to) { return AutomaticMailCapReached(*db_, to, kNow); }

  std::unique_ptr<SQLite::Database> db_;
  int sent_ = 0;
};

TEST_F(AutomaticAnswers, EachListedLetterCountsTowardsTheCap) {
  for (std::string_view letter : kAutomaticAnswers) {
    const std::string to = "loop-" + std::string(letter) + "@family.test";
    Queue(letter, to, kNow - std::chrono::minutes(9));
    Queue(letter, to, kNow - std::chrono::minutes(5));
    EXPECT_FALSE(CapReached(to)) << letter << ": two in 10 minutes still go";
    Queue(letter, to, kNow - std::chrono::minutes(1));
    EXPECT_TRUE(CapReached(to)) << letter << ": the third in 10 minutes is the cap";
    EXPECT_EQ(
        Outbox(*db_)
            .AutomaticAnswersTo(to, kNow - std::chrono::minutes(10), kNow - std::chrono::hours(24))
            .recent,
        3)
        << letter;
  }
}

TEST_F(AutomaticAnswers, LettersAPersonCausedAreNeverCounted) {
  const std::string to = "parent@family.test";
  for (const char* letter : {"outcome_letter", "correspondence_to_complainant", "holding_letter",
                             "complainant_delay", "review_outcome", "compliment_copy"}) {
    EXPECT_FALSE(AnswersIncomingMail(letter)) << letter;
    for (int i = 0; i < 5; ++i) Queue(letter, to, kNow - std::chrono::minutes(i));
  }
  EXPECT_FALSE(CapReached(to)) << "30 letters in 10 minutes, none of them automatic";
  const AutomaticAnswerCount n = Outbox(*db_).AutomaticAnswersTo(
      to, kNow - std::chrono::minutes(10), kNow - std::chrono::hours(24));
  EXPECT_EQ(n.recent, 0);
  EXPECT_EQ(n.day, 0);
}

TEST_F(AutomaticAnswers, TwentyADayToOneAddressWhateverItsCase) {
  // One an hour, so never 3 in 10 minutes; written as the sender wrote it each time.
  for (int i = 1; i <= 19; ++i) {
    Queue(kAutomaticAnswers[size_t(i) % kAutomaticAnswers.size()],
          i % 2 ? "Loop@Family.test" : "loop@FAMILY.TEST", kNow - std::chrono::hours(i));
  }
  Queue("acknowledgement", "loop@family.test", kNow - std::chrono::hours(30));
  EXPECT_FALSE(CapReached("loop@family.test")) << "19 in the last day; the 30-hour-old one is past";
  Queue("stage2_acknowledgement", "LOOP@family.test", kNow - std::chrono::minutes(30));
  EXPECT_TRUE(CapReached("loop@family.test")) << "20 in a day";
}

}  // namespace
}  // namespace intaked
