// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/status.h"

namespace intaked {

Status Status::Context(const std::string& where) const {
  if (ok()) return *this;
  return Status(kind_, where + ": " + message_);
}

}  // namespace intaked
