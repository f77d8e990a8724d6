// SPDX-License-Identifier: GPL-3.0-or-later
// TokenGrant and RefreshAccessToken: what an identity provider's token endpoint
// gives back, and renewing an access token with a refresh token (RFC 6749 §6).
//
// The token endpoint's JSON is parsed with nlohmann-json, bounded in size, and
// never logged: it holds secrets (token_endpoint.h). Errors are graded for the
// caller: kPermanent when retrying cannot help until someone acts - the
// provider refusing the refresh token (`invalid_grant`: revoked, expired, a
// changed password, a new sign-in policy), or refusing intaked itself
// (`invalid_client`, `unauthorized_client`, `invalid_scope`,
// `unsupported_grant_type`: the [oauth] settings are wrong); kConnection for
// anything else (network, 5xx, `temporarily_unavailable`, a malformed answer),
// to be retried later; kInvalidInput for a token URL that policy forbids.
#pragma once

#include <string>

#include "auth/http_client.h"
#include "auth/oauth_endpoints.h"
#include "base/clock.h"
#include "base/status.h"

namespace intaked {

struct TokenGrant {
  std::string access_token;   // visible ASCII only (it goes into SASL XOAUTH2)
  std::string refresh_token;  // empty when the provider did not rotate it: keep the old one
  Instant expires_at;         // now + expires_in (a default of one hour when absent)
};

// POSTs grant_type=refresh_token with the refresh token, client_id, the
// client_secret when there is one, and the scopes when the provider wants them
// (OAuthEndpoints::scope_on_refresh).
Result<TokenGrant> RefreshAccessToken(HttpClient& http, const OAuthEndpoints& endpoints,
                                      const std::string& refresh_token, Instant now);

}  // namespace intaked
