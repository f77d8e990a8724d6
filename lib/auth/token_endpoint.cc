// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/token_endpoint.h"

#include "auth/json_fields.h"
#include "base/text.h"

namespace intaked {
namespace {

constexpr size_t kMaxToken = 64 * 1024;
constexpr size_t kMaxErrorCode = 64;

Status Malformed(const std::string& what) {
  return Status::Connection("the identity provider's token endpoint sent a malformed answer (" +
                            what + ")");
}

Result<TokenGrant> ReadGrant(const nlohmann::json& object, Instant now) {
  auto access = VisibleAsciiField(object, "access_token", kMaxToken);
  if (!access.ok()) return Malformed(access.status().message());
  if (!access->has_value()) return Malformed("no access_token");
  auto refresh = VisibleAsciiField(object, "refresh_token", kMaxToken);
  if (!refresh.ok()) return Malformed(refresh.status().message());
  auto lifetime = SecondsField(object, "expires_in", std::chrono::seconds(1), kMaxTokenLifetime);
  if (!lifetime.ok()) return Malformed(lifetime.status().message());
  // RFC 6749 §7.1: a client must not use a token type it does not understand,
  // and SASL XOAUTH2/OAUTHBEARER carry bearer tokens only.
  if (const auto type = object.find("token_type"); type != object.end() && !type->is_null()) {
    if (!type->is_string() || LowerAscii(type->get_ref<const std::string&>()) != "bearer")
      return Malformed("token_type is not Bearer");
  }
  TokenGrant grant;
  grant.access_token = std::move(**access);
  grant.refresh_token = refresh->value_or("");
  grant.expires_at = now + lifetime->value_or(kDefaultTokenLifetime);
  return grant;
}

// RFC 6749 §5.2: {"error": "...", "error_description": "..."}; nullopt when
// the object carries no error code.
std::optional<TokenEndpointReply> ReadError(const nlohmann::json& object) {
  const auto error = object.find("error");
  if (error == object.end() || !error->is_string() || error->get_ref<const std::string&>().empty())
    return std::nullopt;
  TokenEndpointReply reply;
  reply.error = PrintableText(error->get_ref<const std::string&>(), kMaxErrorCode);
  reply.error_description = PrintableField(object, "error_description", kMaxDescription);
  return reply;
}

}  // namespace

std::string TokenEndpointReply::Describe() const {
  return error_description.empty() ? error : error + ": " + error_description;
}

Result<TokenEndpointReply> ReadTokenEndpointAnswer(const HttpResponse& answer, Instant now) {
  const std::string status = "HTTP " + std::to_string(answer.status);
  if (answer.status >= 500)
    return Status::Connection("the identity provider's token endpoint answered " + status);
  const bool ok = answer.status == 200;
  if (!ok && (answer.status < 400 || answer.status >= 500))
    return Status::Connection("the identity provider's token endpoint answered " + status +
                              (answer.status >= 300 && answer.status < 400
                                   ? " (a redirect, which is not followed)"
                                   : ""));
  const std::optional<nlohmann::json> object = ParseJsonObject(answer.body);
  if (!object) return Malformed(status + ", not a JSON object");
  if (ok && !object->contains("access_token")) {
    if (auto reply = ReadError(*object)) return *reply;
  }
  if (ok) {
    Result<TokenGrant> grant = ReadGrant(*object, now);
    if (!grant.ok()) return grant.status();
    TokenEndpointReply reply;
    reply.grant = std::move(grant).value();
    return reply;
  }
  if (auto reply = ReadError(*object)) return *reply;
  return Malformed(status + " without an OAuth error code");
}

Result<TokenEndpointReply> RequestToken(HttpClient& http, const OAuthEndpoints& endpoints,
                                        FormFields fields, Instant now) {
  fields.emplace_back("client_id", endpoints.client_id);
  if (!endpoints.client_secret.empty())
    fields.emplace_back("client_secret", endpoints.client_secret);
  Result<HttpResponse> answer = http.PostForm(endpoints.token_url, fields);
  if (!answer.ok()) return answer.status();
  return ReadTokenEndpointAnswer(*answer, now);
}

Status SignInRefusal(const TokenEndpointReply& reply) {
  const std::string what = "the identity provider refused the sign-in (" + reply.Describe() + ")";
  if (reply.error == "temporarily_unavailable" || reply.error == "server_error")
    return Status::Connection(what);
  return Status::Permanent(what);
}

}  // namespace intaked
