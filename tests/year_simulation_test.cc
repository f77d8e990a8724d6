// A year in fast-forward (issue 3, item 12): 2027 driven day by day through
// the real engine with fake mailboxes - many complaints, handlers who never
// answer, answer late, send holding letters or answer on time, complainants
// who appeal, reviewers who answer or not - then the promises of the policy
// are counted from what intaked stored and sent. The counts are printed and
// written to year_simulation.txt (see docs/YEAR_SIMULATION.md).
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>

#include <fstream>
#include <map>
#include <random>

#include "calendar/local_zone.h"
#include "config/config_loader.h"
#include "engine/intake_cycle.h"
#include "fake_mail.h"
#include "procedure/reminder_schedule.h"
#include "store/case_store.h"
#include "store/reminder_log.h"
#include "store/database.h"
#include "test_config.h"

namespace intaked {
namespace {

enum class Handler { kNever, kLate, kHolding, kOnTime };

struct SimCase {
  std::string parent;
  date::sys_days arrives;
  Handler handler;
  bool appeals;
  bool reviewer_answers;
  // learnt from intaked's letters
  Message notification, outcome_letter, review_request;
  date::sys_days respond_due{}, holding_date{}, outcome_day{}, appeal_day{}, review_day{};
};

class YearSimulation : public ::testing::Test {
 protected:
  void SetUp() override {
    auto config = ParseConfig(
        TestConfigText("[calendar]\nclosures = [\"2027-12-29\", \"2027-12-30\", \"2027-12-31\"]\n"),
        "/tmp/year.toml");
    ASSERT_TRUE(config.ok()) << config.status().message();
    config->co_chairs[0].mailbox.reset();  // everything arrives at info@
    config->co_chairs[1].mailbox.reset();
    ctx_ = ProcedureContext::Build(config.value()).value();
    db_ = std::move(OpenDatabase(":memory:").value());
    log_ = std::make_shared<spdlog::logger>("sim", std::make_shared<spdlog::sinks::null_sink_mt>());
    outages_ = std::make_unique<OutageLog>(log_);
  }

  void Cycle(Instant t) {
    clock_.Set(t);
    IntakeCycle cycle(*db_, server_, sender_, clock_, tokens_, *outages_, log_);
    CycleReport r;
    ASSERT_TRUE(cycle.Run(*ctx_, &r).ok());
  }

  void Send(const std::string& from, const Message& answering, const std::string& body) {
    server_.Deliver(
        "info@pacts.test",
        "From: " + from + "\r\nTo: info@pacts.test\r\nSubject: Re: " + answering.subject +
            "\r\nMessage-ID: <s" + std::to_string(++ids_) + "@sim.test>\r\nIn-Reply-To: <" +
            answering.message_id + ">\r\n\r\n" + body + "\r\n",
        clock_.Now());
  }

  int64_t Count(const std::string& sql) { return db_->execAndGet(sql).getInt64(); }

