// SPDX-License-Identifier: GPL-3.0-or-later
#include "year_simulation_schedule.h"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "calendar/local_zone.h"
#include "procedure/deadlines.h"
#include "store/case_store.h"

namespace intaked {
namespace {

// docs/PROCEDURE.md (Reminders and overdue notices): overdue notices every 5 working days, late letters every 10.
constexpr int kNoticeEvery = 5, kLateLetterEvery = 10;

int64_t Secs(Instant t) { return int64_t(t.time_since_epoch().count()); }

int64_t Count(SQLite::Database& db, const std::string& sql) {
  return db.execAndGet(sql).getInt64();
}

}  // namespace

ScheduleAudit::ScheduleAudit(const SimulatedYear& year, const std::vector<CaseRecord>& cases,
                             const std::map<int64_t, std::vector<CaseEvent>>& events,
                             YearCounts& counts, std::vector<std::string>& violations)
    : year_(year),
      ctx_(year.ctx()),
      cal_(year.ctx().calendar),
      db_(year.db()),
      cases_(cases),
      events_(events),
      n_(counts),
      bad_(violations) {
  // Working days counted once (the calendar counts them day by day, and the oracle asks
  // for every cycle of every date).
  base_ = SimulatedYear::First() - date::days(60);
  int n = 0;
  for (date::sys_days d = base_; d <= SimulatedYear::Last() + date::days(120); d += date::days(1))
    index_.push_back(n += cal_.IsWorkingDay(d));
  for (Instant t : year_.cycles()) {
    const date::sys_days day = ctx_.zone.LocalDate(t);
    cycles_.push_back(
        {t, day, cal_.IsWorkingDay(day) && ctx_.zone.LocalHour(t) >= ctx_.config.reminder_hour});
  }
}

void ScheduleAudit::Run() {
  BuildWaits();
  Ledger();
  LettersOfSteps();
  Digests();
}

int ScheduleAudit::Between(date::sys_days from, date::sys_days to) const {
  return index_.at((to - base_).count()) - index_.at((from - base_).count());
}

date::sys_days ScheduleAudit::Before(date::sys_days day, int n) const {
  while (n > 0) {
    day -= date::days(1);
    if (cal_.IsWorkingDay(day)) --n;
  }
  return day;
}

// The step a date calls for on `day` (docs/PROCEDURE.md (Reminders and overdue notices)): a reminder N working days before, on
// the day, then an overdue notice on the 1st, 6th, 11th... working day after, up to
// 1 + overdue_repeats of them.
std::optional<std::string> ScheduleAudit::StepOn(date::sys_days due, date::sys_days day) const {
  std::vector<int> before = ctx_.config.remind_before;
  std::sort(before.begin(), before.end());
  if (day < due) {
    for (int b : before) {
      if (Before(due, b) <= day) return "before-" + std::to_string(b);
    }
    return std::nullopt;
  }
  if (day == due) return "due";
  const int late = Between(due, day);
  const int k = (late - 1) / kNoticeEvery + 1;
  if (late < 1 || k > 1 + ctx_.config.overdue_repeats) return std::nullopt;
  return "overdue-" + std::to_string(k);
}

date::sys_days ScheduleAudit::ScheduledDay(date::sys_days due, const std::string& step) const {
  if (step == "due") return due;
  if (step.rfind("before-", 0) == 0) return Before(due, std::stoi(step.substr(7)));
  return cal_.AddWorkingDays(due, 1 + kNoticeEvery * (std::stoi(step.substr(8)) - 1));
}

std::string ScheduleAudit::Reference(int64_t id) const {
  for (const CaseRecord& c : cases_) {
    if (c.id == id) return c.reference;
  }
  return "#" + std::to_string(id);
}

void ScheduleAudit::BuildWaits() {
  const Config& cfg = ctx_.config;
  for (const CaseRecord& c : cases_) {
    const std::vector<CaseEvent>& events = events_.at(c.id);
    std::optional<Wait> open =
        Wait{&c, "respond", WorkingDaysAfter(cal_, ctx_.zone, c.received_at, cfg.respond_days).day,
             events.front().at};
    const auto end = [&](Instant at) {
      if (!open) return;
      open->until = at;
      waits_.push_back(*open);
      open.reset();
    };
    for (const CaseEvent& e : events) {
      if ((e.kind == CaseEventKind::kHolding || e.kind == CaseEventKind::kReviewHolding) && open) {
        const std::optional<date::sys_days> moved = e.detail.rfind("new final date ", 0) == 0
                                                        ? ParseIsoDate(e.detail.substr(15, 10))
                                                        : std::nullopt;
        if (!moved) {
          bad_.push_back("case " + c.reference +
                         ": a holding letter without its date: " + e.detail);
          continue;
        }
        const std::string deadline = open->deadline;
        end(e.at);
        open = Wait{&c, deadline, *moved, e.at};
      } else if (e.kind == CaseEventKind::kStageTwo) {
        end(e.at);
        open =
            Wait{&c, "review", WorkingDaysAfter(cal_, ctx_.zone, e.at, cfg.review_days).day, e.at};
      } else if (e.kind == CaseEventKind::kOutcome || e.kind == CaseEventKind::kReviewOutcome ||
                 e.kind == CaseEventKind::kClosed || e.kind == CaseEventKind::kVoided) {
        end(e.at);
      }
    }
    if (open) waits_.push_back(*open);
  }
  n_.dates_waited_on = int(waits_.size());
}

// The oracle's ledger for one wait; counts the dates that passed and the steps downtime
// superseded.
void ScheduleAudit::Expect(const Wait& w, std::set<Step>& expected) {
  std::set<std::string> steps, late_steps;
  const auto add = [&](const std::string& deadline, const std::string& step, Instant at) {
    expected.emplace(w.c->id, deadline, FormatIsoDate(w.due), step, Secs(at));
  };
  const auto first = std::lower_bound(cycles_.begin(), cycles_.end(), w.from,
                                      [](const RanCycle& r, Instant t) { return r.at < t; });
  for (auto r = first; r != cycles_.end() && r->at < w.until; ++r) {
    if (!r->sends) continue;
    if (const auto step = StepOn(w.due, r->day); step && steps.insert(*step).second)
      add(w.deadline, *step, r->at);
    if (r->day <= w.due) continue;
    const int late = Between(w.due, r->day);
    const std::string step = "late-" + std::to_string((late - 1) / kLateLetterEvery + 1);
    if (!late_steps.insert(step).second) continue;
    add(w.deadline + "-late", step, r->at);
    if (step != "late-1") continue;
    ++n_.dates_passed;
    n_.passed_in_downtime +=
        SimulatedYear::Down(w.due) && SimulatedYear::Down(cal_.AddWorkingDays(w.due, 1));
  }
  std::vector<std::string> all;
  for (int b : ctx_.config.remind_before) all.push_back("before-" + std::to_string(b));
  all.push_back("due");
  for (int k = 1; k <= 1 + ctx_.config.overdue_repeats; ++k)
    all.push_back("overdue-" + std::to_string(k));
  for (const std::string& step : all) {
    const date::sys_days day = ScheduledDay(w.due, step);
    const bool waiting = ctx_.zone.LocalDate(w.from) <= day &&
                         (w.until == Instant::max() || day < ctx_.zone.LocalDate(w.until));
    n_.steps_skipped_in_downtime += waiting && SimulatedYear::Down(day) && !steps.count(step);
  }
}

void ScheduleAudit::Ledger() {
  std::set<Step> expected, recorded;
  for (const Wait& w : waits_) Expect(w, expected);
  SQLite::Statement q(db_,
                      "SELECT case_id, deadline, due, step, at FROM reminders"
                      " WHERE deadline != 'acknowledge'");
  while (q.executeStep()) {
    recorded.emplace(q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                     q.getColumn(2).getString(), q.getColumn(3).getString(),
                     q.getColumn(4).getInt64());
  }
  const auto report = [&](const Step& s, const char* what) {
    ++n_.schedule_mismatches;
    const auto& [id, deadline, due, step, at] = s;
    bad_.push_back(
        fmt::format("case {}: {} date {}: step {} at {} {}", Reference(id), deadline, due, step,
                    FormatIsoDate(ctx_.zone.LocalDate(Instant(std::chrono::seconds(at)))), what));
  };
  for (const Step& s : expected) {
    if (!recorded.count(s)) report(s, "was due by the policy but not recorded");
  }
  for (const Step& s : recorded) {
    if (!expected.count(s)) report(s, "was recorded but not due by the policy");
  }
}

// Every ledger step has exactly its letters, and every letter its step.
void ScheduleAudit::LettersOfSteps() {
  const std::string letter_of_step =
      "o.case_id = r.case_id AND o.created_at = r.at AND o.purpose = CASE"
      " WHEN r.deadline LIKE '%-late' THEN 'complainant_delay'"
      " WHEN r.step LIKE 'overdue-%' THEN 'overdue_notice' ELSE 'reminder' END";
  n_.unledgered_letters =
      int(Count(db_,
                "SELECT COUNT(*) FROM outbox o WHERE o.purpose IN ('reminder', 'overdue_notice', "
                "'complainant_delay') AND NOT EXISTS (SELECT 1 FROM reminders r WHERE " +
                    letter_of_step + ")"));
  SQLite::Statement q(db_,
                      "SELECT r.case_id, r.deadline, r.due, r.step, c.handler_email,"
                      " COUNT(o.id), SUM(o.recipient = ?) FROM reminders r"
                      " JOIN cases c ON c.id = r.case_id LEFT JOIN outbox o ON " +
                          letter_of_step + " WHERE r.deadline != 'acknowledge' GROUP BY r.rowid");
  q.bind(1, ctx_.config.fallback_address);
  while (q.executeStep()) {
    const std::string step = q.getColumn(3).getString();
    const bool notice = step.rfind("overdue-", 0) == 0;
    const bool fallback_holds = q.getColumn(1).getString() == "respond" &&
                                q.getColumn(4).getString() == ctx_.config.fallback_address;
    // An overdue notice goes to whoever must act and to the fallback (once, if that is it).
    const int want = notice && !fallback_holds ? 2 : 1;
    const int got = q.getColumn(5).getInt();
    if (got != want || (notice && q.getColumn(6).getInt() != 1)) {
      bad_.push_back(fmt::format("case {}: {} date {} step {}: {} letter(s), not {}",
                                 Reference(q.getColumn(0).getInt64()), q.getColumn(1).getString(),
                                 q.getColumn(2).getString(), step, got, want));
    }
  }
  n_.max_notices_per_date = int(
      Count(db_,
            "SELECT IFNULL(MAX(n), 0) FROM (SELECT COUNT(*) n FROM outbox o JOIN reminders r ON "
            "o.case_id = r.case_id AND o.created_at = r.at AND r.step LIKE 'overdue-%' WHERE "
            "o.purpose = 'overdue_notice' GROUP BY r.case_id, r.deadline, r.due, o.recipient)"));
}

// A case that has had every overdue notice heads every weekly digest, to each co-chair it
// does not name, for as long as it waits.
void ScheduleAudit::Digests() {
  const int exhausted_after = kNoticeEvery * (1 + ctx_.config.overdue_repeats);
  for (const SentMail& s : year_.sent()) {
    if (s.message.subject.rfind("Your complaints this week", 0) != 0) continue;
    const Instant at = *s.message.date;
    const date::sys_days day = ctx_.zone.LocalDate(at);
    const std::string& body = s.message.body;
    const size_t from = body.find("STILL NOT MOVED"), to = body.find("If you can help");
    const std::string stuck = from == std::string::npos ? "" : body.substr(from, to - from);
    std::set<std::string> due_there;
    for (const Wait& w : waits_) {
      if (!w.active_at(at) || day <= w.due || w.c->Names(s.to)) continue;
      if (Between(w.due, day) <= exhausted_after) continue;
      due_there.insert(w.c->reference);
      if (stuck.find(w.c->reference) != std::string::npos) {
        ++n_.stuck_listings;
      } else {
        ++n_.stuck_missing;
        bad_.push_back("case " + w.c->reference + " is stuck but not at the top of " + s.to +
                       "'s digest of " + FormatIsoDate(day));
      }
    }
    // ...and only those: no case is listed there before its notices have all gone.
    for (size_t ref = stuck.find("PACTS-"); ref != std::string::npos;
         ref = stuck.find("PACTS-", ref + 1)) {
      const std::string reference = stuck.substr(ref, std::string("PACTS-2027-0001").size());
      if (!due_there.count(reference)) {
        ++n_.stuck_missing;
        bad_.push_back("case " + reference + " heads " + s.to + "'s digest of " +
                       FormatIsoDate(day) + " but is not stuck");
      }
    }
  }
}

}  // namespace intaked
