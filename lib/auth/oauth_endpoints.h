// OAuthEndpoints: where an identity provider signs people in and renews their
// tokens, and what to ask it for - worked out once from the [oauth] table.
//
// `microsoft` and `google` fill in their own endpoints and mail scopes (IMAP
// and SMTP, plus offline access so that a refresh token comes back); `custom`
// takes the admin's. Pure: no I/O. Owned by whoever signs in or renews.
#pragma once

#include <string>
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
};

// The endpoints for `settings`, or InvalidInput naming the [oauth] key at fault
// (a custom provider without token_url, or with neither grant's URL; a URL that
// is not https:// to a non-loopback host).
Result<OAuthEndpoints> OAuthEndpointsFor(const OAuthSettings& settings);

}  // namespace intaked
