// SPDX-License-Identifier: GPL-3.0-or-later
#include "sign_in_parts.h"

#include "store/database.h"

namespace intaked {

std::optional<OAuthEndpoints> OAuthEndpointsOf(const Config& c) {
  if (!c.oauth) return std::nullopt;
  auto endpoints = OAuthEndpointsFor(*c.oauth);  // checked when the config was loaded
  if (!endpoints.ok()) return std::nullopt;
  return std::move(endpoints.value());
}

Result<std::unique_ptr<SignInParts>> MakeSignInParts(const Config& c, const Clock& clock,
                                                     std::shared_ptr<spdlog::logger> log) {
  auto db = OpenDatabase(c.database_path);
  if (!db.ok()) return db.status();
  auto parts = std::make_unique<SignInParts>(c.tls);
  parts->credentials = std::make_unique<AccountCredentials>(
      std::move(db.value()), OAuthEndpointsOf(c), parts->http, clock);
  parts->guard = std::make_unique<LoginGuard>(std::move(log), parts->credentials.get(),
                                              parts->credentials.get(), &clock);
  return parts;
}

}  // namespace intaked
