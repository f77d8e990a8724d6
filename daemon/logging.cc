#include "logging.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace intaked {

std::shared_ptr<spdlog::logger> MakeLogger(const std::string& level) {
  auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  auto log = std::make_shared<spdlog::logger>("intaked", sink);
  // Under systemd the journal adds its own timestamp.
  const bool journal = std::getenv("JOURNAL_STREAM") != nullptr;
  log->set_pattern(journal ? "%l: %v" : "%Y-%m-%d %H:%M:%S %l: %v");
  log->set_level(spdlog::level::from_str(level));
  log->flush_on(spdlog::level::info);
  return log;
}

}  // namespace intaked
