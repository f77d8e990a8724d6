// SPDX-License-Identifier: GPL-3.0-or-later
// SignIn: `intaked login`'s conversation with a person at a terminal, ending in
// a refresh token (docs/ACCOUNTS.md).
//
// Where the provider has a device authorization endpoint (RFC 8628) it prints
// the verification URL and the user code on their own lines ("URL: ...",
// "Code: ...") and polls the token endpoint at the interval the provider asks
// for (device_grant.h). Otherwise it uses the authorization-code grant with
// PKCE (RFC 7636, S256): it prints "Open: <URL>"; a one-off listener on
// 127.0.0.1 receives the browser's redirect, or the person pastes the final
// redirected URL into the terminal (for a browser on another machine); the
// `state` must match either way (browser_grant.h). Failures: kPermanent when
// the person declined, the code expired, nobody finished in time, or the
// provider refused (including a grant without a refresh token); kConnection
// when the provider could not be reached or answered nonsense; kInvalidInput
// for endpoints that allow neither grant; kIo when the listener cannot open.
// Nothing secret (codes, tokens, the client secret) is printed or logged.
#pragma once

#include <chrono>
#include <functional>
#include <iosfwd>
#include <string>

#include "auth/http_client.h"
#include "auth/oauth_endpoints.h"
#include "auth/token_grant.h"
#include "base/clock.h"

namespace intaked {

struct SignInTerminal {
  std::ostream& out;       // what the person is told (URLs, codes, progress)
  int paste_fd = 0;        // where a pasted redirect URL is read from (stdin); -1: none
  std::string login_hint;  // the mailbox being signed in, offered to the provider
  // Waits between device-grant polls; tests pass one that only advances a clock.
  // Empty: really sleep.
  std::function<void(std::chrono::seconds)> sleep;
  std::chrono::seconds browser_timeout{600};  // how long to wait for the redirect or a paste
};

Result<TokenGrant> SignIn(HttpClient& http, const OAuthEndpoints& endpoints,
                          SignInTerminal& terminal, const Clock& clock);

}  // namespace intaked
