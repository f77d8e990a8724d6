// SPDX-License-Identifier: GPL-3.0-or-later
#include "year_simulation_people.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>

#include "calendar/local_zone.h"
#include "config/config_loader.h"
#include "store/case_store.h"
#include "store/database.h"
#include "store/outbox.h"
#include "test_config.h"

namespace intaked {
namespace {

constexpr const char* kFallback = "steering@pacts.test";
constexpr const char* kReviewer = "reviewer@outside.test";

date::sys_days Day(const char* iso) { return *ParseIsoDate(iso); }

Instant At(date::sys_days day, int hour) {
  return Instant(day.time_since_epoch()) + std::chrono::hours(hour);
}

// The handler's way, drawn with weights: on time 3, late 2, holding 2, never 3, and one each
// for the three ways that meet a refusal.
HandlerWay DrawHandlerWay(unsigned r) {
  static const HandlerWay kWeighted[] = {
      HandlerWay::kOnTime,        HandlerWay::kOnTime,      HandlerWay::kOnTime,
      HandlerWay::kLate,          HandlerWay::kLate,        HandlerWay::kHolding,
      HandlerWay::kHolding,       HandlerWay::kNever,       HandlerWay::kNever,
      HandlerWay::kNever,         HandlerWay::kLateHolding, HandlerWay::kSecondHolding,
      HandlerWay::kCloseInReview,
  };
  return kWeighted[r % std::size(kWeighted)];
}

const char* ComplaintText(int names) {
  switch (names) {
    case 1:
      return "Alex Able was rude to me at the forum meeting.";
    case 2:
      return "The co-chairs have ignored my emails for a month.";
    default:
      return "I am unhappy with the service.";
  }
}

}  // namespace

date::sys_days SimulatedYear::First() { return Day("2027-01-04"); }
// Six weeks into 2028: late reviews of autumn complaints end, and some still wait.
date::sys_days SimulatedYear::Last() { return Day("2027-12-31") + date::days(45); }

const std::vector<std::pair<date::sys_days, date::sys_days>>& SimulatedYear::Downtime() {
  // Chosen so that response and review dates, and the working days after them, fall inside:
  // intaked must catch up on its next cycle.
  static const std::vector<std::pair<date::sys_days, date::sys_days>> kDown = {
      {Day("2027-03-10"), Day("2027-03-16")},
      {Day("2027-06-02"), Day("2027-06-08")},
      {Day("2027-08-16"), Day("2027-08-27")},
      {Day("2027-11-03"), Day("2027-11-09")},
  };
  return kDown;
}

bool SimulatedYear::Down(date::sys_days day) {
  for (const auto& [from, to] : Downtime()) {
    if (day >= from && day <= to) return true;
  }
  return false;
}

SimulatedYear::SimulatedYear() {
  auto config = ParseConfig(
      TestConfigText("[calendar]\nclosures = [\"2027-12-29\", \"2027-12-30\", \"2027-12-31\"]\n"),
      "/tmp/year.toml");
  if (!config.ok()) throw std::runtime_error(config.status().message());
  for (CoChairSettings& cc : config->co_chairs) cc.mailbox.reset();  // all arrives at info@
  ctx_ = ProcedureContext::Build(config.value()).value();
  db_ = std::move(OpenDatabase(":memory:").value());
  log_ = std::make_shared<spdlog::logger>("sim", std::make_shared<spdlog::sinks::null_sink_mt>());
  outages_ = std::make_unique<OutageLog>(log_);
  MakeCases();
}

void SimulatedYear::MakeCases() {
  std::mt19937 rng(2027);
  for (date::sys_days d = First(); d <= Day("2027-12-31") - date::days(60); d += date::days(3)) {
    SimCase c;
    c.parent = "parent" + std::to_string(cases_.size()) + "@family.test";
    c.arrives = d;
    c.handler_way = DrawHandlerWay(rng());
    c.fallback_way = FallbackWay(rng() % 4);
    c.reviewer_way = ReviewerWay(rng() % 4);
    c.appeals = rng() % 3 == 0 || c.handler_way == HandlerWay::kCloseInReview;
    const unsigned n = rng() % 20;
    c.names = n == 0 ? 2 : n < 4 ? 1 : 0;
    // The fallback handles a complaint naming both co-chairs; it has no refusal to answer
    // and no one to reassign to. A named co-chair cannot take a reassigned case either.
    if (c.names == 2 && c.handler_way != HandlerWay::kNever) c.handler_way = HandlerWay::kOnTime;
    if (c.names > 0 && c.fallback_way == FallbackWay::kReassign)
      c.fallback_way = FallbackWay::kOutcome;
    if (c.names == 2 && c.fallback_way == FallbackWay::kHolding)
      c.fallback_way = FallbackWay::kOutcome;
    by_parent_[c.parent] = cases_.size();
    cases_.push_back(c);
  }
}

date::sys_days SimulatedYear::Wd(date::sys_days day, int n) const {
  return ctx_->calendar.AddWorkingDays(day, n);
}

date::sys_days SimulatedYear::Before(date::sys_days day, int n) const {
  date::sys_days d = day;
  while (n > 0) {
    d -= date::days(1);
    if (ctx_->calendar.IsWorkingDay(d)) --n;
  }
  return d;
}

void SimulatedYear::Run() {
  for (date::sys_days day = First(); day <= Last(); day += date::days(1)) {
    clock_.Set(At(day, 8));  // people write before intaked's first cycle of the day
    People(day);
    if (Down(day)) continue;
    Cycle(At(day, 9));
    // A second cycle, which must change nothing, on Tuesdays and Thursdays and on the day
    // intaked comes back from downtime (the engine's cost is per cycle: not every day).
    const unsigned weekday = date::weekday(day).c_encoding();
    if (ctx_->calendar.IsWorkingDay(day) &&
        (weekday == 2 || weekday == 4 || Down(day - date::days(1))))
      Cycle(At(day, 15));
    Learn(day);
  }
}

void SimulatedYear::Cycle(Instant t) {
  clock_.Set(t);
  IntakeCycle cycle(*db_, server_, sender_, clock_, tokens_, *outages_, log_);
  CycleReport report;
  const Status s = cycle.Run(*ctx_, &report);
  ASSERT_TRUE(s.ok()) << s.message();
  cycles_.push_back(t);
}

void SimulatedYear::Send(const std::string& from, const ReceivedLetter& answering,
                         const std::string& body) {
  server_.Deliver("info@pacts.test",
                  "From: " + from + "\r\nTo: info@pacts.test\r\nSubject: Re: " + answering.subject +
                      "\r\nMessage-ID: <s" + std::to_string(++ids_) +
                      "@sim.test>\r\nIn-Reply-To: <" + answering.message_id + ">\r\n\r\n" + body +
                      "\r\n",
                  clock_.Now());
}

void SimulatedYear::People(date::sys_days day) {
  for (SimCase& c : cases_) {
    if (c.arrives == day) {
      server_.Deliver("info@pacts.test",
                      "From: " + c.parent +
                          "\r\nTo: info@pacts.test\r\nSubject: Complaint\r\nMessage-ID: <c" +
                          c.parent + ">\r\n\r\n" + ComplaintText(c.names) + "\r\n",
                      clock_.Now());
    }
    if (!ctx_->calendar.IsWorkingDay(day)) continue;
    Handler(c, day);
    Fallback(c, day);
    Complainant(c, day);
    Reviewer(c, day);
  }
}

void SimulatedYear::Handler(SimCase& c, date::sys_days day) {
  if (!c.to_handler.known()) return;
  if (c.stage2_notice.known() && c.handler_way == HandlerWay::kCloseInReview &&
      !c.tried_in_review && day > c.stage2_notice.seen) {
    // The Stage One handler tries to end the independent review: refused.
    c.tried_in_review = true;
    if (attempts_.close_in_review <= attempts_.void_in_review) {  // each in turn
      Send(c.handler, c.stage2_notice, "#close");
      ++attempts_.close_in_review;
    } else {
      Send(c.handler, c.to_handler, "#not-complaint");
      ++attempts_.void_in_review;
    }
  }
  if (c.answered) return;
  const auto outcome = [&] {
    Send(c.handler, c.to_handler, "#outcome\r\nHere is our response.");
    c.answered = true;
  };
  const auto holding = [&](date::sys_days to) {
    Send(c.handler, c.to_handler, "#holding " + FormatIsoDate(to) + "\r\nWe need more time.");
  };
  switch (c.handler_way) {
    case HandlerWay::kOnTime:
    case HandlerWay::kCloseInReview:
      if (day >= Wd(c.arrives, 20)) outcome();
      break;
    case HandlerWay::kLate:
      if (day >= Wd(c.original_due, 5)) outcome();
      break;
    case HandlerWay::kHolding:
    case HandlerWay::kLateHolding: {
      const bool late = c.handler_way == HandlerWay::kLateHolding;
      if (!c.holding_sent && day >= (late ? Wd(c.original_due, 2) : Wd(c.arrives, 25))) {
        holding(Wd(c.original_due, 15));
        c.holding_sent = true;
        attempts_.late_holding += late;
      } else if (c.due_moves >= 1 && day >= Before(c.due_now, 2)) {
        outcome();
      }
      break;
    }
    case HandlerWay::kSecondHolding:
      if (!c.holding_sent && day >= Wd(c.arrives, 25)) {
        holding(Wd(c.original_due, 10));
        c.holding_sent = true;
      } else if (c.due_moves == 1 && !c.second_holding_sent && day >= Before(c.due_now, 3)) {
        holding(Wd(c.due_now, 10));
        c.second_holding_sent = true;
        ++attempts_.second_holding;
      } else if (c.due_moves >= 2 && day >= Before(c.due_now, 2)) {
        outcome();
      }
      break;
    case HandlerWay::kNever:
      // Only a co-chair the fallback handed the case to answers it.
      if (c.reassigned && day >= Wd(c.to_handler.seen, 3)) outcome();
      break;
  }
}

void SimulatedYear::Fallback(SimCase& c, date::sys_days day) {
  if (c.answered) return;
  if (c.refusal_notice.known() && !c.fallback_answered_refusal && day > c.refusal_notice.seen) {
    // Told a holding letter was refused, the fallback agrees to more time itself.
    Send(kFallback, c.refusal_notice,
         "#holding " + FormatIsoDate(Wd(std::max(day, c.due_now), 10)) +
             "\r\nThe school has still not replied.");
    c.fallback_answered_refusal = true;
    ++attempts_.fallback_holding_after_refusal;
  }
  if (c.handler_way != HandlerWay::kNever || !c.fallback_notice.known() ||
      day <= c.fallback_notice.seen) {
    return;
  }
  const auto outcome = [&] {
    Send(kFallback, c.fallback_notice, "#outcome\r\nOur response, from the steering group.");
    c.answered = true;
    // A case naming both co-chairs is the fallback's own: it answers as its handler.
    attempts_.fallback_outcome += c.handler != kFallback;
  };
  switch (c.fallback_way) {
    case FallbackWay::kWaits:
      break;
    case FallbackWay::kOutcome:
      if (c.fallback_notices >= 2) outcome();
      break;
    case FallbackWay::kHolding:
      if (!c.fallback_acted) {
        Send(kFallback, c.fallback_notice,
             "#holding " + FormatIsoDate(Wd(day, 10)) + "\r\nThe handler is away.");
        c.fallback_acted = true;
        ++attempts_.fallback_holding;
      } else if (c.due_moves >= 1 && day >= Before(c.due_now, 2)) {
        outcome();
      }
      break;
    case FallbackWay::kReassign:
      if (!c.fallback_acted) {
        Send(kFallback, c.fallback_notice, "#reassign");
        c.fallback_acted = true;
        ++attempts_.fallback_reassign;
      }
      break;
  }
}

void SimulatedYear::Complainant(SimCase& c, date::sys_days day) {
  if (!c.appeals || c.appealed || !c.outcome.known() || day < Wd(c.outcome.seen, 3)) return;
  Send(c.parent, c.outcome, "I am not satisfied and ask for an independent review.");
  c.appealed = true;
  ++attempts_.appeals;
}

void SimulatedYear::Reviewer(SimCase& c, date::sys_days day) {
  if (!c.review_request.known() || c.reviewed) return;
  const date::sys_days start = c.review_request.seen;
  const auto recommend = [&] {
    Send(kReviewer, c.review_request, "#outcome\r\nThe response was appropriate.");
    c.reviewed = true;
  };
  switch (c.reviewer_way) {
    case ReviewerWay::kOnTime:
      if (day >= Wd(start, 20)) recommend();
      break;
    case ReviewerWay::kHolding:
      if (!c.reviewer_holding_sent && day >= Wd(start, 25)) {
        Send(kReviewer, c.review_request,
             "#holding " + FormatIsoDate(Wd(c.review_due, 10)) + "\r\nWaiting for the minutes.");
        c.reviewer_holding_sent = true;
      } else if (c.review_moves >= 1 && day >= Before(c.review_due, 2)) {
        recommend();
      }
      break;
    case ReviewerWay::kLate:
      if (day >= Wd(c.review_due, 5)) recommend();
      break;
    case ReviewerWay::kNever:
      break;
  }
}

// Reads what the day's cycles sent: each simulated person keeps the letters they may answer.
void SimulatedYear::Learn(date::sys_days day) {
  Outbox outbox(*db_);
  CaseStore store(*db_);
  for (; learnt_ < sender_.sent.size(); ++learnt_) {
    const SentMail& s = sender_.sent[learnt_];
    const std::optional<OutboxItem> item = outbox.FindByMessageId(s.message.message_id);
    if (!item || !item->case_id) continue;  // digests and reports
    auto it = by_case_id_.find(*item->case_id);
    if (it == by_case_id_.end()) {
      const std::optional<CaseRecord> rec = store.FindById(*item->case_id);
      it = by_case_id_.emplace(*item->case_id, by_parent_.at(rec->complainant_email)).first;
      cases_[it->second].case_id = *item->case_id;
    }
    LearnLetter(cases_[it->second], item->purpose, s.to,
                {s.message.message_id, s.message.subject, day});
  }
}

void SimulatedYear::LearnLetter(SimCase& c, const std::string& purpose, const std::string& to,
                                ReceivedLetter letter) {
  const auto record = [&] { return CaseStore(*db_).FindById(c.case_id).value(); };
  if (purpose == "handler_notification" || purpose == "reassignment_notice") {
    c.to_handler = letter;
    c.handler = to;
    c.reassigned = purpose == "reassignment_notice";
    if (!c.reassigned) c.original_due = c.due_now = *ParseIsoDate(record().respond_due);
  } else if (purpose == "outcome_letter") {
    c.outcome = letter;
  } else if (purpose == "holding_letter") {
    const CaseRecord r = record();
    if (r.phase == Phase::kStageTwo) {
      c.review_due = *ParseIsoDate(r.review_due);
      ++c.review_moves;
    } else {
      c.due_now = *ParseIsoDate(r.respond_due);
      ++c.due_moves;
    }
  } else if (purpose == "stage2_review_request") {
    c.review_request = letter;
    c.review_due = *ParseIsoDate(record().review_due);
  } else if (purpose == "stage2_handler_notice") {
    c.stage2_notice = letter;
  } else if (purpose == "overdue_notice" && to == kFallback) {
    c.fallback_notice = letter;
    if (!c.review_request.known()) ++c.fallback_notices;
  } else if (purpose == "holding_refused_notice") {
    c.refusal_notice = letter;
  }
}

}  // namespace intaked
