// SPDX-License-Identifier: GPL-3.0-or-later
// TokenEndpoint: one request to an identity provider's token endpoint and what
// came of it (RFC 6749 §5.1 a token, §5.2 an error) - shared by renewing a
// token (token_grant.h) and by both sign-in grants, which poll or exchange a
// code and must tell "not yet" from "no".
//
// Bodies are untrusted: parsed with nlohmann-json, never by hand; a field of
// the wrong type, a token with spaces or control characters, or an absurd
// expires_in is a malformed answer (kConnection: try again later), and what a
// provider writes in error_description is reduced to printable text, cut short,
// before anyone sees it. Nothing here logs.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "auth/http_client.h"
#include "auth/oauth_endpoints.h"
#include "auth/token_grant.h"
#include "base/clock.h"
#include "base/status.h"

namespace intaked {

struct TokenEndpointReply {
  std::optional<TokenGrant> grant;  // set when a token came back
  std::string error;                // else the OAuth error code ("invalid_grant", "slow_down")
  std::string error_description;    // printable, at most kMaxDescription characters; may be empty

  // "invalid_grant: AADSTS70008: The refresh token has expired..." or "invalid_grant".
  std::string Describe() const;
};

constexpr size_t kMaxDescription = 200;
constexpr std::chrono::seconds kDefaultTokenLifetime{3600};
constexpr std::chrono::seconds kMaxTokenLifetime{366 * 24 * 3600};

// Turns one HTTP answer into a reply: 200 with an access token is a grant; an
// OAuth error object (with a 4xx, or with 200 as some device endpoints send
// "authorization_pending") is an error; 5xx, any other status, or a malformed
// body is kConnection naming what was wrong, never a value from the body.
Result<TokenEndpointReply> ReadTokenEndpointAnswer(const HttpResponse& answer, Instant now);

// Adds client_id (and client_secret when the client has one) to `fields`,
// POSTs them to the token endpoint and reads the answer.
Result<TokenEndpointReply> RequestToken(HttpClient& http, const OAuthEndpoints& endpoints,
                                        FormFields fields, Instant now);

// How a sign-in grades an error reply it cannot go on from: kPermanent "the
// identity provider refused the sign-in (invalid_grant: ...)" - the person must
// act - except temporarily_unavailable and server_error, which are kConnection.
Status SignInRefusal(const TokenEndpointReply& reply);

}  // namespace intaked
