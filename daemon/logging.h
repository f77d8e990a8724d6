// SPDX-License-Identifier: GPL-3.0-or-later
// The daemon's logger: stderr (which systemd's journal captures), at the
// configured level. Message bodies are never logged; addresses are masked at
// info level by the code that logs them (MaskEmail), and shown whole only at debug.
#pragma once

#include <spdlog/logger.h>

#include <memory>
#include <string>

namespace intaked {

std::shared_ptr<spdlog::logger> MakeLogger(const std::string& level);

}  // namespace intaked
