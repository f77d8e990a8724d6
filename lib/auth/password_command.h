// SPDX-License-Identifier: GPL-3.0-or-later
// RunPasswordCommand: an account's `password_command`, run with /bin/sh -c as
// isync runs PassCmd - for admins who keep passwords in a secrets manager.
//
// The first line it prints is the password. A non-zero exit, a timeout or no
// output fails that account (kConnection: tried again later, with back-off)
// with the first line of its stderr, made printable; its stdout is never shown.
// Output is bounded, and the child is killed at the timeout.
#pragma once

#include <chrono>
#include <string>

#include "base/status.h"

namespace intaked {

Result<std::string> RunPasswordCommand(const std::string& command,
                                       std::chrono::seconds timeout = std::chrono::seconds(30));

}  // namespace intaked
