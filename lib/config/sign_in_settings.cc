// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/sign_in_settings.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "auth/oauth_endpoints.h"

namespace intaked {
namespace {

bool AnyOAuth2(const Config& c) {
  if (c.intake_mailbox.auth == AuthMethod::kOAuth2 || c.smtp_auth == AuthMethod::kOAuth2)
    return true;
  for (const CoChairSettings& cc : c.co_chairs) {
    if (cc.mailbox && cc.mailbox->auth == AuthMethod::kOAuth2) return true;
  }
  return false;
}

}  // namespace

std::string ReadSecretFile(TomlSection& s, const std::string& key, const std::string& base) {
  const std::string file = s.Path(key, false, base);
  if (!s.ok() || file.empty()) return "";
  struct stat st {};
  if (stat(file.c_str(), &st) != 0) {
    s.Fail(key, "cannot read \"" + file + "\": " + std::strerror(errno));
    return "";
  }
  if (st.st_mode & (S_IRWXG | S_IRWXO)) {
    s.Fail(key, "\"" + file + "\" is readable by others; run: chmod 600 " + file);
    return "";
  }
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) {
    s.Fail(key, "cannot read \"" + file + "\"");
    return "";
  }
  std::string secret = text.str();
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  return secret;
}

void ReadAccountSecrets(TomlSection& s, const std::string& base, bool needs_secret,
                        AccountSecrets out, bool* inline_used) {
  const std::string auth = s.StringOr("auth", "password");
  if (auth == "oauth2") {
    *out.auth = AuthMethod::kOAuth2;
  } else if (auth != "password") {
    if (s.ok()) s.Fail("auth", "must be \"password\" or \"oauth2\", not \"" + auth + "\"");
    return;
  }
  int sources = 0;
  for (const char* key : {"password", "password_file", "password_command"}) {
    if (!s.Has(key)) continue;
    ++sources;
    if (*out.auth == AuthMethod::kOAuth2 && s.ok())
      s.Fail(key,
             "an account with auth = \"oauth2\" signs in with a token from `intaked login`, not "
             "a password; remove this key");
    if (sources > 1 && s.ok())
      s.Fail(key, "give one of password, password_file and password_command, not several");
  }
  if (!s.ok() || *out.auth == AuthMethod::kOAuth2) return;
  *out.password = s.String("password", false);
  if (!out.password->empty()) *inline_used = true;
  if (s.Has("password_file")) *out.password = ReadSecretFile(s, "password_file", base);
  *out.password_command = s.String("password_command", false);
  if (s.ok() && s.Has("password_command") && out.password_command->empty())
    s.Fail("password_command", "must not be empty");
  if (s.ok() && needs_secret && out.password->empty() && out.password_command->empty())
    s.Fail("password_file", "this account needs `password_file`, `password_command` or `password`");
}

void ReadOAuth(TomlSection root, const std::string& base, Config& c) {
  const bool wanted = AnyOAuth2(c);
  if (!root.ok()) return;
  if (!root.Has("oauth")) {
    if (wanted)
      root.Fail("oauth",
                "an account has auth = \"oauth2\": add an [oauth] table naming the provider and "
                "client_id");
    return;
  }
  TomlSection s = root.Table("oauth", true);
  OAuthSettings o;
  const std::string provider = s.String("provider", true);
  if (provider == "microsoft") {
    o.provider = OAuthProviderKind::kMicrosoft;
  } else if (provider == "google") {
    o.provider = OAuthProviderKind::kGoogle;
  } else if (s.ok()) {
    if (provider == "custom")
      o.provider = OAuthProviderKind::kCustom;
    else
      s.Fail("provider",
             "must be \"microsoft\", \"google\" or \"custom\", not \"" + provider + "\"");
  }
  o.client_id = s.String("client_id", true);
  if (s.ok() && o.client_id.empty()) s.Fail("client_id", "must not be empty");
  o.tenant = s.StringOr("tenant", o.tenant);
  o.client_secret = ReadSecretFile(s, "client_secret_file", base);
  o.device_authorization_url = s.String("device_authorization_url", false);
  o.authorization_url = s.String("authorization_url", false);
  o.token_url = s.String("token_url", false);
  o.scopes = s.StringArray("scopes");
  s.RejectUnknown();
  if (!s.ok()) return;
  if (auto endpoints = OAuthEndpointsFor(o); !endpoints.ok()) {
    // OAuthEndpointsFor names the key as "oauth.KEY: why"; the section adds file and line.
    const std::string why = endpoints.status().message();
    const size_t colon = why.find(": ");
    const bool keyed = why.rfind("oauth.", 0) == 0 && colon != std::string::npos;
    s.Fail(keyed ? why.substr(6, colon - 6) : "provider", keyed ? why.substr(colon + 2) : why);
    return;
  }
  c.oauth = std::move(o);
}

}  // namespace intaked
