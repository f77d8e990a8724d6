// SPDX-License-Identifier: GPL-3.0-or-later
// What the year simulation found in intaked, each as the smallest test that
// shows it (the simulation itself steers round these cases so that its
// counts stay about the rules it checks).
#include <gtest/gtest.h>

#include "engine_harness.h"

namespace intaked {
namespace {

class YearSimulationFindings : public EngineHarness {};

// A complaint that names the co-chairs as a group is handled by the fallback (docs/PROCEDURE.md (Cases and routing)).
// docs/PROCEDURE.md (Acting on a case by email) lets the fallback send holding letters "any time, and again"; but here it is
// treated as a limited Stage One handler: its second holding letter is refused, and the
// refusal tells it that "the fallback has been told, and can send a further one" - it is
// the fallback, nothing was sent to anyone, and it cannot.
TEST_F(YearSimulationFindings, TheFallbackHandlingACaseMaySendAFurtherHoldingLetter) {
  const auto opened = Deliver(
      "From: Pat Parent <parent@family.test>\r\nTo: info@pacts.test\r\nSubject: Complaint\r\n"
      "Message-ID: <group@family.test>\r\n\r\nThe co-chairs have ignored my emails.\r\n");
  Message to_fallback;
  for (const SentMail& s : opened) {
    if (s.to == "steering@pacts.test") to_fallback = s.message;
  }
  ASSERT_FALSE(to_fallback.message_id.empty()) << "the fallback handles it";
  const char* kFallback = "Steering Group <steering@pacts.test>";
  auto out = Deliver(Reply(kFallback, to_fallback, "#holding 2027-01-20\r\nWaiting."));
  ASSERT_EQ(sender_.To("parent@family.test").size(), 2u) << "acknowledgement and holding letter";

  out = Deliver(Reply(kFallback, to_fallback, "#holding 2027-01-29\r\nStill waiting."));
  EXPECT_EQ(sender_.To("parent@family.test").size(), 3u)
      << "a further holding letter from the fallback reaches the complainant";
  for (const SentMail& s : out) {
    EXPECT_EQ(s.message.body.find("the fallback has been told"), std::string::npos)
        << "told the fallback that the fallback was told:\n"
        << s.message.body;
  }
  EXPECT_EQ(Case().respond_due, "2027-01-29");
}

}  // namespace
}  // namespace intaked
