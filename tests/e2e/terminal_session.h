// SPDX-License-Identifier: GPL-3.0-or-later
// TerminalSession: an intaked command run as a person runs it at a terminal -
// the end-to-end tests read what it prints, line by line, and type into it
// (`intaked login` prints a code to approve, or waits for a pasted URL).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>

namespace intaked::e2e {

class TerminalSession {
 public:
  // Starts `command_line` with /bin/sh -c; its stdout and stderr are read together.
  explicit TerminalSession(const std::string& command_line);
  ~TerminalSession();  // kills the command if it is still running
  TerminalSession(const TerminalSession&) = delete;
  TerminalSession& operator=(const TerminalSession&) = delete;

  // The rest of the first line that starts with `prefix`, waiting up to
  // `timeout`; throws when it does not come.
  std::string WaitForLine(const std::string& prefix,
                          std::chrono::seconds timeout = std::chrono::seconds(20));
  void Type(const std::string& line);  // what a person types, then Enter
  // Waits for the command to end (killing it after `timeout`); its exit status.
  int Wait(std::chrono::seconds timeout = std::chrono::seconds(30));
  const std::string& output() const { return output_; }  // everything printed so far

 private:
  bool ReadSome(std::chrono::milliseconds wait);  // false at end of output
  pid_t pid_ = -1;
  int in_ = -1, out_ = -1;
  std::string output_;
  size_t scanned_ = 0;  // lines before this offset were looked at by WaitForLine
};

}  // namespace intaked::e2e
