// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands.h"

#include <date/date.h>
#include <fmt/format.h>

#include <iostream>
#include <sstream>

#include "base/text.h"
#include "command_session.h"
#include "engine/intake_cycle.h"
#include "logging.h"
#include "service.h"
#include "sign_in_parts.h"
#include "store/case_store.h"
#include "store/personal_data.h"
#include "transport/imap_folder_opener.h"
#include "transport/smtp_sender.h"

namespace intaked {
namespace {}  // namespace

std::optional<Instant> ParseNow(const std::string& text) { return ParseIsoInstant(text); }

int RunCommand(const RunOptions& o) {
  CommandSession session = OpenCommandSession(o.config_path);
  if (!session.ctx) return session.Refuse();
  const std::shared_ptr<const ProcedureContext>& ctx = session.ctx;
  auto log = MakeLogger(ctx->config.log_level);
  if (!session.ok()) {  // from here on, trouble goes to the log
    log->error("{}", session.status.message());
    return session.exit_code;
  }
  SQLite::Database& db = *session.db;
  std::unique_ptr<Clock> clock;
  if (o.now)
    clock = std::make_unique<FixedClock>(*o.now);
  else
    clock = std::make_unique<SystemClock>();
  if (const std::string w = BankHolidaysFileWarning(*ctx, clock->Now()); !w.empty())
    log->warn("calendar.bank_holidays_file: {}", w);
  RandomTokenSource tokens;
  // An account refused once is not tried again, in this run or the next, until its
  // credentials change.
  auto sign_in = MakeSignInParts(ctx->config, *clock, log);
  if (!sign_in.ok()) {
    log->error("{}", sign_in.status().message());
    return kExitFailure;
  }
  if (!o.once) {
    ServiceParts parts{o.config_path, ctx, db, *clock, tokens, log, *sign_in.value()};
    return RunService(parts);
  }
  LoginGuard& logins = *sign_in.value()->guard;
  ImapFolderOpener folders(ctx->config.tls, &logins);
  SmtpSender sender(SmtpAccount(ctx->config), ctx->config.tls, &logins);
  OutageLog outages(log, OutageLog::Retry::kNextRun);  // this run exits after its cycle
  IntakeCycle cycle(db, folders, sender, *clock, tokens, outages, log);
  CycleReport report;
  const Status s = cycle.Run(*ctx, &report);
  if (!s.ok()) {
    log->error("{}", s.message());
    return kExitFailure;
  }
  log->info(
      "cycle done: {} fetched, {} new complaints, {} sent, {} waiting to retry, {} mailboxes "
      "failed",
      report.fetched, report.complaints, report.outbox.sent, report.outbox.deferred,
      report.mailboxes_failed);
  return report.mailboxes_failed > 0 || report.outbox.server_down ? kExitFailure : kExitOk;
}

int CasesCommand(const std::string& config_path, bool open_only, const std::string& format) {
  CommandSession session = OpenCommandSession(config_path);
  if (!session.ok()) return session.Refuse();
  const ProcedureContext* ctx = session.ctx.get();
  const std::vector<CaseRecord> cases = CaseStore(*session.db).List(open_only);
  if (format == "json") {
    std::cout << "[";
    for (size_t i = 0; i < cases.size(); ++i) {
      const CaseRecord& c = cases[i];
      std::cout << (i ? ",\n " : "")
                << fmt::format(
                       "{{\"reference\": {}, \"state\": {}, \"phase\": {}, \"stage\": {}, "
                       "\"received\": \"{}\", \"respond_due\": \"{}\", \"handler\": {}, "
                       "\"subject\": {}}}",
                       JsonString(c.reference), JsonString(StorageName(c.state)),
                       JsonString(StorageName(c.phase)), c.reached_stage_two ? 2 : 1,
                       FormatIsoDate(ctx->zone.LocalDate(c.received_at)), c.respond_due,
                       JsonString(c.handler_email), JsonString(c.subject));
    }
    std::cout << "]\n";
    return kExitOk;
  }
  std::ostringstream out;  // subjects came in mail: no control character reaches the terminal
  out << fmt::format("{:<18} {:<7} {:<7} {:<10} {:<12} {:<28} {}\n", "REFERENCE", "STATE", "PHASE",
                     "RECEIVED", "RESPOND BY", "HANDLER", "SUBJECT");
  for (const CaseRecord& c : cases) {
    out << fmt::format("{:<18} {:<7} {:<7} {:<10} {:<12} {:<28} {}\n", c.reference,
                       StorageName(c.state), StorageName(c.phase),
                       FormatIsoDate(ctx->zone.LocalDate(c.received_at)), c.respond_due,
                       c.handler_email, c.subject.substr(0, 60));
  }
  out << cases.size() << (open_only ? " open" : "") << " case(s)\n";
  std::cout << WithoutControls(out.str(), true);
  return kExitOk;
}

}  // namespace intaked
