// SPDX-License-Identifier: GPL-3.0-or-later
// OAuthEndpoints: where an identity provider signs people in and renews their
// tokens, and what to ask it for - worked out once from the [oauth] table.
//
// `microsoft` and `google` fill in their own endpoints and mail scopes (IMAP
// and SMTP, plus offline access so that a refresh token comes back); `custom`
// takes the admin's. Pure: no I/O. Owned by whoever signs in or renews.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "config/config.h"

namespace intaked {

struct OAuthEndpoints {
  std::string device_authorization_url;  // RFC 8628; empty: no device grant
  std::string authorization_url;         // RFC 6749 §4.1 with PKCE; empty: none
  std::string token_url;
  std::vector<std::string> scopes;
  std::string client_id;
  std::string client_secret;  // empty for public clients
  // Added to the authorization URL as they are: google's access_type=offline and
  // prompt=consent, without which it sends no refresh token to a client the
  // person has approved before.
  std::vector<std::pair<std::string, std::string>> extra_authorization_parameters;
  // Whether a refresh names the scopes again: microsoft refuses a refresh
  // without them; RFC 6749 §6 lets any server take the scopes first granted;
  // google's documented refresh has none, so it is not sent there.
  bool scope_on_refresh = true;
};

// The endpoints for `settings`, or InvalidInput naming the [oauth] key at fault
// ("oauth.token_url: ..."): a missing client_id; a microsoft tenant that is not
// a plain name; a custom provider without token_url, or with neither grant's
// URL; a URL that is not https:// to a non-loopback host, or that holds
// spaces, control characters, a backslash or a fragment.
Result<OAuthEndpoints> OAuthEndpointsFor(const OAuthSettings& settings);

// The scopes as the "scope" parameter carries them: separated by one space.
std::string ScopeParameter(const OAuthEndpoints& endpoints);

// Whether `url` may carry OAuth traffic: https://, or http:// to a loopback
// address (IsLoopbackHost); an empty string when it may, else why not.
std::string UrlPolicyProblem(const std::string& url);

}  // namespace intaked
