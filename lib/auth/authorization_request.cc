// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/authorization_request.h"

#include <openssl/sha.h>

#include <cctype>
#include <set>

#include "auth/json_fields.h"
#include "base/text.h"

namespace intaked {
namespace {

constexpr size_t kMaxCode = 4096;
constexpr size_t kMaxPrintable = 200;

bool Unreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> FormDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] != '%') {
      out += text[i];
    } else {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = HexValue(text[i + 1]), low = HexValue(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out += static_cast<char>(high * 16 + low);
      i += 2;
    }
  }
  return out;
}

bool VisibleAscii(std::string_view s) {
  for (const char ch : s) {
    if (static_cast<unsigned char>(ch) < 0x21 || static_cast<unsigned char>(ch) > 0x7e)
      return false;
  }
  return true;
}

// The query part of a URL, a request target or a bare query, without any fragment.
std::string_view QueryOf(std::string_view url) {
  url = url.substr(0, url.find('#'));
  const size_t question = url.find('?');
  return question == std::string_view::npos ? url : url.substr(question + 1);
}

}  // namespace

bool IsValidCodeVerifier(std::string_view verifier) {
  if (verifier.size() < 43 || verifier.size() > 128) return false;
  for (const char c : verifier) {
    if (!Unreserved(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string Base64UrlNoPadding(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const unsigned n = static_cast<unsigned char>(bytes[i]) << 16 |
                       static_cast<unsigned char>(bytes[i + 1]) << 8 |
                       static_cast<unsigned char>(bytes[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out += kAlphabet[(n >> shift) & 63];
  }
  const size_t rest = bytes.size() - i;
  if (rest > 0) {
    unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    if (rest == 2) out += kAlphabet[(n >> 6) & 63];
  }
  return out;
}

std::string S256CodeChallenge(std::string_view verifier) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(verifier.data()), verifier.size(), digest);
  return Base64UrlNoPadding(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (Unreserved(c)) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::optional<std::vector<std::pair<std::string, std::string>>> ParseQuery(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> pairs;
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view item = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (item.empty()) continue;
    const size_t eq = item.find('=');
    auto name = FormDecode(item.substr(0, eq));
    auto value =
        FormDecode(eq == std::string_view::npos ? std::string_view() : item.substr(eq + 1));
    if (!name || !value) return std::nullopt;
    pairs.emplace_back(std::move(*name), std::move(*value));
  }
  return pairs;
}

std::string AuthorizationUrl(const OAuthEndpoints& endpoints, const AuthorizationRequest& request) {
  std::vector<std::pair<std::string, std::string>> parameters = {
      {"response_type", "code"},
      {"client_id", endpoints.client_id},
      {"redirect_uri", request.redirect_uri},
      {"scope", ScopeParameter(endpoints)},
      {"state", request.state},
      {"code_challenge", request.code_challenge},
      {"code_challenge_method", "S256"}};
  if (endpoints.scopes.empty()) parameters.erase(parameters.begin() + 3);
  if (!request.login_hint.empty()) parameters.emplace_back("login_hint", request.login_hint);
  for (const auto& extra : endpoints.extra_authorization_parameters) parameters.push_back(extra);
  std::string url = endpoints.authorization_url;
  char separator = url.find('?') == std::string::npos ? '?' : '&';
  for (const auto& [name, value] : parameters) {
    url += separator;
    url += PercentEncode(name) + '=' + PercentEncode(value);
    separator = '&';
  }
  return url;
}

Result<AuthorizationResponse> ReadAuthorizationResponse(std::string_view url) {
  const std::string trimmed = Trim(url);
  const auto pairs = ParseQuery(QueryOf(trimmed));
  if (!pairs) return Status::InvalidInput("the address has a malformed %-escape");
  AuthorizationResponse response;
  std::set<std::string> seen;
  for (const auto& [name, value] : *pairs) {
    if (name != "code" && name != "state" && name != "error" && name != "error_description")
      continue;
    if (!seen.insert(name).second)
      return Status::InvalidInput("the address names " + name + " twice");
    if (name == "code") response.code = value;
    if (name == "state") response.state = value;
    if (name == "error") response.error = PrintableText(value, kMaxPrintable);
    if (name == "error_description")
      response.error_description = PrintableText(value, kMaxPrintable);
  }
  if (!seen.count("state") || (!seen.count("code") && !seen.count("error")))
    return Status::InvalidInput(
        "that is not the address the sign-in ended on (it has no state, or neither a code nor an "
        "error)");
  if (!response.error.empty()) {
    response.code.clear();
    return response;
  }
  if (response.code.empty() || response.code.size() > kMaxCode || !VisibleAscii(response.code))
    return Status::InvalidInput("the address's code is empty, too long or not plain text");
  return response;
}

}  // namespace intaked
