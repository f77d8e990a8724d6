// SPDX-License-Identifier: GPL-3.0-or-later
// The Message-IDs of intaked's letters (docs/SECURITY.md, "Reply tokens"): short
// enough that a reply's In-Reply-To fits on one line, unguessable, and - for
// letters sent before they were shortened - still recognised.
#include <gtest/gtest.h>

#include <set>

#include "engine_harness.h"
#include "store/outbox.h"

namespace intaked {
namespace {

TEST(Tokens, AreTwentySixBase32DigitsFreshEachTime) {
  RandomTokenSource tokens;
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) {
    const std::string t = tokens.NewToken();
    ASSERT_EQ(t.size(), 26u) << "26 x 5 bits: over 128 bits";
    for (char c : t) ASSERT_TRUE((c >= 'a' && c <= 'z') || (c >= '2' && c <= '7')) << t;
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 2000u);
}

class RealTokens : public EngineHarness {
 protected:
  RealTokens() : EngineHarness(std::make_unique<RandomTokenSource>()) {}
};

TEST_F(RealTokens, AReplysInReplyToLineFitsIn78Characters) {
  OpenCase();
  auto out = Deliver(Reply("chair.a@pacts.test", notification_, "Which meeting was it?"));
  out.push_back({"", ack_, ""});
  out.push_back({"", notification_, ""});
  for (const SentMail& s : out) {
    const std::string line = "In-Reply-To: <" + s.message.message_id + ">";
    EXPECT_LE(line.size(), 78u) << line;
    const std::string token = s.message.message_id.substr(0, s.message.message_id.find('@'));
    EXPECT_GE(token.size() * 5, 128u) << "at least 128 bits of base32";
  }
}

class OldLetters : public EngineHarness {};

TEST_F(OldLetters, RepliesToIdsOfTheOlderLongFormStillAuthenticate) {
  OpenCase();
  // A notification sent before Message-IDs were shortened, still in the handler's mailbox.
  const std::string old_id =
      "intaked.PACTS-2026-0001.handler_notification.0123456789abcdef0123456789abcdef@pacts.test";
  OutboxItem item;
  item.case_id = Case().id;
  item.purpose = "handler_notification";
  item.recipient = "chair.a@pacts.test";
  item.message_id = old_id;
  item.mail = "Message-ID: <" + old_id + ">\r\n\r\nold\r\n";
  Outbox(*db_).Enqueue(item, clock_.Now());
  Outbox(*db_).MarkSent(Outbox(*db_).FindByMessageId(old_id)->id, clock_.Now());
  Message old_letter = notification_;
  old_letter.message_id = old_id;

  auto out = Deliver(Reply("chair.a@pacts.test", old_letter, "Which meeting was it?"));
  ASSERT_EQ(out.size(), 1u) << "relayed: the old id proves the reply answers Alex's letter";
  EXPECT_EQ(out[0].to, "parent@family.test");
  out = Deliver(Reply("chair.a@pacts.test", old_letter, "#holding 2027-01-29\r\nWaiting."));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(Case().respond_due, "2027-01-29") << "a keyword on it is acted on";
}

}  // namespace
}  // namespace intaked
