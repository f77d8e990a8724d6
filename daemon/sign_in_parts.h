// SPDX-License-Identifier: GPL-3.0-or-later
// SignInParts: what every command that reaches a mail server signs in with -
// the identity provider's HTTP client, the AccountCredentials on a database
// connection of their own, and the LoginGuard over them - built one way for
// `run`, `check` and `login`.
#pragma once

#include <spdlog/logger.h>

#include <memory>
#include <optional>
#include <string>

#include "auth/account_credentials.h"
#include "auth/http_client.h"
#include "auth/oauth_endpoints.h"
#include "base/clock.h"
#include "base/status.h"
#include "config/config.h"
#include "transport/login_guard.h"

namespace intaked {

struct SignInParts {
  explicit SignInParts(const TlsSettings& tls) : http(tls) {}
  CurlHttpClient http;
  std::unique_ptr<AccountCredentials> credentials;
  std::unique_ptr<LoginGuard> guard;
};

// The provider's endpoints when the config has an [oauth] table.
std::optional<OAuthEndpoints> OAuthEndpointsOf(const Config& c);

// Opens a second connection to the config's database for the sign-in state.
Result<std::unique_ptr<SignInParts>> MakeSignInParts(const Config& c, const Clock& clock,
                                                     std::shared_ptr<spdlog::logger> log);

}  // namespace intaked
