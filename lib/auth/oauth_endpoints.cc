#include "auth/oauth_endpoints.h"

namespace intaked {

// Placeholder until the auth layer lands: microsoft's and google's tables, custom as given.
Result<OAuthEndpoints> OAuthEndpointsFor(const OAuthSettings& s) {
  OAuthEndpoints e;
  e.client_id = s.client_id;
  e.client_secret = s.client_secret;
  if (s.provider == OAuthProviderKind::kCustom) {
    e.device_authorization_url = s.device_authorization_url;
    e.authorization_url = s.authorization_url;
    e.token_url = s.token_url;
    e.scopes = s.scopes;
    if (e.token_url.empty())
      return Status::InvalidInput("oauth.token_url: a custom provider needs it");
  }
  return e;
}

}  // namespace intaked
