// SPDX-License-Identifier: GPL-3.0-or-later
#include "oauth_routes.h"

#include <charconv>
#include <optional>

namespace oauth_test {
namespace {

Reply NotFound(const std::string& path) {
  return OAuthError("not_found", "no endpoint " + path, 404);
}

Reply JsonReply(nlohmann::json json, std::string note) {
  Reply r;
  r.json = std::move(json);
  r.note = std::move(note);
  return r;
}

// A POST's form: the body must be application/x-www-form-urlencoded (RFC 6749 §3.2).
std::optional<Form> BodyForm(const HttpRequest& request) {
  const std::string& type = request.content_type;
  const std::string kForm = "application/x-www-form-urlencoded";
  if (type.compare(0, kForm.size(), kForm) != 0) return std::nullopt;
  return ParseForm(request.body);
}

std::optional<long> Number(const std::string& text) {
  long v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < 0) return std::nullopt;
  return v;
}

nlohmann::json SettingsJson(const Settings& s) {
  return {{"access_expires_in", s.access_expires_in.count()},
          {"access_lifetime", s.access_lifetime.count()},
          {"device_code_lifetime", s.device_code_lifetime.count()},
          {"interval", s.poll_interval.count()},
          {"slow_down_step", s.slow_down_step.count()},
          {"code_lifetime", s.code_lifetime.count()},
          {"deny_authorizations", s.deny_authorizations}};
}

// Applies every setting named in `form`; an unknown name or a bad number changes nothing.
Reply ChangeSettings(Settings& settings, const Form& form) {
  Settings next = settings;
  const std::map<std::string, Seconds*> durations = {
      {"access_expires_in", &next.access_expires_in},
      {"access_lifetime", &next.access_lifetime},
      {"device_code_lifetime", &next.device_code_lifetime},
      {"interval", &next.poll_interval},
      {"slow_down_step", &next.slow_down_step},
      {"code_lifetime", &next.code_lifetime}};
  for (const auto& [name, value] : form) {
    const std::optional<long> n = Number(value);
    if (name == "deny_authorizations" && n && *n <= 1) {
      next.deny_authorizations = *n == 1;
    } else if (durations.count(name) && n) {
      *durations.at(name) = Seconds(*n);
    } else {
      return OAuthError("invalid_request", "bad setting " + name + "=" + value);
    }
  }
  settings = next;
  return JsonReply(SettingsJson(settings), "settings changed");
}

nlohmann::json CountsJson(const Counts& c) {
  return {{"device_grants", c.device_grants},   {"code_grants", c.code_grants},
          {"refresh_grants", c.refresh_grants}, {"refused_refreshes", c.refused_refreshes},
          {"introspections", c.introspections}, {"active_introspections", c.active_introspections}};
}

Reply Counters(const AuthorizationState& state, const Form& query) {
  const std::string user = Field(query, "user");
  if (user.empty()) return JsonReply(CountsJson(state.Totals()), "totals");
  nlohmann::json j = CountsJson(state.CountsFor(user));
  j["user"] = user;
  return JsonReply(std::move(j), "counts of " + user);
}

Reply Control(AuthorizationState& state, const std::string& path, const Form& form) {
  const std::string user = Field(form, "user"), user_code = Field(form, "user_code");
  if (path == "/test/approve") {
    if (!state.ApproveDevice(user_code, user))
      return OAuthError("not_found", "no pending device code '" + user_code + "' (or no user)",
                        404);
    return JsonReply({{"approved", user_code}, {"user", user}}, "approved " + user_code);
  }
  if (path == "/test/deny") {
    if (!state.DenyDevice(user_code))
      return OAuthError("not_found", "no pending device code '" + user_code + "'", 404);
    return JsonReply({{"denied", user_code}}, "denied " + user_code);
  }
  if ((path == "/test/revoke" || path == "/test/expire") && user.empty())
    return OAuthError("invalid_request", "user is missing");
  if (path == "/test/revoke")
    return JsonReply({{"revoked", state.RevokeRefreshTokens(user)}}, "revoked " + user);
  if (path == "/test/expire")
    return JsonReply({{"expired", state.ExpireAccessTokens(user)}}, "expired " + user);
  if (path == "/test/settings") return ChangeSettings(state.settings(), form);
  if (path == "/test/reset-settings") {
    state.settings() = state.initial_settings();
    return JsonReply(SettingsJson(state.settings()), "settings reset");
  }
  return NotFound(path);
}

Reply VerifyPage(const Form& query) {
  Reply r;
  r.text = "Enter the code shown on your device" +
           (query.count("user_code") ? ": " + Field(query, "user_code") : std::string()) +
           ".\n(The test server is signed in by POST /test/approve.)\n";
  r.note = "verification page";
  return r;
}

}  // namespace

Reply Route(AuthorizationState& state, const HttpRequest& request) {
  const Target target = SplitTarget(request.target);
  const std::string& path = target.path;
  if (request.method == "GET") {
    const std::optional<Form> query = ParseForm(target.query);
    if (!query) return OAuthError("invalid_request", "the query does not parse");
    if (path == "/authorize") return state.Authorize(*query);
    if (path == "/verify") return VerifyPage(*query);
    if (path == "/test/counters") return Counters(state, *query);
    return NotFound(path);
  }
  if (request.method != "POST") return OAuthError("invalid_request", "method not allowed", 405);
  const std::optional<Form> form = BodyForm(request);
  if (!form)
    return OAuthError("invalid_request",
                      "the body must be application/x-www-form-urlencoded, each name once");
  if (path == "/device") return state.DeviceAuthorization(*form);
  if (path == "/token") return state.Token(*form);
  if (path == "/introspect") return state.Introspect(*form);
  if (path.compare(0, 6, "/test/") == 0) return Control(state, path, *form);
  return NotFound(path);
}

}  // namespace oauth_test
