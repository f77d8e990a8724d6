// SPDX-License-Identifier: GPL-3.0-or-later
// Route: which of the test authorization server's endpoints a request is for,
// and that endpoint's answer. The OAuth endpoints are what a client sees of a
// provider; the /test/ endpoints are the tests' remote control:
//
//   POST /device            RFC 8628 device authorization (client_id, scope)
//   GET  /authorize         RFC 6749 §4.1 + PKCE S256; 302 back to redirect_uri
//   GET  /verify            where a person would type the user code (a text page)
//   POST /token             device_code, authorization_code and refresh_token grants
//   POST /introspect        RFC 7662 (token) -> {"active": ..., "username": ...}
//   POST /test/approve      user_code, user: the person signs in and consents
//   POST /test/deny         user_code: the person declines
//   POST /test/revoke       user: every live refresh token of the user stops working
//   POST /test/expire       user: every access token of the user expires now
//   POST /test/settings     any of the Settings (seconds; deny_authorizations=0|1)
//   POST /test/reset-settings  the Settings the server started with
//   GET  /test/counters     ?user=: that user's counts, or without it the totals
//
// Requests are parsed here from bytes the network gave; a form that does not
// parse is an invalid_request, never an exception. Pure apart from the state.
#pragma once

#include <string>

#include "oauth_state.h"

namespace oauth_test {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // path and query
  std::string content_type;
  std::string body;
};

Reply Route(AuthorizationState& state, const HttpRequest& request);

}  // namespace oauth_test
