// SPDX-License-Identifier: GPL-3.0-or-later
// The intaked sub-commands, each a function from parsed options to an exit
// status: 0 success, 1 runtime failure, 2 bad usage or config.
// main.cc parses the command line and calls one of these.
#pragma once

#include <optional>
#include <string>

#include "base/clock.h"

namespace intaked {

enum ExitCode { kExitOk = 0, kExitFailure = 1, kExitUsage = 2 };

struct RunOptions {
  std::string config_path;
  bool once = false;
  std::optional<Instant> now;  // --now: a fixed clock
};

int RunCommand(const RunOptions& options);
int CheckCommand(const std::string& config_path);
int CasesCommand(const std::string& config_path, bool open_only, const std::string& format);
int ShowCommand(const std::string& config_path, const std::string& reference,
                const std::string& format);

// Mail set aside as unprocessable (a poison message, or one that killed the process).
int UnprocessedCommand(const std::string& config_path);

struct ReportOptions {
  std::optional<int> year;
  std::string from, to;  // YYYY-MM-DD
  std::string format = "text";
};
int ReportCommand(const std::string& config_path, const ReportOptions& options);
int ExportCommand(const std::string& config_path, const std::string& email,
                  const std::string& out_dir);
int EraseCommand(const std::string& config_path, const std::string& email,
                 const std::string& reference);

// The admin acting on a stuck case: exit 1 (with the reason) for an unknown case, a
// co-chair the complaint names, or an act its phase does not allow.
// `now`, when given, is the clock (as `run --now`).
int ReassignCommand(const std::string& config_path, const std::string& reference,
                    const std::string& to, std::optional<Instant> now);
int CloseCommand(const std::string& config_path, const std::string& reference,
                 const std::string& reason, std::optional<Instant> now);

// `login ACCOUNT`: signs an oauth2 account in from the terminal (exit 0 signed in and its
// server took the token; 1 declined, expired or refused; 2 a bad config or account name).
// `now`, when given, is the clock the token's expiry is counted from (replays and tests).
int LoginCommand(const std::string& config_path, const std::string& account,
                 std::optional<Instant> now);
int LogoutCommand(const std::string& config_path, const std::string& account);

// Parses --now's "YYYY-MM-DDTHH:MM:SS+HH:MM" (also Z); nothing when malformed.
std::optional<Instant> ParseNow(const std::string& text);

}  // namespace intaked
