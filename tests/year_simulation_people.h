// SPDX-License-Identifier: GPL-3.0-or-later
// SimulatedYear: 2027 in fast-forward through the real engine (IntakeCycle),
// with fake mailboxes, an in-memory database and a clock moved day by day.
//
// The people are simulated here: parents who complain (some naming a
// co-chair) and some of whom ask for an independent review; handlers, the
// fallback and the reviewer, each behaving in one of a few ways chosen with a
// fixed seed (see the Way enums). They act only by email, replying to the
// letters intaked sent them, exactly as a person would; what they tried is
// counted here (Attempts) so the audit can compare it with what intaked did.
// Intaked is down on the Downtime() days: no cycle at all runs, though mail
// still arrives. The year owns the engine's fakes; the audit
// (year_simulation_audit.h) reads them after Run().
#pragma once

#include <spdlog/logger.h>

#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "engine/intake_cycle.h"
#include "engine/outage_log.h"
#include "fake_mail.h"

namespace intaked {

// How a Stage One handler behaves.
enum class HandlerWay {
  kOnTime,         // #outcome 20 working days after the complaint
  kLate,           // #outcome 5 working days after the response date
  kHolding,        // #holding on day 25, then #outcome 2 working days before the new date
  kNever,          // never answers: the fallback's way decides
  kLateHolding,    // #holding 2 working days after the response date (refused)
  kSecondHolding,  // a holding letter on time, then a second one (refused)
  kCloseInReview,  // answers on time; once the review starts, #close or #not-complaint (refused)
};

// What the fallback does about a case whose handler never answers, once told it is overdue.
enum class FallbackWay {
  kWaits,     // nothing: the case runs out of overdue notices and heads the digests
  kOutcome,   // #outcome, replying to the second overdue notice
  kHolding,   // #holding a new date, replying to the first, then #outcome before it
  kReassign,  // #reassign; the new handler answers 3 working days later
};

enum class ReviewerWay {
  kOnTime,   // the recommendation 20 working days after the review started
  kHolding,  // #holding on day 25, then the recommendation 2 working days before the new date
  kLate,     // the recommendation 5 working days after the review date
  kNever,
};

// A letter a simulated person received and may answer.
struct ReceivedLetter {
  std::string message_id, subject;
  date::sys_days seen{};
  bool known() const { return !message_id.empty(); }
};

struct SimCase {
  std::string parent;
  date::sys_days arrives;
  HandlerWay handler_way;
  FallbackWay fallback_way;
  ReviewerWay reviewer_way;
  bool appeals;
  int names = 0;  // 0: no co-chair; 1: names Alex Able; 2: names the co-chairs
  // learnt from intaked's letters (and its store, as the letters state the dates)
  int64_t case_id = 0;
  std::string handler;  // whoever holds Stage One now
  ReceivedLetter to_handler, stage2_notice, outcome, review_request, fallback_notice,
      refusal_notice;
  int fallback_notices = 0;  // overdue notices the fallback had in Stage One
  date::sys_days original_due{}, due_now{}, review_due{};
  int due_moves = 0, review_moves = 0;  // holding letters that reached the parent
  // what the people did
  bool answered = false, holding_sent = false, second_holding_sent = false;
  bool tried_in_review = false, fallback_acted = false, fallback_answered_refusal = false;
  bool appealed = false, reviewer_holding_sent = false, reviewed = false;
  bool reassigned = false;  // the fallback handed the case to the co-chair now in `handler`
};

// What the simulated people tried, by kind.
struct Attempts {
  int close_in_review = 0, void_in_review = 0;
  int late_holding = 0, second_holding = 0;
  int fallback_outcome = 0, fallback_holding = 0, fallback_reassign = 0;
  int fallback_holding_after_refusal = 0;
  int appeals = 0;
};

class SimulatedYear {
 public:
  SimulatedYear();

  // Drives the year from the first complaint until well after the last date.
  void Run();

  static date::sys_days First();
  static date::sys_days Last();  // the last day a cycle could run
  // Days intaked does not run at all (each spans response or review dates, and the days after).
  static bool Down(date::sys_days day);
  static const std::vector<std::pair<date::sys_days, date::sys_days>>& Downtime();

  const ProcedureContext& ctx() const { return *ctx_; }
  SQLite::Database& db() const { return *db_; }
  const std::vector<SentMail>& sent() const { return sender_.sent; }
  const std::vector<SimCase>& cases() const { return cases_; }
  const std::vector<Instant>& cycles() const { return cycles_; }  // every cycle that ran
  const Attempts& attempts() const { return attempts_; }
  Instant now() const { return clock_.Now(); }

 private:
  void MakeCases();
  void People(date::sys_days day);
  void Handler(SimCase& c, date::sys_days day);
  void Fallback(SimCase& c, date::sys_days day);
  void Complainant(SimCase& c, date::sys_days day);
  void Reviewer(SimCase& c, date::sys_days day);
  void Cycle(Instant t);
  void Learn(date::sys_days day);
  void LearnLetter(SimCase& c, const std::string& purpose, const std::string& to,
                   ReceivedLetter letter);
  void Send(const std::string& from, const ReceivedLetter& answering, const std::string& body);
  date::sys_days Wd(date::sys_days day, int n) const;      // n working days after
  date::sys_days Before(date::sys_days day, int n) const;  // n working days before

  std::shared_ptr<const ProcedureContext> ctx_;
  std::unique_ptr<SQLite::Database> db_;
  FakeMailServer server_;
  FakeSender sender_;
  FixedClock clock_{Instant{}};
  CountingTokens tokens_;
  std::shared_ptr<spdlog::logger> log_;
  std::unique_ptr<OutageLog> outages_;
  std::vector<SimCase> cases_;
  std::map<int64_t, size_t> by_case_id_;
  std::map<std::string, size_t> by_parent_;
  std::vector<Instant> cycles_;
  Attempts attempts_;
  size_t learnt_ = 0;
  int ids_ = 0;
};

}  // namespace intaked