  std::shared_ptr<const ProcedureContext> ctx_;
  std::unique_ptr<SQLite::Database> db_;
  FakeMailServer server_;
  FakeSender sender_;
  FixedClock clock_{Instant{}};
  CountingTokens tokens_;
  std::shared_ptr<spdlog::logger> log_;
  std::unique_ptr<OutageLog> outages_;
  int ids_ = 0;
};

TEST_F(YearSimulation, EveryDeadlineIsRemindedEscalatedAndNeverPassesInSilence) {
  const WorkingDayCalendar& cal = ctx_->calendar;
  std::mt19937 rng(2027);
  std::vector<SimCase> cases;
  const date::sys_days start = *ParseIsoDate("2027-01-04"), end = *ParseIsoDate("2027-12-31");
  for (date::sys_days d = start; d <= end - date::days(60); d += date::days(3)) {
    const Handler h = Handler(rng() % 4);
    cases.push_back({"parent" + std::to_string(cases.size()) + "@family.test",
                     d,
                     h,
                     rng() % 3 == 0,
                     rng() % 2 == 0,
                     {},
                     {},
                     {},
                     {},
                     {},
                     {},
                     {},
                     {}});
  }
  std::map<std::string, size_t> by_parent;
  for (size_t i = 0; i < cases.size(); ++i) by_parent[cases[i].parent] = i;
  size_t seen = 0;
  for (date::sys_days day = start; day <= end + date::days(90); day += date::days(1)) {
    const Instant morning = Instant(day.time_since_epoch()) + std::chrono::hours(8);
    for (SimCase& c : cases) {
      clock_.Set(morning);
      if (c.arrives == day) {
        server_.Deliver("info@pacts.test",
                        "From: " + c.parent +
                            "\r\nTo: info@pacts.test\r\nSubject: Complaint\r\nMessage-ID: <c" +
                            c.parent + ">\r\n\r\nI am unhappy with the service.\r\n",
                        morning);
      }
      if (c.notification.message_id.empty() || !cal.IsWorkingDay(day)) continue;
      const bool stage1_open = c.outcome_day == date::sys_days{};
      if (stage1_open) {
        const date::sys_days on_time = cal.AddWorkingDays(c.arrives, 20);
        const date::sys_days late = cal.AddWorkingDays(c.respond_due, 5);
        if (c.handler == Handler::kHolding && day == cal.AddWorkingDays(c.arrives, 25) &&
            c.holding_date == date::sys_days{}) {
          c.holding_date = cal.AddWorkingDays(c.respond_due, 15);
          Send(c.notification.to.at(0).email, c.notification,
               "#holding " + FormatIsoDate(c.holding_date) + "\r\nWe need more time.");
        }
        const bool answer = (c.handler == Handler::kOnTime && day == on_time) ||
                            (c.handler == Handler::kLate && day == late) ||
                            (c.handler == Handler::kHolding && c.holding_date != date::sys_days{} &&
                             day == WorkingDaysBefore(cal, c.holding_date, 2));
        if (answer) {
          Send(c.notification.to.at(0).email, c.notification, "#outcome\r\nHere is our response.");
          c.outcome_day = day;
        }
      } else if (c.appeals && c.appeal_day == date::sys_days{} &&
                 !c.outcome_letter.message_id.empty() &&
                 day == cal.AddWorkingDays(c.outcome_day, 3)) {
        Send(c.parent, c.outcome_letter, "I am not satisfied and ask for an independent review.");
        c.appeal_day = day;
      } else if (c.reviewer_answers && !c.review_request.message_id.empty() &&
                 c.review_day == date::sys_days{} && day == cal.AddWorkingDays(c.appeal_day, 20)) {
        Send("reviewer@outside.test", c.review_request,
             "#outcome\r\nThe response was appropriate.");
        c.review_day = day;
      }
    }
    for (int hour : {9, 15}) Cycle(Instant(day.time_since_epoch()) + std::chrono::hours(hour));
    for (; seen < sender_.sent.size(); ++seen) {  // learn what intaked sent
      const SentMail& s = sender_.sent[seen];
      const std::string& subj = s.message.subject;
      for (SimCase& c : cases) {
        if (s.message.in_reply_to != "c" + c.parent && s.to != c.parent &&
            s.message.body.find(c.parent) == std::string::npos) {
          continue;
        }
        if (subj.find("New complaint for you") != std::string::npos &&
            c.notification.message_id.empty()) {
          c.notification = s.message;
          const auto ref = CaseStore(*db_).FindByReference(subj.substr(1, subj.find(']') - 1));
          c.respond_due = *ParseIsoDate(ref->respond_due);
        }
        if (s.to == c.parent && subj.find("Our response") != std::string::npos)
          c.outcome_letter = s.message;
        if (s.to == "reviewer@outside.test" && s.message.body.find(c.parent) != std::string::npos) {
          c.review_request = s.message;
        }
        break;
      }
    }
  }

  // Count what the policy promises, from what intaked recorded and sent.
  int deadlines_reached = 0, reminded_fully = 0, overdue = 0, escalated = 0, silent = 0;
  for (const CaseRecord& c : CaseStore(*db_).List(false)) {
    const date::sys_days due = *ParseIsoDate(c.respond_due);
    SQLite::Statement q(*db_,
                        "SELECT MIN(at) FROM case_events WHERE case_id = ? AND kind = 'outcome'");
    q.bind(1, c.id);
    q.executeStep();
    const bool answered = !q.getColumn(0).isNull();
    const date::sys_days answered_day =
        answered ? ctx_->zone.LocalDate(Instant(std::chrono::seconds(q.getColumn(0).getInt64())))
                 : date::sys_days::max();
    if (answered_day < WorkingDaysBefore(cal, due, 1))
      continue;  // answered before the last reminders were due
    ++deadlines_reached;
    const auto steps = ReminderLog(*db_).StepsDone(c.id, "respond", c.respond_due);
    if (steps.count("before-5") && steps.count("before-1") &&
        (answered_day <= due ? true : steps.count("due"))) {
      ++reminded_fully;
    }
    if (answered_day > due) {
      ++overdue;
      const std::string sql =
          "SELECT COUNT(*) FROM outbox WHERE case_id = " + std::to_string(c.id) + " AND ";
      const bool fallback_told =
          Count(sql + "purpose = 'overdue_notice' AND recipient = 'steering@pacts.test'") > 0;
      const bool complainant_told = Count(sql + "purpose = 'complainant_delay'") > 0;
      if (fallback_told) ++escalated;
      if (!complainant_told) ++silent;
    }
  }
  const int64_t stage_two = Count("SELECT COUNT(*) FROM cases WHERE stage = 2");
  const int64_t review_overdue = Count(
      "SELECT COUNT(DISTINCT case_id) FROM reminders WHERE deadline = 'review' AND step LIKE "
      "'overdue-%'");
  const int64_t holdings = Count("SELECT COUNT(*) FROM outbox WHERE purpose = 'holding_letter'");
  const int64_t reminders = Count("SELECT COUNT(*) FROM outbox WHERE purpose = 'reminder'");
  const int64_t notices = Count("SELECT COUNT(*) FROM outbox WHERE purpose = 'overdue_notice'");
  const int64_t duplicate_steps = Count(
      "SELECT COUNT(*) FROM (SELECT case_id, deadline, due, step, COUNT(*) n FROM reminders GROUP "
      "BY 1,2,3,4 HAVING n > 1)");
  std::ostringstream report;
  report << "complaints opened:                    " << Count("SELECT COUNT(*) FROM cases") << "\n"
         << "deadlines reached unanswered:         " << deadlines_reached << "\n"
         << "  ...with 5-day, 1-day, on-the-day reminders: " << reminded_fully << "\n"
         << "responses late or never sent:         " << overdue << "\n"
         << "  ...escalated to the fallback:       " << escalated << "\n"
         << "  ...complainant left without a letter: " << silent << "\n"
         << "holding letters:                      " << holdings << "\n"
         << "reminders sent:                       " << reminders << "\n"
         << "overdue notices sent:                 " << notices << "\n"
         << "cases in Stage Two:                   " << stage_two << "\n"
         << "reviews that went overdue:            " << review_overdue << "\n"
         << "closed:                               "
         << Count("SELECT COUNT(*) FROM cases WHERE state = 'closed'") << "\n"
         << "letters sent in all:                  " << sender_.sent.size() << "\n";
  std::cout << report.str();
  std::ofstream("year_simulation.txt") << report.str();
  EXPECT_GT(deadlines_reached, 20);
  EXPECT_EQ(reminded_fully, deadlines_reached);
  EXPECT_GT(overdue, 10);
  EXPECT_EQ(escalated, overdue);
  EXPECT_EQ(silent, 0);
  EXPECT_EQ(duplicate_steps, 0);
  EXPECT_GT(stage_two, 3);
  EXPECT_GT(holdings, 5);
}

}  // namespace
}  // namespace intaked
