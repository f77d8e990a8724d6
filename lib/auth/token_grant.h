// TokenGrant and RefreshAccessToken: what an identity provider's token endpoint
// gives back, and renewing an access token with a refresh token (RFC 6749 §6).
//
// The token endpoint's JSON is parsed with nlohmann-json, bounded in size, and
// never logged: it holds secrets. Errors are graded for the caller: the
// provider refusing the refresh token (`invalid_grant`) is kPermanent - the
// account stays down until someone signs in again; anything else (network,
// 5xx, a malformed answer) is kConnection, to be retried later.
#pragma once

#include <string>

#include "auth/http_client.h"
#include "auth/oauth_endpoints.h"
#include "base/clock.h"
#include "base/status.h"

namespace intaked {

struct TokenGrant {
  std::string access_token;
  std::string refresh_token;  // empty when the provider did not rotate it: keep the old one
  Instant expires_at;         // now + expires_in (a default of one hour when absent)
};

Result<TokenGrant> RefreshAccessToken(HttpClient& http, const OAuthEndpoints& endpoints,
                                      const std::string& refresh_token, Instant now);

}  // namespace intaked
