// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/sign_in.h"

#include "auth/browser_grant.h"
#include "auth/device_grant.h"

namespace intaked {

Result<TokenGrant> SignIn(HttpClient& http, const OAuthEndpoints& endpoints,
                          SignInTerminal& terminal, const Clock& clock) {
  if (endpoints.device_authorization_url.empty() && endpoints.authorization_url.empty())
    return Status::InvalidInput(
        "oauth: the provider has neither a device_authorization_url nor an authorization_url");
  // The device grant when there is one: it works from a server with no browser.
  Result<TokenGrant> grant = endpoints.device_authorization_url.empty()
                                 ? SignInInBrowser(http, endpoints, terminal, clock)
                                 : SignInWithDeviceCode(http, endpoints, terminal, clock);
  if (!grant.ok()) return grant;
  // Without a refresh token the account would be down again within the hour.
  if (grant->refresh_token.empty())
    return Status::Permanent(
        "the identity provider signed in but sent no refresh token, so intaked could not stay "
        "signed in (the client must be allowed offline access)");
  return grant;
}

}  // namespace intaked
