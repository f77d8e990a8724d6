// SPDX-License-Identifier: GPL-3.0-or-later
// ProcedureProbes: the engine harness with the people of the procedure and the
// moves the probe tests share - a complaint that names someone, a phone complaint
// without email, a case in Stage Two, the admin's commands as the admin runs them.
#pragma once

#include <SQLiteCpp/Transaction.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/case_actions.h"
#include "engine_harness.h"
#include "procedure/case_lifecycle.h"

namespace intaked {

class ProcedureProbes : public EngineHarness {
 protected:
  // The people, as they write (From:) and as letters reach them.
  static constexpr const char* kAlex = "Alex Able <chair.a@pacts.test>";
  static constexpr const char* kBea = "Bea Bright <chair.b@pacts.test>";
  static constexpr const char* kFallback = "Steering Group <steering@pacts.test>";
  static constexpr const char* kParent = "parent@family.test";
  static constexpr const char* kA = "chair.a@pacts.test";
  static constexpr const char* kB = "chair.b@pacts.test";
  static constexpr const char* kSteering = "steering@pacts.test";
  static constexpr const char* kRita = "reviewer@outside.test";

  static bool Has(const Message& m, const std::string& text) {
    return m.body.find(text) != std::string::npos;
  }


  // A complaint from the parent to info@ with `body`; keeps the parent's acknowledgement
  // and the handler's notification (to whoever it went).
  void Complain(const std::string& body) {
    const auto out = Deliver(
        "From: Pat Parent <parent@family.test>\r\nTo: info@pacts.test\r\nSubject: Complaint "
        "about the forum\r\nMessage-ID: <complaint@family.test>\r\n\r\n" +
        body + "\r\n");
    for (const SentMail& s : out) (s.to == kParent ? ack_ : notification_) = s.message;
    ASSERT_FALSE(notification_.message_id.empty());
  }

  // Bea logs a phone complaint from Jo Carer, who gave no email address (Bea handles it).
  void PhoneComplaint() {
    server_.Deliver(kB,
                    "From: Bea Bright <chair.b@pacts.test>\r\nTo: info@pacts.test\r\nSubject: "
                    "Phone call\r\nMessage-ID: <phone1@pacts.test>\r\n\r\n#complaint\r\n"
                    "Complainant: Jo Carer\r\nJo rang, unhappy that the helpline was unanswered "
                    "for a week.\r\n",
                    clock_.Now(), "Sent");
    const auto out = CycleOn("2026-11-25");
    notification_ = LetterTo(out, kB, "New complaint");
    ASSERT_EQ(Case().complainant_email, "");
  }

  // Opens the case (Alex), sends the Stage One outcome, and has the parent ask for a
  // review; keeps the outcome letter, the reviewer's request and the handler's notice.
  void IntoStageTwo() {
    OpenCase();
    outcome_ = LetterTo(Deliver(Reply(kAlex, notification_, "#outcome\r\nWe apologise.")), kParent);
    const auto s2 = Deliver(
        Reply(kParent, outcome_, "I am not satisfied and would like an independent review."));
    review_request_ = LetterTo(s2, kRita);
    ASSERT_EQ(Case().phase, Phase::kStageTwo);
  }

  // What `intaked close` and `intaked reassign` do (daemon/case_commands.cc): ask the table
  // as the admin, then act, in one transaction. Empty when done, else why not.
  template <typename Act>
  std::string AsAdmin(CaseAct what, Act act) {
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    CaseRecord c = Case();
    CaseActions actions(*ctx_, *db_, *tokens_, clock_.Now());
    std::string refusal;
    if (!actions.Permit(c, {Role::kAdmin, ""}, what, &refusal)) {
      tx.commit();
      return refusal.empty() ? "refused" : refusal;
    }
    const std::string problem = act(actions, c);
    if (problem.empty()) tx.commit();
    return problem;
  }

  std::string AdminClose(const std::string& reason) {
    return AsAdmin(CaseAct::kClose, [&](CaseActions& a, CaseRecord& c) {
      a.CloseByAdmin(c, reason);
      return std::string();
    });
  }

  // Every letter in `out` that does not go to `who`.
  static std::vector<SentMail> Except(const std::vector<SentMail>& out, const std::string& who) {
    std::vector<SentMail> rest;
    for (const SentMail& s : out)
      if (s.to != who) rest.push_back(s);
    return rest;
  }

  Message outcome_, review_request_;
};

}  // namespace intaked
