// TEMPORARY (not committed): stand-ins until the auth layer's branch lands.
#include <nlohmann/json.hpp>

#include "auth/sign_in.h"
#include "auth/token_grant.h"

namespace intaked {
Result<HttpResponse> CurlHttpClient::PostForm(
    const std::string&, const std::vector<std::pair<std::string, std::string>>&) {
  return Status::Connection("stub");
}
Result<TokenGrant> RefreshAccessToken(HttpClient& http, const OAuthEndpoints& e,
                                      const std::string& refresh, Instant now) {
  auto r = http.PostForm(
      e.token_url,
      {{"grant_type", "refresh_token"}, {"refresh_token", refresh}, {"client_id", e.client_id}});
  if (!r.ok()) return r.status();
  auto j = nlohmann::json::parse(r->body, nullptr, false);
  if (r->status >= 500 || !j.is_object()) return Status::Connection("provider down");
  if (j.contains("error")) {
    if (j["error"] == "invalid_grant")
      return Status::Permanent("the identity provider refused the refresh token (invalid_grant)");
    return Status::Connection("error");
  }
  TokenGrant g;
  g.access_token = j["access_token"];
  if (j.contains("refresh_token")) g.refresh_token = j["refresh_token"];
  g.expires_at = now + std::chrono::seconds(j.value("expires_in", 3600));
  return g;
}
Result<TokenGrant> SignIn(HttpClient&, const OAuthEndpoints&, SignInTerminal&, const Clock&) {
  return Status::Permanent("stub");
}
}  // namespace intaked
