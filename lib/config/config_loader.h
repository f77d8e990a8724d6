// SPDX-License-Identifier: GPL-3.0-or-later
// LoadConfig: reads, parses and validates intaked's TOML config.
//
// Every error names the file, the line where it can, the key, and what is
// wrong, e.g. `/etc/intaked/intaked.toml:14:11: deadlines.respond: must be a
// whole number of working days from 1 to 365, not -3`. Unknown keys are errors
// too: a misspelt key silently ignored is a deadline silently wrong. Reads the
// password files it names (and refuses ones others can read) and looks up the
// time zone; otherwise pure.
#pragma once

#include <set>
#include <string>

#include "base/status.h"
#include "config/config.h"

namespace intaked {

Result<Config> LoadConfig(const std::string& path);
// The same, from text already read (`path` is used for messages and relative paths).
// `keys_read`, when given, gets the path of every key the loader reads or asks about
// (TomlSection::RecordKeysInto), for the test that the man page lists them all.
Result<Config> ParseConfig(const std::string& text, const std::string& path,
                           std::set<std::string>* keys_read = nullptr);

}  // namespace intaked
