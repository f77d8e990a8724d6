// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/oauth_endpoints.h"

#include <cctype>

#include "base/text.h"
#include "transport/tls_policy.h"

namespace intaked {
namespace {

constexpr char kMicrosoftBase[] = "https://login.microsoftonline.com/";

// Microsoft's Exchange Online permissions for IMAP and SMTP AUTH, by their full
// resource URL (a bare "IMAP.AccessAsUser.All" would mean Microsoft Graph's,
// which Exchange does not accept); offline_access asks for a refresh token.
const std::vector<std::string>& MicrosoftScopes() {
  static const std::vector<std::string> scopes = {
      "https://outlook.office.com/IMAP.AccessAsUser.All", "https://outlook.office.com/SMTP.Send",
      "offline_access"};
  return scopes;
}

// A tenant is a GUID, a domain name or one of "organizations", "common",
// "consumers": it goes into the URL's path, so nothing else may.
bool PlainTenant(const std::string& tenant) {
  if (tenant.empty() || tenant.size() > 255) return false;
  for (const char ch : tenant) {
    const auto c = static_cast<unsigned char>(ch);
    if (!std::isalnum(c) && c != '-' && c != '.' && c != '_') return false;
  }
  return true;
}

OAuthEndpoints Microsoft(const OAuthSettings& s) {
  OAuthEndpoints e;
  const std::string base = kMicrosoftBase + s.tenant + "/oauth2/v2.0/";
  e.device_authorization_url = base + "devicecode";
  e.authorization_url = base + "authorize";
  e.token_url = base + "token";
  e.scopes = MicrosoftScopes();
  return e;
}

// Google has no device grant for mail: its device flow accepts only a short
// list of scopes, and https://mail.google.com/ is not on it. So the browser
// grant, which for an installed app returns a refresh token only with
// access_type=offline, and again after an earlier approval only with
// prompt=consent.
OAuthEndpoints Google() {
  OAuthEndpoints e;
  e.authorization_url = "https://accounts.google.com/o/oauth2/v2/auth";
  e.token_url = "https://oauth2.googleapis.com/token";
  e.scopes = {"https://mail.google.com/"};
  e.extra_authorization_parameters = {{"access_type", "offline"}, {"prompt", "consent"}};
  e.scope_on_refresh = false;
  return e;
}

// RFC 6749 §3.3: a scope token is printable ASCII without space, '"' or '\\'.
bool ScopeToken(const std::string& scope) {
  if (scope.empty()) return false;
  for (const char ch : scope) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c >= 0x7f || c == '"' || c == '\\') return false;
  }
  return true;
}

Status CheckUrl(const std::string& key, const std::string& url) {
  const std::string problem = UrlPolicyProblem(url);
  if (problem.empty()) return Status::Ok();
  return Status::InvalidInput("oauth." + key + ": \"" + WithoutControls(url) + "\" " + problem);
}

Result<OAuthEndpoints> Custom(const OAuthSettings& s) {
  if (s.token_url.empty())
    return Status::InvalidInput("oauth.token_url: required when provider = \"custom\"");
  if (s.device_authorization_url.empty() && s.authorization_url.empty())
    return Status::InvalidInput(
        "oauth.authorization_url: a custom provider needs it, or oauth.device_authorization_url, "
        "to sign anyone in");
  Status st = CheckUrl("token_url", s.token_url);
  if (st.ok() && !s.device_authorization_url.empty())
    st = CheckUrl("device_authorization_url", s.device_authorization_url);
  if (st.ok() && !s.authorization_url.empty())
    st = CheckUrl("authorization_url", s.authorization_url);
  if (!st.ok()) return st;
  for (const std::string& scope : s.scopes) {
    if (!ScopeToken(scope))
      return Status::InvalidInput("oauth.scopes: \"" + WithoutControls(scope) +
                                  "\" is not a scope (printable ASCII, no spaces or quotes)");
  }
  OAuthEndpoints e;
  e.device_authorization_url = s.device_authorization_url;
  e.authorization_url = s.authorization_url;
  e.token_url = s.token_url;
  e.scopes = s.scopes;
  return e;
}

}  // namespace

std::string UrlPolicyProblem(const std::string& url) {
  for (const char ch : url) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c >= 0x7f || c == '\\')
      return "holds a space, a control character, a backslash or non-ASCII text";
  }
  if (url.find('#') != std::string::npos) return "has a fragment (#...)";
  const std::string host = UrlHost(url);
  if (host.empty()) return "names no host";
  if (StartsWithNoCase(url, "https://")) return "";
  if (StartsWithNoCase(url, "http://") && IsLoopbackHost(host)) return "";
  return "must start with https:// (plain http:// is allowed only to a loopback address)";
}

Result<OAuthEndpoints> OAuthEndpointsFor(const OAuthSettings& settings) {
  if (settings.client_id.empty()) return Status::InvalidInput("oauth.client_id: required");
  Result<OAuthEndpoints> endpoints = OAuthEndpoints{};
  switch (settings.provider) {
    case OAuthProviderKind::kMicrosoft:
      if (!PlainTenant(settings.tenant))
        return Status::InvalidInput("oauth.tenant: \"" + WithoutControls(settings.tenant) +
                                    "\" is not a tenant id or domain (letters, digits, '-', '.')");
      endpoints = Microsoft(settings);
      break;
    case OAuthProviderKind::kGoogle:
      endpoints = Google();
      break;
    case OAuthProviderKind::kCustom:
      endpoints = Custom(settings);
      break;
  }
  if (!endpoints.ok()) return endpoints;
  endpoints->client_id = settings.client_id;
  endpoints->client_secret = settings.client_secret;
  return endpoints;
}

std::string ScopeParameter(const OAuthEndpoints& endpoints) {
  std::string joined;
  for (const std::string& scope : endpoints.scopes) {
    if (!joined.empty()) joined += ' ';
    joined += scope;
  }
  return joined;
}

}  // namespace intaked
