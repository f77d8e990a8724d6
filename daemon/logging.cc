// SPDX-License-Identifier: GPL-3.0-or-later
#include "logging.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/sinks/systemd_sink.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace intaked {

namespace {

// systemd's documented test: JOURNAL_STREAM names the device and inode of the
// journal stream; it is ours only if our stderr is that very stream (a child
// that inherited the variable but was redirected is not).
bool StderrIsTheJournal() {
  const char* js = std::getenv("JOURNAL_STREAM");
  struct stat st {};
  if (!js || fstat(STDERR_FILENO, &st) != 0) return false;
  unsigned long long dev = 0, ino = 0;
  if (std::sscanf(js, "%llu:%llu", &dev, &ino) != 2) return false;
  return dev == static_cast<unsigned long long>(st.st_dev) &&
         ino == static_cast<unsigned long long>(st.st_ino);
}

}  // namespace

std::shared_ptr<spdlog::logger> MakeLogger(const std::string& level) {
  // Under systemd, straight to the journal with real priorities; elsewhere
  // (containers, a terminal) stderr, since spdlog's journald sink drops
  // messages silently when there is no journald.
  const bool journal = StderrIsTheJournal();
  std::shared_ptr<spdlog::logger> log;
  if (journal) {
    log = std::make_shared<spdlog::logger>(
        "intaked", std::make_shared<spdlog::sinks::systemd_sink_mt>("intaked"));
    log->set_pattern("%v");
  } else {
    log = std::make_shared<spdlog::logger>("intaked",
                                           std::make_shared<spdlog::sinks::stderr_sink_mt>());
    log->set_pattern("%Y-%m-%d %H:%M:%S %l: %v");
  }
  log->set_level(spdlog::level::from_str(level));
  log->flush_on(spdlog::level::info);
  return log;
}

}  // namespace intaked
