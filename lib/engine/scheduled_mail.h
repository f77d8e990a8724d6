// SPDX-License-Identifier: GPL-3.0-or-later
// ScheduledMail: what intaked does by the calendar rather than in answer to
// mail - the weekly digest to each co-chair, the annual report to the
// co-chairs, the daily retention purge, and telling people when a mail server
// has been failing for too long (and when it is back).
//
// Each item is keyed in the `schedule` table, so it happens once however many
// cycles run and is caught up after downtime. One transaction per item.
#pragma once

#include <SQLiteCpp/Database.h>
#include <spdlog/logger.h>

#include <memory>

#include "base/clock.h"
#include "engine/outage_log.h"
#include "engine/procedure_context.h"
#include "mail/message.h"
#include "store/case_store.h"

namespace intaked {

class ScheduledMail {
 public:
  ScheduledMail(const ProcedureContext& ctx, SQLite::Database& db, TokenSource& tokens,
                std::shared_ptr<spdlog::logger> log)
      : ctx_(ctx), db_(db), tokens_(tokens), log_(std::move(log)) {}

  void Run(Instant now);
  // Outage alerts and recoveries, and one letter for mail set aside as
  // unprocessable since the last; to the admin and the co-chairs.
  void Alerts(OutageLog& outages, Instant now);

 private:
  void UnprocessableAlert(const std::vector<Address>& people, Instant now);
  // One letter per account found down (a refused sign-in), once: it will not recover alone.
  void AccountDownAlerts(const std::vector<Address>& people, Instant now);
  bool Due(const std::string& key);
  date::sys_days ReportDay(date::year y) const;
  // Renders `letter_name` once and enqueues it to each of `to`.
  void Post(const std::string& letter_name, const LetterFields& fields,
            const std::vector<Address>& to, Instant now,
            const std::vector<Attachment>& attachments = {});
  void Done(const std::string& key, Instant now);
  void Digests(Instant now);
  std::string NextStep(const CaseRecord& c) const;
  // Whether every overdue notice for the case's deadline has gone (it heads the digests now).
  bool NoticesExhausted(const CaseRecord& c, date::sys_days today) const;
  void AnnualReportMail(Instant now);
  void Retention(Instant now);

  const ProcedureContext& ctx_;
  SQLite::Database& db_;
  TokenSource& tokens_;
  std::shared_ptr<spdlog::logger> log_;
};

}  // namespace intaked
