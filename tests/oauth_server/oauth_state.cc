// SPDX-License-Identifier: GPL-3.0-or-later
#include "oauth_state.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <stdexcept>

namespace oauth_test {
namespace {

constexpr char kDeviceGrantType[] = "urn:ietf:params:oauth:grant-type:device_code";
// A client that sleeps `interval` between polls may still arrive a little early.
constexpr auto kPollTolerance = std::chrono::milliseconds(200);
// Unauthenticated requests create state: bound it.
constexpr size_t kMaxPendingGrants = 10000;

std::string Base64Url(const unsigned char* data, size_t n) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  size_t i = 0;
  for (; i + 2 < n; i += 3) {
    const unsigned v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    for (int s = 18; s >= 0; s -= 6) out += kAlphabet[(v >> s) & 63];
  }
  if (n - i == 1) {
    const unsigned v = data[i] << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
  } else if (n - i == 2) {
    const unsigned v = (data[i] << 16) | (data[i + 1] << 8);
    for (int s = 18; s >= 6; s -= 6) out += kAlphabet[(v >> s) & 63];
  }
  return out;
}

std::string RandomToken(size_t bytes = 32) {
  unsigned char buf[64];
  if (bytes > sizeof buf || RAND_bytes(buf, int(bytes)) != 1)
    throw std::runtime_error("RAND_bytes failed");
  return Base64Url(buf, bytes);
}

// Eight letters without vowels or look-alikes, shown as "BCDF-GHJK" (RFC 8628 §6.1).
std::string RandomUserCode() {
  static const char kLetters[] = "BCDFGHJKLMNPQRSTVWXZ";
  unsigned char buf[8];
  if (RAND_bytes(buf, sizeof buf) != 1) throw std::runtime_error("RAND_bytes failed");
  std::string code;
  for (int i = 0; i < 8; ++i) {
    if (i == 4) code += '-';
    code += kLetters[buf[i] % 20];
  }
  return code;
}

// Upper case, without the dash or spaces people type.
std::string NormalUserCode(const std::string& code) {
  std::string out;
  for (char c : code) {
    if (c == '-' || c == ' ') continue;
    out += char(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

// RFC 8252 §7.3: a native app's redirect goes to a loopback listener over http.
bool IsLoopbackRedirect(const std::string& uri) {
  for (char c : uri) {
    if (c <= 0x20 || c >= 0x7f) return false;  // it goes into a Location header
  }
  for (const char* prefix : {"http://127.0.0.1", "http://localhost", "http://[::1]"}) {
    const std::string p(prefix);
    if (uri.compare(0, p.size(), p) != 0) continue;
    if (uri.size() == p.size() || uri[p.size()] == ':' || uri[p.size()] == '/') return true;
  }
  return false;
}

// RFC 7636 §4.1: 43-128 characters of [A-Za-z0-9-._~].
bool IsVerifier(const std::string& v) {
  if (v.size() < 43 || v.size() > 128) return false;
  for (char c : v) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '.' || c == '_' || c == '~';
    if (!ok) return false;
  }
  return true;
}

std::string WithQuery(const std::string& uri, const std::string& query) {
  return uri + (uri.find('?') == std::string::npos ? "?" : "&") + query;
}

Reply Redirect(const std::string& uri, const std::string& query, const std::string& state,
               const std::string& note) {
  std::string q = query;
  if (!state.empty()) q += "&state=" + FormEscape(state);
  Reply r;
  r.status = 302;
  r.location = WithQuery(uri, q);
  r.note = note;
  return r;
}

Reply Page(int status, const std::string& text) {
  Reply r;
  r.status = status;
  r.text = text + "\n";
  r.note = text;
  return r;
}

int64_t UnixSeconds(TimePoint t) {
  return std::chrono::duration_cast<Seconds>(t.time_since_epoch()).count();
}

}  // namespace

Reply OAuthError(const std::string& code, const std::string& why, int status) {
  Reply r;
  r.status = status;
  r.json = {{"error", code}, {"error_description", why}};
  r.note = code + ": " + why;
  return r;
}

std::string S256Challenge(const std::string& verifier) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (EVP_Digest(verifier.data(), verifier.size(), digest, &n, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 failed");
  return Base64Url(digest, n);
}

AuthorizationState::AuthorizationState(std::string base_url, Settings settings, Clock clock)
    : base_url_(std::move(base_url)),
      settings_(settings),
      initial_settings_(settings),
      clock_(std::move(clock)) {}

Reply AuthorizationState::DeviceAuthorization(const Form& request) {
  const std::string client_id = Field(request, "client_id");
  if (client_id.empty()) return OAuthError("invalid_request", "client_id is missing");
  if (devices_.size() >= kMaxPendingGrants)
    return OAuthError("temporarily_unavailable", "too many pending device codes", 503);
  const std::string device_code = RandomToken();
  DeviceGrant g;
  g.client_id = client_id;
  g.scope = Field(request, "scope");
  g.user_code = RandomUserCode();
  g.expires_at = clock_() + settings_.device_code_lifetime;
  g.interval = settings_.poll_interval;
  user_codes_[NormalUserCode(g.user_code)] = device_code;
  const std::string verify = base_url_ + "/verify";
  Reply r;
  r.json = {{"device_code", device_code},
            {"user_code", g.user_code},
            {"verification_uri", verify},
            {"verification_uri_complete", verify + "?user_code=" + g.user_code},
            {"expires_in", settings_.device_code_lifetime.count()},
            {"interval", settings_.poll_interval.count()},
            {"message", "To sign in, open " + verify + " and enter the code " + g.user_code + "."}};
  r.note = "user_code " + g.user_code + " for client " + client_id;
  devices_.emplace(device_code, std::move(g));
  return r;
}

Reply AuthorizationState::Authorize(const Form& q) {
  const std::string client_id = Field(q, "client_id"), redirect = Field(q, "redirect_uri");
  const std::string state = Field(q, "state");
  // Without a client or a redirect URI worth trusting, nothing may be redirected (§4.1.2.1).
  if (client_id.empty()) return Page(400, "client_id is missing");
  if (!IsLoopbackRedirect(redirect))
    return Page(400, "redirect_uri must be http:// to a loopback address, not '" + redirect + "'");
  if (Field(q, "response_type") != "code")
    return Redirect(redirect, "error=unsupported_response_type", state, "not response_type=code");
  if (Field(q, "code_challenge").empty() || Field(q, "code_challenge_method") != "S256")
    return Redirect(redirect, "error=invalid_request&error_description=PKCE+S256+required", state,
                    "no S256 code_challenge");
  std::string user = Field(q, "user");
  if (user.empty()) user = Field(q, "login_hint");
  if (user.empty()) return Page(400, "no user: add login_hint= (or user=) to sign in as");
  if (settings_.deny_authorizations || Field(q, "deny") == "1")
    return Redirect(redirect, "error=access_denied&error_description=the+user+declined", state,
                    "denied " + user);
  if (codes_.size() >= kMaxPendingGrants)
    return Redirect(redirect, "error=temporarily_unavailable", state, "too many codes");
  const std::string code = RandomToken();
  codes_[code] = {client_id,         redirect, Field(q, "code_challenge"),
                  Field(q, "scope"), user,     clock_() + settings_.code_lifetime};
  return Redirect(redirect, "code=" + FormEscape(code), state, "code for " + user);
}

Reply AuthorizationState::Token(const Form& request) {
  const std::string grant_type = Field(request, "grant_type");
  if (grant_type.empty()) return OAuthError("invalid_request", "grant_type is missing");
  if (Field(request, "client_id").empty())
    return OAuthError("invalid_request", "client_id is missing");
  if (grant_type == kDeviceGrantType) return DeviceCodeGrant(request);
  if (grant_type == "authorization_code") return AuthorizationCodeGrant(request);
  if (grant_type == "refresh_token") return RefreshTokenGrant(request);
  return OAuthError("unsupported_grant_type", "grant_type '" + grant_type + "' is not supported");
}

Reply AuthorizationState::DeviceCodeGrant(const Form& request) {
  const auto it = devices_.find(Field(request, "device_code"));
  if (it == devices_.end()) return OAuthError("invalid_grant", "unknown device_code");
  DeviceGrant& g = it->second;
  if (g.client_id != Field(request, "client_id"))
    return OAuthError("invalid_grant", "device_code was issued to another client");
  if (g.state == DeviceState::kRedeemed)
    return OAuthError("invalid_grant", "device_code was already redeemed");
  const TimePoint now = clock_();
  if (now >= g.expires_at) return OAuthError("expired_token", "device_code has expired");
  const bool too_fast =
      g.last_poll != TimePoint() && now - g.last_poll + kPollTolerance < g.interval;
  g.last_poll = now;
  if (too_fast) {
    g.interval += settings_.slow_down_step;
    return OAuthError("slow_down", "polled faster than the interval; it is now " +
                                       std::to_string(g.interval.count()) + " s");
  }
  if (g.state == DeviceState::kDenied) return OAuthError("access_denied", "the user declined");
  if (g.state == DeviceState::kPending)
    return OAuthError("authorization_pending", "the user has not yet signed in");
  g.state = DeviceState::kRedeemed;
  ++counts_[g.user].device_grants;
  return IssueTokens(g.user, g.client_id, g.scope);
}

Reply AuthorizationState::AuthorizationCodeGrant(const Form& request) {
  const auto it = codes_.find(Field(request, "code"));
  if (it == codes_.end()) return OAuthError("invalid_grant", "unknown authorization code");
  CodeGrant& g = it->second;
  if (g.redeemed) return OAuthError("invalid_grant", "authorization code was already redeemed");
  if (clock_() >= g.expires_at) return OAuthError("invalid_grant", "authorization code expired");
  if (g.client_id != Field(request, "client_id"))
    return OAuthError("invalid_grant", "authorization code was issued to another client");
  if (g.redirect_uri != Field(request, "redirect_uri"))
    return OAuthError("invalid_grant", "redirect_uri differs from the authorization request's");
  const std::string verifier = Field(request, "code_verifier");
  if (!IsVerifier(verifier)) return OAuthError("invalid_grant", "code_verifier is malformed");
  if (S256Challenge(verifier) != g.challenge)
    return OAuthError("invalid_grant", "code_verifier does not match the code_challenge");
  g.redeemed = true;
  ++counts_[g.user].code_grants;
  return IssueTokens(g.user, g.client_id, g.scope);
}

Reply AuthorizationState::RefreshTokenGrant(const Form& request) {
  const auto it = refresh_.find(Field(request, "refresh_token"));
  if (it == refresh_.end()) return OAuthError("invalid_grant", "unknown refresh token");
  RefreshToken& t = it->second;
  if (!t.live || t.client_id != Field(request, "client_id")) {
    ++counts_[t.user].refused_refreshes;
    return OAuthError("invalid_grant", t.live ? "refresh token was issued to another client"
                                              : "refresh token was rotated away or revoked");
  }
  t.live = false;  // rotation: each refresh token works once
  ++counts_[t.user].refresh_grants;
  const RefreshToken old = t;
  return IssueTokens(old.user, old.client_id, old.scope);
}

Reply AuthorizationState::IssueTokens(const std::string& user, const std::string& client_id,
                                      const std::string& scope) {
  const std::string access = RandomToken(), refresh = RandomToken();
  const TimePoint now = clock_();
  access_[access] = {user, client_id, scope, now, now + settings_.access_lifetime};
  refresh_[refresh] = {user, client_id, scope, true};
  Reply r;
  r.json = {{"token_type", "Bearer"},
            {"scope", scope},
            {"expires_in", settings_.access_expires_in.count()},
            {"access_token", access},
            {"refresh_token", refresh}};
  r.note = "tokens for " + user;
  return r;
}

Reply AuthorizationState::Introspect(const Form& request) {
  Reply r;
  const auto it = access_.find(Field(request, "token"));
  if (it == access_.end()) {
    ++unknown_introspections_;
    r.json = {{"active", false}};
    r.note = "unknown token";
    return r;
  }
  const AccessToken& t = it->second;
  Counts& c = counts_[t.user];
  ++c.introspections;
  if (clock_() >= t.expires_at) {
    r.json = {{"active", false}};
    r.note = "expired token of " + t.user;
    return r;
  }
  ++c.active_introspections;
  r.json = {{"active", true},
            {"username", t.user},
            {"sub", t.user},
            {"scope", t.scope},
            {"client_id", t.client_id},
            {"token_type", "Bearer"},
            {"iat", UnixSeconds(t.issued)},
            {"exp", UnixSeconds(t.expires_at)}};
  r.note = "active token of " + t.user;
  return r;
}

AuthorizationState::DeviceGrant* AuthorizationState::PendingByUserCode(
    const std::string& user_code) {
  const auto code = user_codes_.find(NormalUserCode(user_code));
  if (code == user_codes_.end()) return nullptr;
  const auto it = devices_.find(code->second);
  if (it == devices_.end() || it->second.state != DeviceState::kPending) return nullptr;
  if (clock_() >= it->second.expires_at) return nullptr;
  return &it->second;
}

bool AuthorizationState::ApproveDevice(const std::string& user_code, const std::string& user) {
  DeviceGrant* g = PendingByUserCode(user_code);
  if (!g || user.empty()) return false;
  g->state = DeviceState::kApproved;
  g->user = user;
  return true;
}

bool AuthorizationState::DenyDevice(const std::string& user_code) {
  DeviceGrant* g = PendingByUserCode(user_code);
  if (!g) return false;
  g->state = DeviceState::kDenied;
  return true;
}

int AuthorizationState::RevokeRefreshTokens(const std::string& user) {
  int n = 0;
  for (auto& [token, t] : refresh_) {
    if (t.user != user || !t.live) continue;
    t.live = false;
    ++n;
  }
  return n;
}

int AuthorizationState::ExpireAccessTokens(const std::string& user) {
  const TimePoint now = clock_();
  int n = 0;
  for (auto& [token, t] : access_) {
    if (t.user != user || t.expires_at <= now) continue;
    t.expires_at = now;
    ++n;
  }
  return n;
}

Counts AuthorizationState::CountsFor(const std::string& user) const {
  const auto it = counts_.find(user);
  return it == counts_.end() ? Counts{} : it->second;
}

Counts AuthorizationState::Totals() const {
  Counts sum;
  for (const auto& [user, c] : counts_) {
    sum.device_grants += c.device_grants;
    sum.code_grants += c.code_grants;
    sum.refresh_grants += c.refresh_grants;
    sum.refused_refreshes += c.refused_refreshes;
    sum.introspections += c.introspections;
    sum.active_introspections += c.active_introspections;
  }
  sum.introspections += unknown_introspections_;
  return sum;
}

}  // namespace oauth_test
