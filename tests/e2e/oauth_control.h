// SPDX-License-Identifier: GPL-3.0-or-later
// OAuthControl: the end-to-end tests' handle on the stack's OAuth 2.0 test
// authorization server (tests/oauth_server, started by scripts/mailstack on
// OAUTH_PORT). Tests play the person at the provider's sign-in page (approve or
// deny a device code), play the provider's admin (revoke a user's refresh
// tokens, expire their access tokens, change token lifetimes), and read how
// often intaked came back (counters). Plain HTTP on 127.0.0.1 via libcurl;
// every call throws std::runtime_error when the server does not answer as
// expected, so a test fails at the line that asked.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace intaked::e2e {

// One HTTP answer: status, body, and the Location of a redirect.
struct HttpAnswer {
  long status = 0;
  std::string body;
  std::string location;
  nlohmann::json Json() const;  // the body parsed; throws when it is not JSON
};

// One user's counts (or the totals), as GET /test/counters gives them.
struct OAuthCounts {
  int device_grants = 0, code_grants = 0, refresh_grants = 0, refused_refreshes = 0;
  int introspections = 0, active_introspections = 0;
};

class OAuthControl {
 public:
  explicit OAuthControl(int port);

  // Where the provider's endpoints are, for an [oauth] custom provider's config.
  std::string BaseUrl() const;       // "http://127.0.0.1:PORT"
  std::string DeviceUrl() const;     // RFC 8628 device authorization
  std::string AuthorizeUrl() const;  // RFC 6749 §4.1 (+ PKCE)
  std::string TokenUrl() const;

  // The person signs in as `user` for the pending device code `user_code` (or declines).
  void Approve(const std::string& user_code, const std::string& user);
  void Deny(const std::string& user_code);
  // Every live refresh token of `user` stops working; returns how many there were.
  int Revoke(const std::string& user);
  // Every access token of `user` expires now; returns how many were live.
  int ExpireAccess(const std::string& user);
  // Changes server settings by name: access_expires_in (what token answers say),
  // access_lifetime (what introspection enforces), device_code_lifetime,
  // interval, slow_down_step, code_lifetime (seconds), deny_authorizations (0|1).
  void Set(const std::map<std::string, long>& settings);
  void ResetSettings();  // back to how the server started
  OAuthCounts Counters(const std::string& user);
  OAuthCounts Totals();

  // Raw requests, for tests that act as an OAuth client themselves.
  HttpAnswer Post(const std::string& path,
                  const std::vector<std::pair<std::string, std::string>>& form) const;
  HttpAnswer Get(const std::string& path_and_query) const;  // redirects are not followed

 private:
  nlohmann::json Control(const std::string& path,
                         const std::vector<std::pair<std::string, std::string>>& form) const;
  int port_;
};

// `value` %-encoded for a URL query or a form.
std::string UrlEscape(const std::string& value);

}  // namespace intaked::e2e
