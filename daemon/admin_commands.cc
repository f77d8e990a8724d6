// SPDX-License-Identifier: GPL-3.0-or-later
// The admin's commands (docs/ADMIN.md, "Operate" and "Personal data"): show, report,
// export, erase, unprocessed.
// Each opens the configured database, does one thing, and says what it did.
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include <iostream>
#include <sstream>

#include "base/private_directory.h"
#include "base/text.h"
#include "calendar/local_zone.h"
#include "command_session.h"
#include "commands.h"
#include "engine/procedure_context.h"
#include "reports/annual_report.h"
#include "store/case_store.h"
#include "store/database.h"
#include "store/message_log.h"
#include "store/outbox.h"
#include "store/personal_data.h"
#include "store/reminder_log.h"

namespace intaked {
namespace {

std::string When(const ProcedureContext& ctx, Instant t) {
  return FormatIsoDate(ctx.zone.LocalDate(t)) + " " + fmt::format("{:02}", ctx.zone.LocalHour(t)) +
         "h";
}

}  // namespace

namespace {

// The same facts as the text view, for scripts.
void ShowJson(const ProcedureContext& ctx, SQLite::Database& db, const CaseRecord& c) {
  auto iso = [&](Instant t) { return JsonString(FormatIsoDate(ctx.zone.LocalDate(t))); };
  std::string events, letters, reminders;
  for (const CaseEvent& e : CaseStore(db).Events(c.id)) {
    events += fmt::format("{}{{\"at\": {}, \"kind\": {}, \"by\": {}, \"detail\": {}}}",
                          events.empty() ? "" : ", ", e.at.time_since_epoch().count(),
                          JsonString(StorageName(e.kind)), JsonString(StorageName(e.actor)),
                          JsonString(e.detail));
  }
  for (const OutboxLetter& l : Outbox(db).LettersOfCase(c.id)) {
    letters +=
        fmt::format("{}{{\"purpose\": {}, \"to\": {}, \"created_at\": {}, \"status\": \"{}\"}}",
                    letters.empty() ? "" : ", ", JsonString(l.purpose), JsonString(l.recipient),
                    l.created_at.time_since_epoch().count(),
                    l.sent_at     ? "sent"
                    : l.failed_at ? "failed"
                                  : "waiting");
  }
  for (const ReminderRecord& r : ReminderLog(db).OfCase(c.id)) {
    reminders +=
        fmt::format("{}{{\"deadline\": {}, \"due\": {}, \"step\": {}, \"at\": {}}}",
                    reminders.empty() ? "" : ", ", JsonString(r.deadline), JsonString(r.due),
                    JsonString(r.step), r.at.time_since_epoch().count());
  }
  std::cout << fmt::format(
      "{{\"reference\": {}, \"state\": {}, \"phase\": {}, \"stage\": {}, \"subject\": {}, "
      "\"complainant\": {{\"name\": {}, \"email\": {}, \"anonymous\": {}}}, \"handler\": {}, "
      "\"received\": {}, \"respond_due\": {}, \"appeal_due\": {}, \"review_due\": {}, \"events\": "
      "[{}], "
      "\"letters\": [{}], \"reminders\": [{}]}}\n",
      JsonString(c.reference), JsonString(StorageName(c.state)), JsonString(StorageName(c.phase)),
      c.reached_stage_two ? 2 : 1, JsonString(c.subject), JsonString(c.complainant_name),
      JsonString(c.complainant_email), c.anonymous ? "true" : "false", JsonString(c.handler_email),
      iso(c.received_at), JsonString(c.respond_due), JsonString(c.appeal_due),
      JsonString(c.review_due), events, letters, reminders);
}

}  // namespace

int ShowCommand(const std::string& config_path, const std::string& reference,
                const std::string& format) {
  CommandSession o = OpenCommandSession(config_path);
  if (!o.ok()) return o.Refuse();
  CaseStore cases(*o.db);
  const auto c = cases.FindByReference(reference);
  if (!c) {
    std::cerr << "intaked: no case " << reference << "\n";
    return kExitFailure;
  }
  if (format == "json") {
    ShowJson(*o.ctx, *o.db, *c);
    return kExitOk;
  }
  // Subjects, names and timeline text came in mail: no control character in
  // them reaches the admin's terminal (an ESC could rewrite what it shows).
  std::ostringstream out;
  out << c->reference << "  " << c->subject << "\n"
      << "  state:        " << StorageName(c->state) << " (" << ForPeople(c->phase)
      << (c->close_cause == CloseCause::kNone ? "" : std::string(", ") + ForPeople(c->close_cause))
      << ")\n"
      << "  complainant:  " << (c->anonymous ? "(anonymous) " : "") << c->complainant_name << " <"
      << c->complainant_email << ">\n"
      << "  handler:      " << c->handler_email << "\n"
      << "  named:        "
      << (c->named_emails.empty() ? "nobody" : fmt::format("{}", fmt::join(c->named_emails, ", ")))
      << "\n"
      << "  received:     " << When(*o.ctx, c->received_at) << "\n"
      << "  respond by:   " << c->respond_due << "\n";
  if (!c->appeal_due.empty()) out << "  appeal until: " << c->appeal_due << "\n";
  if (!c->review_due.empty()) out << "  review by:    " << c->review_due << "\n";
  out << "\nTimeline\n";
  for (const CaseEvent& e : cases.Events(c->id)) {
    std::string detail = e.detail;
    for (char& ch : detail) ch = ch == '\n' ? ' ' : ch;
    if (detail.size() > 100) detail = detail.substr(0, 97) + "...";
    out << fmt::format("  {}  {:<20} {:<12} {}\n", When(*o.ctx, e.at), StorageName(e.kind),
                       e.actor == Role::kIntaked ? "" : StorageName(e.actor), detail);
  }
  out << "\nLetters\n";
  for (const OutboxLetter& l : Outbox(*o.db).LettersOfCase(c->id)) {
    const std::string status = l.sent_at     ? "sent"
                               : l.failed_at ? "failed: " + l.last_error
                                             : "waiting";
    out << fmt::format("  {}  {:<28} to {:<30} {}\n", When(*o.ctx, l.created_at), l.purpose,
                       l.recipient, status);
  }
  out << "\nReminders\n";
  for (const ReminderRecord& r : ReminderLog(*o.db).OfCase(c->id)) {
    out << fmt::format("  {}  {} deadline {}: {}\n", When(*o.ctx, r.at), r.deadline, r.due, r.step);
  }
  std::cout << WithoutControls(out.str(), true);
  return kExitOk;
}

int ReportCommand(const std::string& config_path, const ReportOptions& options) {
  CommandSession o = OpenCommandSession(config_path);
  if (!o.ok()) return o.Refuse();
  const date::sys_days today = o.ctx->zone.LocalDate(SystemClock().Now());
  date::sys_days from, to;
  if (options.year) {
    from = date::sys_days(date::year(*options.year) / 1 / 1);
    to = date::sys_days(date::year(*options.year) / 12 / 31);
  } else if (!options.from.empty() || !options.to.empty()) {
    const auto f = ParseIsoDate(options.from), t = ParseIsoDate(options.to);
    if (!f || !t || *t < *f) {
      std::cerr << "intaked: report: --from and --to need dates like 2026-01-01, --from first\n";
      return kExitUsage;
    }
    from = *f;
    to = *t;
  } else {
    to = today;
    from = to - date::days(364);
  }
  const ReportBasis basis{.organisation = o.ctx->config.organisation_name,
                          .calendar = o.ctx->calendar,
                          .zone = o.ctx->zone,
                          .respond_days = o.ctx->config.respond_days,
                          .review_days = o.ctx->config.review_days};
  const AnnualReport r = ComputeAnnualReport(*o.db, basis, from, to, SystemClock().Now());
  if (options.format == "json")
    std::cout << RenderReportJson(r);
  else if (options.format == "html")
    std::cout << RenderReportHtml(r);
  else
    std::cout << RenderReportText(r);
  return kExitOk;
}

int ExportCommand(const std::string& config_path, const std::string& email,
                  const std::string& out_dir) {
  if (email.find('@') == std::string::npos) {
    std::cerr << "intaked: export: --email needs an address, not \"" << email << "\"\n";
    return kExitUsage;
  }
  std::string path = out_dir;
  if (path.empty()) {
    if (email.front() == '.' || email.find('/') != std::string::npos) {
      std::cerr << "intaked: export: \"" << email
                << "\" cannot name a directory; give one with --out DIR\n";
      return kExitUsage;
    }
    path = "intaked-export-" + email;
  }
  CommandSession o = OpenCommandSession(config_path);
  if (!o.ok()) return o.Refuse();
  PersonalRecord rec;
  try {
    rec = PersonalData(*o.db).Export(email);
  } catch (const std::exception& e) {
    std::cerr << "intaked: export: " << o.ctx->config.database_path << ": " << e.what() << "\n";
    return kExitFailure;
  }
  auto dir = PrivateDirectory::Create(path);
  if (!dir.ok()) {
    std::cerr << "intaked: export: " << dir.status().message() << "\n";
    return dir.status().kind() == Status::Kind::kInvalidInput ? kExitUsage : kExitFailure;
  }
  Status s = dir.value()->Write("record.json", rec.json);
  for (const ExportFile& f : rec.files) {
    if (s.ok()) s = dir.value()->Write(f.name, f.bytes);
  }
  if (!s.ok()) {
    std::cerr << "intaked: export: " << s.message() << "; the export in " << path
              << " is incomplete\n";
    return kExitFailure;
  }
  std::cout << "wrote " << path << "/record.json and " << rec.files.size()
            << " message(s) and letter(s) beside it" << (rec.files.empty() ? "" : " (.eml)")
            << "; readable by you only\n";
  return kExitOk;
}

// Erases inside one transaction, then empties the WAL so that no older copy of the erased pages
// survives there. Nothing to erase is a failure: the admin asked for something not held.
int EraseCommand(const std::string& config_path, const std::string& email,
                 const std::string& reference) {
  if (reference.empty() && email.find('@') == std::string::npos) {
    std::cerr << "intaked: erase: --email needs an address, not \"" << email << "\"\n";
    return kExitUsage;
  }
  CommandSession o = OpenCommandSession(config_path);
  if (!o.ok()) return o.Refuse();
  const Instant now = SystemClock().Now();
  std::string done;
  int exit_code = kExitOk;
  try {
    SQLite::Transaction tx(*o.db, SQLite::TransactionBehavior::IMMEDIATE);
    PersonalData data(*o.db);
    if (!reference.empty()) {
      const auto c = CaseStore(*o.db).FindByReference(reference);
      if (!c) {
        std::cerr << "intaked: erase: there is no case " << reference << "; nothing erased\n";
        return kExitFailure;
      }
      const ErasureCount n = data.EraseCase(c->id, now, "erased on request");
      if (n.cases == 0) {
        std::cerr << "intaked: erase: the personal data of " << reference
                  << " was erased before; nothing more is held\n";
        exit_code = kExitFailure;
      } else {
        done = fmt::format("erased the personal data of {} ({} record(s)); its counts remain",
                           reference, n.rows);
      }
    } else {
      const ErasureCount n = data.EraseEmail(email, now);
      if (n.rows == 0) {
        std::cerr << "intaked: erase: nothing is held about " << email << "; nothing erased\n";
        exit_code = kExitFailure;
      } else {
        done = fmt::format(
            "erased {} from {} case(s) and {} record(s) in all (messages, letters, timelines); "
            "counts remain",
            email, n.cases, n.rows);
      }
    }
    tx.commit();
  } catch (const std::exception& e) {
    std::cerr << "intaked: erase: " << o.ctx->config.database_path << ": " << e.what()
              << "; nothing erased\n";
    return kExitFailure;
  }
  if (!done.empty()) std::cout << done << "\n";
  // Even with nothing to erase now: an earlier erasure's pages may still wait in the WAL.
  if (Status s = EmptyWriteAheadLog(*o.db, std::chrono::seconds(10)); !s.ok()) {
    std::cerr << "intaked: erase: " << s.message()
              << "; run this command again when intaked is between cycles, or restart intaked\n";
    return kExitFailure;
  }
  return exit_code;
}

int UnprocessedCommand(const std::string& config_path) {
  CommandSession o = OpenCommandSession(config_path);
  if (!o.ok()) return o.Refuse();
  const std::vector<MessageRecord> set_aside = MessageLog(*o.db).Unprocessable();
  std::ostringstream out;  // senders and subjects came in mail: sanitised below
  for (const MessageRecord& r : set_aside) {
    out << fmt::format("{}  {}\n  from:    {}\n  subject: {}\n  why:     {}\n  id:      {}\n\n",
                       FormatIsoDate(o.ctx->zone.LocalDate(r.received_at)), r.mailbox,
                       r.from_email.empty() ? "(not read)" : r.from_email,
                       r.subject.empty() ? "(not read)" : r.subject, r.reason, r.message_id);
  }
  out << set_aside.size() << " message(s) set aside as unprocessable\n";
  std::cout << WithoutControls(out.str(), true);
  return kExitOk;
}

}  // namespace intaked
