// intaked: a complaints and compliments procedure run entirely by email.
// This file only parses the command line; commands.h does the work.
#include <CLI/CLI.hpp>
#include <iostream>

#include "commands.h"

int main(int argc, char** argv) {
  using namespace intaked;
  CLI::App app{"intaked - runs a complaints and compliments procedure by email"};
  app.require_subcommand(1);
  std::string config = "/etc/intaked/intaked.toml";
  app.add_option("--config", config, "config file")->capture_default_str();

  CLI::App* run =
      app.add_subcommand("run", "poll the mailboxes and act (a daemon, or one cycle with --once)");
  bool once = false;
  std::string now;
  run->add_flag("--once", once, "do one full cycle and exit");
  run->add_option("--now", now, "the clock for this run, e.g. 2026-12-01T09:30:00+00:00");

  app.add_subcommand("check", "validate the config and reach every server");

  CLI::App* cases = app.add_subcommand("cases", "list cases");
  bool open_only = false;
  cases->add_flag("--open", open_only, "only open cases");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  if (run->parsed()) {
    RunOptions o{config, once, std::nullopt};
    if (!now.empty()) {
      o.now = ParseNow(now);
      if (!o.now) {
        std::cerr << "intaked: --now: \"" << now
                  << "\" is not a time like 2026-12-01T09:30:00+00:00\n";
        return kExitUsage;
      }
    }
    return RunCommand(o);
  }
  if (app.got_subcommand("check")) return CheckCommand(config);
  if (cases->parsed()) return CasesCommand(config, open_only);
  return kExitUsage;
}
