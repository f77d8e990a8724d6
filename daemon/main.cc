// SPDX-License-Identifier: GPL-3.0-or-later
// intaked: a complaints and compliments procedure run entirely by email.
// This file only parses the command line; commands.h does the work.
#include <CLI/CLI.hpp>
#include <iostream>

#include "commands.h"

namespace {

// CLI11 reports a missing required option before a word no command took, so
// an admin who mistyped an option would be told only that something is
// missing. The words are collected (allow_extras) and named first.
bool ReportUnexpected(const CLI::App& app) {
  const std::vector<std::string> extra = app.remaining(true);
  if (extra.empty()) return false;
  std::cerr << "intaked: not expected:";
  for (const std::string& word : extra) std::cerr << " " << word;
  std::cerr << "\nRun with --help (after the command for its own options) for what is.\n";
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace intaked;
  CLI::App app{"intaked - runs a complaints and compliments procedure by email"};
  app.require_subcommand(1);
  app.allow_extras();  // inherited by every command; see ReportUnexpected
  app.set_version_flag("--version", "intaked " INTAKED_VERSION, "print the version and exit");
  std::string config = "/etc/intaked/intaked.toml";

  CLI::App* run =
      app.add_subcommand("run", "poll the mailboxes and act (a daemon, or one cycle with --once)");
  bool once = false;
  std::string now;
  run->add_flag("--once", once, "do one full cycle and exit");
  run->add_option("--now", now, "the clock for this run, e.g. 2026-12-01T09:30:00+00:00");

  app.add_subcommand("check", "validate the config and reach every server");

  CLI::App* cases = app.add_subcommand("cases", "list cases");
  bool open_only = false;
  std::string cases_format = "text";
  cases->add_flag("--open", open_only, "only open cases");
  cases->add_option("--format", cases_format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));

  CLI::App* show =
      app.add_subcommand("show", "a case's timeline: messages, letters, keywords, deadlines");
  std::string reference;
  show->add_option("REF", reference, "case reference, e.g. PACTS-2026-0007")->required();
  std::string show_format = "text";
  show->add_option("--format", show_format, "text or json")->check(CLI::IsMember({"text", "json"}));

  CLI::App* report =
      app.add_subcommand("report", "the annual report: numbers only, no personal data");
  ReportOptions report_options;
  int year = 0;
  auto* year_opt = report->add_option("--year", year, "a calendar year");
  auto* from_opt = report->add_option("--from", report_options.from, "first day, YYYY-MM-DD");
  auto* to_opt = report->add_option("--to", report_options.to, "last day, YYYY-MM-DD");
  year_opt->excludes(from_opt)->excludes(to_opt);
  from_opt->needs(to_opt);
  to_opt->needs(from_opt);
  report->add_option("--format", report_options.format, "text, json or html")
      ->check(CLI::IsMember({"text", "json", "html"}));

  CLI::App* exporter =
      app.add_subcommand("export", "everything held about a person (subject access)");
  std::string export_email, export_dir;
  exporter->add_option("--email", export_email, "their address")->required();
  exporter->add_option("--out", export_dir,
                       "directory to write (default ./intaked-export-ADDRESS)");

  CLI::App* eraser =
      app.add_subcommand("erase", "remove a person's data, or a case's; counts are kept");
  std::string erase_email, erase_case;
  auto* e1 = eraser->add_option("--email", erase_email, "their address");
  auto* e2 = eraser->add_option("--case", erase_case, "a case reference");
  e1->excludes(e2);  // and one of them is needed: checked after parsing, as
                     // require_option() would count --config too

  CLI::App* reassign = app.add_subcommand(
      "reassign", "hand a case to another co-chair or the fallback (e.g. its handler is ill)");
  std::string reassign_ref, reassign_to;
  reassign->add_option("REF", reassign_ref, "case reference")->required();
  reassign->add_option("--to", reassign_to, "the new handler's address")->required();
  std::string admin_now;
  reassign->add_option("--now", admin_now, "the clock for this command (replays and tests)");

  CLI::App* closer =
      app.add_subcommand("close", "close a case; its handler is told, not the complainant");
  std::string close_ref, close_reason;
  closer->add_option("REF", close_ref, "case reference")->required();
  closer->add_option("--reason", close_reason, "why, for the case's timeline")->required();
  closer->add_option("--now", admin_now, "the clock for this command (replays and tests)");

  CLI::App* login = app.add_subcommand("login", "sign an account in with OAuth2, from a terminal");
  std::string login_account;
  login->add_option("ACCOUNT", login_account, "intake, smtp or a co-chair's address")->required();
  login->add_option("--now", admin_now, "the clock for this command (replays and tests)");
  CLI::App* logout = app.add_subcommand("logout", "forget an account's OAuth2 sign-in");
  std::string logout_account;
  logout->add_option("ACCOUNT", logout_account, "intake, smtp or a co-chair's address")->required();

  app.add_subcommand("unprocessed", "list mail set aside because it could not be processed");

  // --config belongs to every command, so it may come before the command or
  // after it, and each command's --help lists it.
  for (CLI::App* command : app.get_subcommands({})) {
    command->add_option("--config", config, "config file")->capture_default_str();
  }
  app.add_option("--config", config, "config file")->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help, --version
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  } catch (const CLI::ParseError& e) {
    if (ReportUnexpected(app)) return kExitUsage;
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  if (ReportUnexpected(app)) return kExitUsage;
  if (eraser->parsed() && erase_email.empty() && erase_case.empty()) {
    std::cerr << "intaked: erase: give --email ADDRESS or --case REF\n";
    return kExitUsage;
  }
  std::optional<Instant> clock;
  if (const std::string& text = run->parsed() ? now : admin_now; !text.empty()) {
    clock = ParseNow(text);
    if (!clock) {
      std::cerr << "intaked: --now: \"" << text
                << "\" is not a time like 2026-12-01T09:30:00+00:00\n";
      return kExitUsage;
    }
  }
  if (run->parsed()) return RunCommand({config, once, clock});
  if (app.got_subcommand("check")) return CheckCommand(config);
  if (app.got_subcommand("unprocessed")) return UnprocessedCommand(config);
  if (cases->parsed()) return CasesCommand(config, open_only, cases_format);
  if (show->parsed()) return ShowCommand(config, reference, show_format);
  if (report->parsed()) {
    if (*year_opt) report_options.year = year;
    return ReportCommand(config, report_options);
  }
  if (exporter->parsed()) return ExportCommand(config, export_email, export_dir);
  if (eraser->parsed()) return EraseCommand(config, erase_email, erase_case);
  if (reassign->parsed()) return ReassignCommand(config, reassign_ref, reassign_to, clock);
  if (closer->parsed()) return CloseCommand(config, close_ref, close_reason, clock);
  if (login->parsed()) return LoginCommand(config, login_account, clock);
  if (logout->parsed()) return LogoutCommand(config, logout_account);
  return kExitUsage;
}
