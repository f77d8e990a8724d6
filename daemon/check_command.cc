// SPDX-License-Identifier: GPL-3.0-or-later
// `intaked check`: is the config valid, and can every server be reached?
// One line per mailbox and one for SMTP, each "ok" or exactly what failed,
// and for each account whether its connection was encrypted (TLS).
#include <fmt/format.h>

#include <iostream>
#include <sstream>

#include "base/text.h"
#include "command_session.h"
#include "commands.h"
#include "engine/procedure_context.h"
#include "sign_in_parts.h"
#include "transport/folder_choice.h"
#include "transport/imap_session.h"
#include "transport/imap_url.h"
#include "transport/smtp_sender.h"
#include "transport/tls_policy.h"

namespace intaked {
namespace {

// What servers answer (an IMAP NO's text, an SMTP reply) is printed as it
// came, less any control character: a hostile server cannot write escape
// sequences to the admin's terminal.
struct CheckOutput {
  template <typename T>
  CheckOutput& operator<<(const T& v) {
    std::ostringstream s;
    s << v;
    std::cout << WithoutControls(s.str(), true);
    return *this;
  }
};
CheckOutput out;

bool CheckFolder(const Config& c, LoginGuard& guard, const MailboxSettings& m,
                 const std::string& folder, const std::string& what) {
  const ImapUrl url = ParseImapUrl(m.imap_url);
  Result<std::unique_ptr<ImapSession>> session = Status::Connection("not connected");
  // Through the guard, as the service signs in: an account that is down (or never
  // signed in) says so without reaching its server.
  const Status login = guard.Attempt(AccountOf(m), [&](const Credential& cr) {
    session = ImapSession::Connect(
        {url.server, cr.username, cr.password, cr.bearer, c.tls, std::chrono::seconds(20)});
    return session.status();
  });
  if (!login.ok()) session = login;
  if (!session.ok()) {
    out << fmt::format("FAIL  {:<34} {}\n", what, session.status().message());
    return false;
  }
  const Result<ChosenFolder> chosen = ChooseFolder(**session, m, folder);
  if (!chosen.ok()) {
    (*session)->Logout();
    out << fmt::format("FAIL  {:<34} {}\n", what, chosen.status().message());
    return false;
  }
  const std::string name = chosen->Described();
  auto info = (*session)->Examine(chosen->name);
  (*session)->Logout();
  if (!info.ok()) {
    out << fmt::format("FAIL  {:<34} {}: {}\n", what, url.server + name, info.status().message());
    return false;
  }
  out << fmt::format("ok    {:<34} {}{} ({} messages; {})\n", what, url.server, name, info->exists,
                     DescribeTls((*session)->tls()));
  return true;
}

}  // namespace

int CheckCommand(const std::string& config_path) {
  auto ctx = LoadContext(config_path);
  if (!ctx.ok()) {
    out << "FAIL  config: " << ctx.status().message() << "\n";
    return kExitUsage;
  }
  const Config& c = ctx.value()->config;
  SystemClock clock;
  auto quiet = std::make_shared<spdlog::logger>("check");  // each failure is printed below
  auto sign_in = MakeSignInParts(c, clock, quiet);
  if (!sign_in.ok()) {
    out << "FAIL  database: " << sign_in.status().message() << "\n";
    return kExitFailure;
  }
  LoginGuard& guard = *sign_in.value()->guard;
  out << fmt::format("ok    {:<34} {}\n", "config", config_path);
  if (const std::string w = BankHolidaysFileWarning(*ctx.value(), SystemClock().Now()); !w.empty())
    out << fmt::format("warn  {:<34} {}\n", "calendar.bank_holidays_file", w);
  bool ok = CheckFolder(c, guard, c.intake_mailbox, "", "intake mailbox");
  for (const CoChairSettings& cc : c.co_chairs) {
    if (!cc.mailbox) {
      out << fmt::format("--    {:<34} not read (no imap_url)\n",
                         "co-chair " + cc.identity.address);
      continue;
    }
    ok = CheckFolder(c, guard, *cc.mailbox, "", "co-chair " + cc.identity.address) && ok;
    ok = CheckFolder(c, guard, *cc.mailbox, kSentFolder, "sent folder of " + cc.identity.address) &&
         ok;
  }
  SmtpSender smtp(SmtpAccount(c), c.tls, &guard);
  bool tls = false;
  const SendOutcome probe = smtp.Probe(&tls);
  if (probe.kind == SendOutcome::Kind::kAccepted) {
    out << fmt::format("ok    {:<34} {} ({})\n", "smtp", c.smtp_url, DescribeTls(tls));
  } else {
    out << fmt::format("FAIL  {:<34} {}: {}\n", "smtp", c.smtp_url, probe.detail);
    ok = false;
  }
  return ok ? kExitOk : kExitFailure;
}

}  // namespace intaked
