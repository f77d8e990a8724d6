// SPDX-License-Identifier: GPL-3.0-or-later
// Reading how each mail account signs in: its `auth`, its password (inline,
// password_file or password_command) and the [oauth] table - the config keys
// that hold or point at secrets, kept apart from the rest of the loader.
//
// Called by config_loader.cc only. Failures go to the TomlSection (the first
// one in the document wins), naming the key.
#pragma once

#include <string>

#include "config/config.h"
#include "config/toml_section.h"

namespace intaked {

struct AccountSecrets {
  AuthMethod* auth;
  std::string* password;
  std::string* password_command;
};

// Reads `auth` and the password keys of one account's table. `needs_secret`: a
// password account must name one (the intake mailbox; SMTP only when it has a
// username). Refuses two password sources at once, and any password on an
// oauth2 account. A password file readable by others is refused.
void ReadAccountSecrets(TomlSection& s, const std::string& base, bool needs_secret,
                        AccountSecrets out, bool* inline_used);

// [oauth]: required when any account signs in with oauth2; its provider's endpoints
// are checked (OAuthEndpointsFor) whenever it is present.
void ReadOAuth(TomlSection root, const std::string& base, Config& c);

// Reads a secret from a file that only its owner may read (password_file,
// client_secret_file), without its trailing line break.
std::string ReadSecretFile(TomlSection& s, const std::string& key, const std::string& base);

}  // namespace intaked
