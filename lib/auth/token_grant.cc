// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/token_grant.h"

#include <set>

#include "auth/token_endpoint.h"

namespace intaked {
namespace {

// Errors that say the request itself will never succeed as it stands: the
// client is unknown or not allowed, or the scopes or grant are refused.
bool ClientRefused(const std::string& error) {
  static const std::set<std::string> kinds = {"invalid_client", "unauthorized_client",
                                              "invalid_scope", "unsupported_grant_type"};
  return kinds.count(error) > 0;
}

}  // namespace

Result<TokenGrant> RefreshAccessToken(HttpClient& http, const OAuthEndpoints& endpoints,
                                      const std::string& refresh_token, Instant now) {
  FormFields fields = {{"grant_type", "refresh_token"}, {"refresh_token", refresh_token}};
  if (endpoints.scope_on_refresh && !endpoints.scopes.empty())
    fields.emplace_back("scope", ScopeParameter(endpoints));
  Result<TokenEndpointReply> reply = RequestToken(http, endpoints, std::move(fields), now);
  if (!reply.ok()) return reply.status();
  if (reply->grant) return *reply->grant;
  if (reply->error == "invalid_grant")
    return Status::Permanent("the identity provider refused the refresh token (" +
                             reply->Describe() + ")");
  if (ClientRefused(reply->error))
    return Status::Permanent("the identity provider refused intaked's request (" +
                             reply->Describe() +
                             "): check [oauth] client_id, client_secret_file "
                             "and scopes");
  return Status::Connection("the identity provider did not renew the token (" + reply->Describe() +
                            ")");
}

}  // namespace intaked
