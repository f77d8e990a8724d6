// SPDX-License-Identifier: GPL-3.0-or-later
// AuthorizationState: everything the test authorization server knows, in
// memory - pending device codes (RFC 8628), authorization codes bound to a
// PKCE challenge (RFC 6749 §4.1, RFC 7636), access tokens and rotating refresh
// tokens - and the OAuth endpoints' answers computed from it.
//
// It stands in for Microsoft's or Google's sign-in service in end-to-end
// tests: its answers have the shape a real provider's have (JSON, RFC 6749
// §5.2 error codes), while the tests steer it through the control operations
// (approve or deny a device code, revoke a user's refresh tokens, expire a
// user's access tokens, change lifetimes) and read its counters. Pure apart
// from the clock it is given and the random bytes of new codes and tokens.
// Not thread-safe: the server calls it from one thread.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "form_encoding.h"

namespace oauth_test {

using TimePoint = std::chrono::system_clock::time_point;
using Seconds = std::chrono::seconds;

// What an endpoint answers: a JSON body, or a redirect, or a short text page.
struct Reply {
  int status = 200;
  nlohmann::json json;   // the body when neither location nor text is set
  std::string location;  // a 302's target
  std::string text;      // a plain-text page (the browser endpoints)
  std::string note;      // for the server's log: never a code or a token
};

struct Settings {
  Seconds access_expires_in{3600};  // what token answers put in expires_in
  Seconds access_lifetime{3600};    // how long introspection calls a token active
  Seconds device_code_lifetime{600};
  Seconds poll_interval{1};   // the device grant's interval
  Seconds slow_down_step{5};  // added to a device code's interval at each slow_down (RFC 8628 §3.5)
  Seconds code_lifetime{600};        // authorization codes
  bool deny_authorizations = false;  // /authorize answers access_denied to everyone
};

// One user's counts, for tests that assert how often something happened.
struct Counts {
  int device_grants = 0, code_grants = 0, refresh_grants = 0, refused_refreshes = 0;
  int introspections = 0, active_introspections = 0;
};

class AuthorizationState {
 public:
  using Clock = std::function<TimePoint()>;
  // `base_url` is where the server is reached ("http://127.0.0.1:PORT").
  AuthorizationState(std::string base_url, Settings settings, Clock clock);

  Reply DeviceAuthorization(const Form& request);  // POST /device
  Reply Authorize(const Form& query);              // GET /authorize
  Reply Token(const Form& request);                // POST /token
  Reply Introspect(const Form& request);           // POST /introspect

  // Control operations. False when no pending device code has `user_code`.
  bool ApproveDevice(const std::string& user_code, const std::string& user);
  bool DenyDevice(const std::string& user_code);
  int RevokeRefreshTokens(const std::string& user);  // returns how many were live
  int ExpireAccessTokens(const std::string& user);   // returns how many were live
  Settings& settings() { return settings_; }
  const Settings& initial_settings() const { return initial_settings_; }
  Counts CountsFor(const std::string& user) const;
  Counts Totals() const;
  int unknown_token_introspections() const { return unknown_introspections_; }

 private:
  enum class DeviceState { kPending, kApproved, kDenied, kRedeemed };
  struct DeviceGrant {
    std::string client_id, scope, user_code, user;
    TimePoint expires_at, last_poll;
    Seconds interval;
    DeviceState state = DeviceState::kPending;
  };
  struct CodeGrant {
    std::string client_id, redirect_uri, challenge, scope, user;
    TimePoint expires_at;
    bool redeemed = false;
  };
  struct AccessToken {
    std::string user, client_id, scope;
    TimePoint issued, expires_at;
  };
  struct RefreshToken {
    std::string user, client_id, scope;
    bool live = true;  // false once rotated away or revoked
  };

  Reply DeviceCodeGrant(const Form& request);
  Reply AuthorizationCodeGrant(const Form& request);
  Reply RefreshTokenGrant(const Form& request);
  // Issues an access token and a fresh refresh token: the token endpoint's success answer.
  Reply IssueTokens(const std::string& user, const std::string& client_id,
                    const std::string& scope);
  DeviceGrant* PendingByUserCode(const std::string& user_code);

  std::string base_url_;
  Settings settings_;
  const Settings initial_settings_;
  Clock clock_;
  std::map<std::string, DeviceGrant> devices_;     // by device_code
  std::map<std::string, std::string> user_codes_;  // user_code -> device_code
  std::map<std::string, CodeGrant> codes_;         // by authorization code
  std::map<std::string, AccessToken> access_;      // by access token
  std::map<std::string, RefreshToken> refresh_;    // by refresh token
  std::map<std::string, Counts> counts_;           // by user
  int unknown_introspections_ = 0;
};

// An RFC 6749 §5.2 error answer: 400 {"error": code, "error_description": why}.
Reply OAuthError(const std::string& code, const std::string& why, int status = 400);

// BASE64URL(SHA-256(verifier)) without padding: PKCE's S256 (RFC 7636 §4.2).
std::string S256Challenge(const std::string& verifier);

}  // namespace oauth_test
