// SPDX-License-Identifier: GPL-3.0-or-later
#include "oauth_control.h"

#include <curl/curl.h>

#include <cctype>
#include <memory>
#include <stdexcept>

#include "auth/authorization_request.h"

namespace intaked::e2e {
namespace {

size_t Collect(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

std::string EncodeForm(const std::vector<std::pair<std::string, std::string>>& form) {
  std::string body;
  for (const auto& [name, value] : form) {
    if (!body.empty()) body += '&';
    body += UrlEscape(name) + "=" + UrlEscape(value);
  }
  return body;
}

// One request with libcurl; `post` null for a GET.
HttpAnswer Request(const std::string& url, const std::string* post) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> c(curl_easy_init(), curl_easy_cleanup);
  if (!c) throw std::runtime_error("curl_easy_init failed");
  HttpAnswer a;
  curl_easy_setopt(c.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(c.get(), CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(c.get(), CURLOPT_WRITEDATA, &a.body);
  curl_easy_setopt(c.get(), CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(c.get(), CURLOPT_NOSIGNAL, 1L);
  if (post) curl_easy_setopt(c.get(), CURLOPT_POSTFIELDS, post->c_str());
  const CURLcode rc = curl_easy_perform(c.get());
  if (rc != CURLE_OK)
    throw std::runtime_error("OAuth test server at " + url + ": " + curl_easy_strerror(rc));
  curl_easy_getinfo(c.get(), CURLINFO_RESPONSE_CODE, &a.status);
  char* location = nullptr;
  curl_easy_getinfo(c.get(), CURLINFO_REDIRECT_URL, &location);
  if (location) a.location = location;
  return a;
}

OAuthCounts CountsFrom(const nlohmann::json& j) {
  OAuthCounts c;
  c.device_grants = j.at("device_grants");
  c.code_grants = j.at("code_grants");
  c.refresh_grants = j.at("refresh_grants");
  c.refused_refreshes = j.at("refused_refreshes");
  c.introspections = j.at("introspections");
  c.active_introspections = j.at("active_introspections");
  return c;
}

}  // namespace

nlohmann::json HttpAnswer::Json() const { return nlohmann::json::parse(body); }

OAuthControl::OAuthControl(int port) : port_(port) {
  if (port <= 0) throw std::runtime_error("no OAUTH_PORT in the mail stack's ports.env");
}

std::string OAuthControl::BaseUrl() const { return "http://127.0.0.1:" + std::to_string(port_); }
std::string OAuthControl::DeviceUrl() const { return BaseUrl() + "/device"; }
std::string OAuthControl::AuthorizeUrl() const { return BaseUrl() + "/authorize"; }
std::string OAuthControl::TokenUrl() const { return BaseUrl() + "/token"; }

HttpAnswer OAuthControl::Post(const std::string& path,
                              const std::vector<std::pair<std::string, std::string>>& form) const {
  const std::string body = EncodeForm(form);
  return Request(BaseUrl() + path, &body);
}

HttpAnswer OAuthControl::Get(const std::string& path_and_query) const {
  return Request(BaseUrl() + path_and_query, nullptr);
}

nlohmann::json OAuthControl::Control(
    const std::string& path, const std::vector<std::pair<std::string, std::string>>& form) const {
  const HttpAnswer a = Post(path, form);
  if (a.status != 200)
    throw std::runtime_error("OAuth test server refused " + path + ": " + a.body);
  return a.Json();
}

void OAuthControl::Approve(const std::string& user_code, const std::string& user) {
  Control("/test/approve", {{"user_code", user_code}, {"user", user}});
}

void OAuthControl::Deny(const std::string& user_code) {
  Control("/test/deny", {{"user_code", user_code}});
}

int OAuthControl::Revoke(const std::string& user) {
  return Control("/test/revoke", {{"user", user}}).at("revoked");
}

int OAuthControl::ExpireAccess(const std::string& user) {
  return Control("/test/expire", {{"user", user}}).at("expired");
}

void OAuthControl::Set(const std::map<std::string, long>& settings) {
  std::vector<std::pair<std::string, std::string>> form;
  for (const auto& [name, value] : settings) form.emplace_back(name, std::to_string(value));
  Control("/test/settings", form);
}

void OAuthControl::ResetSettings() { Control("/test/reset-settings", {}); }

OAuthCounts OAuthControl::Counters(const std::string& user) {
  const HttpAnswer a = Get("/test/counters?user=" + UrlEscape(user));
  if (a.status != 200) throw std::runtime_error("counters: " + a.body);
  return CountsFrom(a.Json());
}

OAuthCounts OAuthControl::Totals() {
  const HttpAnswer a = Get("/test/counters");
  if (a.status != 200) throw std::runtime_error("counters: " + a.body);
  return CountsFrom(a.Json());
}

// intaked's own encoder: the test server keeps a separate one, so the two check each other.
std::string UrlEscape(const std::string& value) { return PercentEncode(value); }

}  // namespace intaked::e2e
