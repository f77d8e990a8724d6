// SPDX-License-Identifier: GPL-3.0-or-later
// BrowserGrant: signing in with the authorization-code grant and PKCE
// (RFC 6749 §4.1, RFC 7636 S256, RFC 8252's loopback redirect) - `intaked
// login` for google, and for custom providers with only an authorization_url.
//
// It draws a code verifier (32 random bytes, 43 characters) and a state (16
// random bytes) from OpenSSL, opens a LoopbackListener on 127.0.0.1, prints
// "Open: <authorization URL>" on a line of its own with the redirect
// http://127.0.0.1:PORT/, and waits - up to terminal.browser_timeout - for
// either the browser's redirect to the listener or the final address pasted
// into the terminal (paste_fd; a line at a time, bounded).
//
// An answer whose state does not match is refused and the wait goes on: it is
// a stale tab from an earlier login, or a forgery by another local program or
// web page; ending the sign-in on it would let any page cancel it, and using
// it would let one sign the account in to someone else's mailbox. A matching
// error=access_denied ends it as declined (kPermanent); a matching code is
// exchanged with the code_verifier and the same redirect_uri.
#pragma once

#include "auth/http_client.h"
#include "auth/oauth_endpoints.h"
#include "auth/sign_in.h"
#include "auth/token_grant.h"
#include "base/clock.h"

namespace intaked {

Result<TokenGrant> SignInInBrowser(HttpClient& http, const OAuthEndpoints& endpoints,
                                   SignInTerminal& terminal, const Clock& clock);

}  // namespace intaked
