// SPDX-License-Identifier: GPL-3.0-or-later
// DeviceGrant: signing in with the device authorization grant (RFC 8628) -
// `intaked login` for microsoft and for custom providers that have a
// device_authorization_url.
//
// It asks the device endpoint for a code, prints "URL: <verification_uri>" and
// "Code: <user_code>" on lines of their own (and "Link with the code: ..." when
// the provider offers verification_uri_complete), then polls the token
// endpoint: every `interval` seconds (5 when the provider names none),
// 5 seconds slower after each slow_down, until a token comes, the person
// declines (access_denied, or microsoft's authorization_declined: kPermanent
// "declined"), or the code expires (expired_token, or expires_in passed on the
// Clock: kPermanent "the code expired"). Waiting is terminal.sleep, and the
// deadline is read from `clock`, so a test runs the whole conversation
// instantly. What the provider says is checked before it is printed: visible
// ASCII only, bounded, the URL https:// (a provider cannot put escape
// sequences on the person's terminal).
#pragma once

#include "auth/http_client.h"
#include "auth/oauth_endpoints.h"
#include "auth/sign_in.h"
#include "auth/token_grant.h"
#include "base/clock.h"

namespace intaked {

Result<TokenGrant> SignInWithDeviceCode(HttpClient& http, const OAuthEndpoints& endpoints,
                                        SignInTerminal& terminal, const Clock& clock);

}  // namespace intaked
