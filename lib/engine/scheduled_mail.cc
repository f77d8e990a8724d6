// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/scheduled_mail.h"

#include <SQLiteCpp/Transaction.h>
#include <date/iso_week.h>
#include <fmt/format.h>

#include "calendar/local_zone.h"
#include "engine/letter_post.h"
#include "mail/address.h"
#include "procedure/reminder_schedule.h"
#include "reports/annual_report.h"
#include "store/account_sign_in.h"
#include "store/case_store.h"
#include "store/database.h"
#include "store/message_log.h"
#include "store/outbox.h"
#include "store/personal_data.h"
#include "store/schedule_ledger.h"

namespace intaked {
namespace {

std::string Human(const std::string& iso) {
  const auto d = ParseIsoDate(iso);
  return d ? FormatDateForPeople(*d) : iso;
}

}  // namespace

date::sys_days ScheduledMail::ReportDay(date::year y) const {
  const date::year_month_day d{y, date::month(ctx_.config.annual_report_month),
                               date::day(ctx_.config.annual_report_day)};
  // 29 February in a common year: the last day of February.
  return d.ok() ? date::sys_days(d)
                : date::sys_days(y / date::month(ctx_.config.annual_report_month) / date::last);
}

void ScheduledMail::Post(const std::string& letter_name, const LetterFields& fields,
                         const std::vector<Address>& to, Instant now,
                         const std::vector<Attachment>& attachments) {
  auto letter = ctx_.templates.Render(letter_name, fields);
  if (!letter.ok()) throw std::runtime_error(letter.status().message());
  Outbox outbox(db_);
  for (const Address& a : to) {
    LetterPost(ctx_, outbox, tokens_, now)
        .Enqueue({letter_name, std::nullopt, "", a, "", {}, "auto-generated", attachments},
                 letter.value());
  }
}

bool ScheduledMail::Due(const std::string& key) { return ScheduleLedger(db_).IsDue(key); }

void ScheduledMail::Done(const std::string& key, Instant now) {
  ScheduleLedger(db_).MarkDone(key, now);
}

void ScheduledMail::Run(Instant now) {
  Retention(now);
  if (ctx_.zone.LocalHour(now) < ctx_.config.reminder_hour) return;
  Digests(now);
  AnnualReportMail(now);
}

void ScheduledMail::Retention(Instant now) {
  const std::string key = "retention:" + FormatIsoDate(ctx_.zone.LocalDate(now));
  if (!Due(key)) return;
  const Instant cutoff =
      now - std::chrono::days(365 * ctx_.config.retention_years + ctx_.config.retention_years / 4);
  SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
  const ErasureCount purged = PersonalData(db_).PurgeClosedBefore(cutoff, now);
  tx.commit();
  // Until the WAL is emptied it holds older copies of the erased pages. Not done until it is:
  // the next cycle purges nothing new and tries again.
  if (Status s = EmptyWriteAheadLog(db_, std::chrono::seconds(2)); !s.ok()) {
    log_->warn("retention: {}; trying again next cycle", s.message());
    return;
  }
  SQLite::Transaction done(db_, SQLite::TransactionBehavior::IMMEDIATE);
  Done(key, now);
  done.commit();
  if (purged.rows)
    log_->info("retention: erased the personal data of {} case(s) and {} record(s) dated before {}",
               purged.cases, purged.rows, FormatIsoDate(ctx_.zone.LocalDate(cutoff)));
}

void ScheduledMail::Digests(Instant now) {
  const date::sys_days today = ctx_.zone.LocalDate(now);
  if (date::weekday(today).c_encoding() != ctx_.config.digest_weekday) return;
  const iso_week::year_weeknum_weekday week(today);
  const std::string week_key = fmt::format("{}-W{:02}", int(week.year()), unsigned(week.weeknum()));
  std::vector<CaseRecord> open = CaseStore(db_).List(true);
  // Each co-chair every week; the fallback only when it holds cases or one is stuck, so a
  // case it handles (one naming every co-chair) is never left with no one to hear of it.
  std::vector<Address> people;
  for (const CoChairSettings& cc : ctx_.config.co_chairs)
    people.push_back({cc.identity.name, cc.identity.address});
  people.push_back({ctx_.config.fallback_name, ctx_.config.fallback_address});
  for (const Address& person : people) {
    const bool fallback = SameEmail(person.email, ctx_.config.fallback_address);
    const std::string key = "digest:" + person.email + ":" + week_key;
    if (!Due(key)) continue;
    SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
    LetterFields f;
    f.values = {{"organisation", ctx_.config.organisation_name},
                {"name", person.name},
                {"today", FormatDateForPeople(today)}};
    for (const CaseRecord& c : open) {
      if (c.Names(person.email)) continue;  // a named co-chair hears nothing of it
      const bool theirs = SameEmail(c.handler_email, person.email);
      const bool stuck = NoticesExhausted(c, today);
      // Their own cases; and any case whose overdue notices have all gone unanswered
      // heads every co-chair's digest until it moves: nobody may sit on it unseen.
      if (!theirs && !stuck) continue;
      std::map<std::string, std::string> line = {
          {"reference", c.reference}, {"subject", c.subject}, {"next", NextStep(c)}};
      if (stuck) {
        line["holder"] =
            theirs ? "you"
                   : ctx_.StaffName(c.phase == Phase::kStageTwo ? ctx_.config.reviewer_address
                                                                : c.handler_email);
        f.lists["stuck"].push_back(line);
      } else {
        f.lists["cases"].push_back(line);
      }
    }
    f.flags["has_stuck"] = !f.lists["stuck"].empty();
    f.flags["has_cases"] = !f.lists["cases"].empty();
    if (fallback && !f.flags["has_stuck"] && !f.flags["has_cases"]) continue;
    Post("weekly_digest", f, {{person.name, person.email}}, now);
    Done(key, now);
    tx.commit();
  }
}

std::string ScheduledMail::NextStep(const CaseRecord& c) const {
  switch (c.phase) {
    case Phase::kAppealWindow:
      return "appeal window until " + Human(c.appeal_due);
    case Phase::kStageTwo:
      return "review due " + Human(c.review_due);
    default:
      return "response due " + Human(c.respond_due);
  }
}

bool ScheduledMail::NoticesExhausted(const CaseRecord& c, date::sys_days today) const {
  if (c.phase != Phase::kStageOne && c.phase != Phase::kStageTwo) return false;
  const auto due = ParseIsoDate(c.phase == Phase::kStageTwo ? c.review_due : c.respond_due);
  return due && OverdueNoticesExhausted(ctx_.calendar, *due, today, ctx_.config.overdue_repeats);
}

void ScheduledMail::AnnualReportMail(Instant now) {
  const date::sys_days today = ctx_.zone.LocalDate(now);
  const date::year_month_day ymd(today);
  const date::sys_days report_day = ReportDay(ymd.year());
  const std::string key = fmt::format("annual:{}", int(ymd.year()));
  if (today < report_day || !Due(key)) return;
  // A report day long past (intaked installed mid-year) is not sent late by months.
  if (today > report_day + date::days(31)) return Done(key, now);
  SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
  const date::sys_days from = ReportDay(ymd.year() - date::years(1));
  const AnnualReport r = ComputeAnnualReport(db_,
                                             {.organisation = ctx_.config.organisation_name,
                                              .calendar = ctx_.calendar,
                                              .zone = ctx_.zone,
                                              .respond_days = ctx_.config.respond_days,
                                              .review_days = ctx_.config.review_days},
                                             from, report_day - date::days(1), now);
  LetterFields f;
  f.values = {{"organisation", ctx_.config.organisation_name},
              {"report", RenderReportText(r)},
              {"from", FormatDateForPeople(r.from)},
              {"to", FormatDateForPeople(r.to)}};
  std::vector<Address> chairs;
  for (const CoChairSettings& cc : ctx_.config.co_chairs)
    chairs.push_back({cc.identity.name, cc.identity.address});
  // The charts too, as a page any browser opens and prints: nobody needs a command line.
  const std::string html = RenderReportHtml(r);
  const std::string file =
      fmt::format("complaints-report-{}-to-{}.html", FormatIsoDate(r.from), FormatIsoDate(r.to));
  Post("annual_report", f, chairs, now, {{file, "text/html", html.size(), html}});
  Done(key, now);
  tx.commit();
  log_->info("annual report for {} to {} sent to the co-chairs", FormatIsoDate(r.from),
             FormatIsoDate(r.to));
}

void ScheduledMail::Alerts(OutageLog& outages, Instant now) {
  std::vector<Address> people;
  if (!ctx_.config.admin_address.empty())
    people.push_back({"intaked admin", ctx_.config.admin_address});
  for (const CoChairSettings& cc : ctx_.config.co_chairs)
    people.push_back({cc.identity.name, cc.identity.address});
  auto send = [&](const char* letter_name, const std::string& what, const std::string& error,
                  Instant since) {
    LetterFields f;
    f.values = {{"organisation", ctx_.config.organisation_name},
                {"what", what},
                {"error", error},
                {"since", FormatDateForPeople(ctx_.zone.LocalDate(since)) +
                              fmt::format(" {:02}:00", ctx_.zone.LocalHour(since))}};
    SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
    Post(letter_name, f, people, now);
    tx.commit();
  };
  for (const auto& [what, outage] : outages.failing()) {
    // A refused sign-in has its own letter (AccountDownAlerts), sent at once.
    if (outage.alerted || outage.final ||
        now - outage.since < std::chrono::minutes(ctx_.config.alert_after_minutes))
      continue;
    send("outage_alert", what, outage.error, outage.since);
    outages.MarkAlerted(what);
    log_->warn("{}: failing since {}; people told by email", what,
               FormatIsoDate(ctx_.zone.LocalDate(outage.since)));
  }
  for (const std::string& what : outages.TakeRecovered()) send("outage_recovered", what, "", now);
  UnprocessableAlert(people, now);
  AccountDownAlerts(people, now);
}

void ScheduledMail::AccountDownAlerts(const std::vector<Address>& people, Instant now) {
  AccountSignIn accounts(db_);
  for (const StoredRefusal& r : accounts.RefusalsNotAlerted()) {
    LetterFields f;
    const size_t colon = r.reason.find(": ");
    f.values = {{"organisation", ctx_.config.organisation_name},
                {"what", colon == std::string::npos ? r.account : r.reason.substr(0, colon)},
                {"error", r.reason},
                {"since", FormatDateForPeople(ctx_.zone.LocalDate(r.since)) +
                              fmt::format(" {:02}:00", ctx_.zone.LocalHour(r.since))}};
    SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
    Post("account_down_alert", f, people, now);
    accounts.MarkAlerted(r.account);
    tx.commit();
    log_->warn("{}: people told by email that it must be signed in again", f.values.at("what"));
  }
}

void ScheduledMail::UnprocessableAlert(const std::vector<Address>& people, Instant now) {
  MessageLog log(db_);
  SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
  const std::vector<MessageRecord> fresh = log.UnprocessableNotAlerted();
  if (fresh.empty()) return;
  // One letter for all that were set aside since the last: a flood of poison
  // mail is one alert, not one each. Subjects and senders stay out of it (the
  // message may be a complaint about one of the people it goes to).
  LetterFields f;
  f.values = {{"organisation", ctx_.config.organisation_name},
              {"count", std::to_string(fresh.size())}};
  for (const MessageRecord& r : fresh) {
    f.lists["messages"].push_back(
        {{"mailbox", r.mailbox},
         {"received", FormatDateForPeople(ctx_.zone.LocalDate(r.received_at))},
         {"reason", r.reason.substr(0, 300)}});
    log.MarkAlerted(r.message_id);
  }
  Post("unprocessable_alert", f, people, now);
  tx.commit();
  log_->warn("{} unprocessable message(s) set aside; people told by email", fresh.size());
}

}  // namespace intaked
