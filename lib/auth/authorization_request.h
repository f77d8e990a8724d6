// SPDX-License-Identifier: GPL-3.0-or-later
// AuthorizationRequest: the pure parts of the authorization-code grant with
// PKCE (RFC 6749 §4.1, RFC 7636) - the S256 code challenge, the URL a person
// opens, and reading the answer the provider redirects back with (from the
// browser's request to the loopback listener, or from a URL pasted into the
// terminal). No I/O, no randomness: browser_grant.cc draws the verifier and
// the state, and these functions only compute and check.
//
// Everything read here is untrusted (any web page can make a browser send a
// request to 127.0.0.1): parsing is linear, bounded by the caller's input
// limits, and a malformed or duplicated parameter is refused, not guessed at.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/oauth_endpoints.h"
#include "base/status.h"

namespace intaked {

// RFC 7636 §4.1: 43 to 128 characters from A-Z a-z 0-9 - . _ ~.
bool IsValidCodeVerifier(std::string_view verifier);

// BASE64URL(SHA256(verifier)) without padding (RFC 7636 §4.2, "S256").
std::string S256CodeChallenge(std::string_view verifier);

// Base64url (RFC 4648 §5) without '=' padding.
std::string Base64UrlNoPadding(std::string_view bytes);

// Percent-encodes all but the unreserved characters (RFC 3986 §2.3).
std::string PercentEncode(std::string_view text);

// A query string's name=value pairs, '+' and %XX decoded
// (application/x-www-form-urlencoded); nullopt for a malformed %-escape.
std::optional<std::vector<std::pair<std::string, std::string>>> ParseQuery(std::string_view query);

struct AuthorizationRequest {
  std::string redirect_uri;    // http://127.0.0.1:PORT/
  std::string state;           // unguessable, checked on the way back
  std::string code_challenge;  // S256CodeChallenge(verifier)
  std::string login_hint;      // the mailbox being signed in; may be empty
};

// endpoints.authorization_url with response_type=code, client_id,
// redirect_uri, scope, state, code_challenge, code_challenge_method=S256,
// login_hint (when given) and the provider's extra parameters.
std::string AuthorizationUrl(const OAuthEndpoints& endpoints, const AuthorizationRequest& request);

// What the provider sent back: a code, or an error (RFC 6749 §4.1.2, §4.1.2.1).
struct AuthorizationResponse {
  std::string code;               // empty when `error` is set
  std::string state;              // as received: the caller compares it
  std::string error;              // "access_denied", ...; printable, bounded
  std::string error_description;  // printable, bounded; may be empty
};

// Reads a redirect's query: from a whole URL ("http://127.0.0.1:PORT/?code=..&state=.."),
// a request target ("/?code=.."), or a bare query. InvalidInput when it carries
// no state, neither a code nor an error, a parameter twice, or a code that is
// not visible ASCII.
Result<AuthorizationResponse> ReadAuthorizationResponse(std::string_view url);

}  // namespace intaked
