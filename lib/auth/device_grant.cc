// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/device_grant.h"

#include <ostream>
#include <thread>

#include "auth/json_fields.h"
#include "auth/token_endpoint.h"

namespace intaked {
namespace {

using std::chrono::seconds;

constexpr char kDeviceCodeGrant[] = "urn:ietf:params:oauth:grant-type:device_code";
constexpr seconds kDefaultInterval{5};
constexpr seconds kSlowDownStep{5};
constexpr seconds kDefaultCodeLifetime{900};

// RFC 8628 §3.2: what the device authorization endpoint answers.
struct DeviceAuthorization {
  std::string device_code;
  std::string user_code;
  std::string verification_uri;
  std::string verification_uri_complete;  // may be empty
  seconds expires_in = kDefaultCodeLifetime;
  seconds interval = kDefaultInterval;
};

Status Malformed(const std::string& what) {
  return Status::Connection(
      "the identity provider's device authorization endpoint sent a malformed answer (" + what +
      ")");
}

Result<std::string> RequiredText(const nlohmann::json& object, const char* name, size_t max) {
  auto field = VisibleAsciiField(object, name, max);
  if (!field.ok()) return Malformed(field.status().message());
  if (!field->has_value()) return Malformed(std::string("no ") + name);
  return std::move(**field);
}

// verification_uri is RFC 8628's name; Google's device endpoint says verification_url.
Result<std::string> VerificationUri(const nlohmann::json& object) {
  const char* name = object.contains("verification_uri") ? "verification_uri" : "verification_url";
  Result<std::string> uri = RequiredText(object, name, 2048);
  if (uri.ok() && !UrlPolicyProblem(*uri).empty())
    return Malformed(std::string(name) + " is not an https:// address");
  return uri;
}

Result<DeviceAuthorization> ReadDeviceAuthorization(const nlohmann::json& object) {
  DeviceAuthorization d;
  Result<std::string> device_code = RequiredText(object, "device_code", 4096);
  if (!device_code.ok()) return device_code.status();
  Result<std::string> user_code = RequiredText(object, "user_code", 64);
  if (!user_code.ok()) return user_code.status();
  Result<std::string> uri = VerificationUri(object);
  if (!uri.ok()) return uri.status();
  d.device_code = *device_code;
  d.user_code = *user_code;
  d.verification_uri = *uri;
  auto complete = VisibleAsciiField(object, "verification_uri_complete", 2048);
  if (!complete.ok()) return Malformed(complete.status().message());
  if (complete->has_value() && UrlPolicyProblem(**complete).empty())
    d.verification_uri_complete = **complete;
  auto expires = SecondsField(object, "expires_in", seconds(1), seconds(24 * 3600));
  if (!expires.ok()) return Malformed(expires.status().message());
  d.expires_in = expires->value_or(kDefaultCodeLifetime);
  auto interval = SecondsField(object, "interval", seconds(0), seconds(3600));
  if (!interval.ok()) return Malformed(interval.status().message());
  if (interval->has_value() && **interval > seconds(0)) d.interval = **interval;
  return d;
}

Result<DeviceAuthorization> StartDeviceAuthorization(HttpClient& http,
                                                     const OAuthEndpoints& endpoints) {
  FormFields fields = {{"client_id", endpoints.client_id}};
  if (!endpoints.scopes.empty()) fields.emplace_back("scope", ScopeParameter(endpoints));
  if (!endpoints.client_secret.empty())
    fields.emplace_back("client_secret", endpoints.client_secret);
  Result<HttpResponse> answer = http.PostForm(endpoints.device_authorization_url, fields);
  if (!answer.ok()) return answer.status();
  const std::string status = "HTTP " + std::to_string(answer->status);
  const std::optional<nlohmann::json> object = ParseJsonObject(answer->body);
  if (answer->status >= 400 && answer->status < 500 && object && object->contains("error")) {
    // The request itself was refused: the client id, its secret or the scopes.
    TokenEndpointReply refusal;
    refusal.error = PrintableField(*object, "error", 64);
    refusal.error_description = PrintableField(*object, "error_description", kMaxDescription);
    return Status::Permanent("the identity provider refused to start a sign-in (" +
                             refusal.Describe() + "): check [oauth] client_id and scopes");
  }
  if (answer->status != 200)
    return Status::Connection("the identity provider's device authorization endpoint answered " +
                              status);
  if (!object) return Malformed("not a JSON object");
  return ReadDeviceAuthorization(*object);
}

void Tell(SignInTerminal& terminal, const DeviceAuthorization& d) {
  std::ostream& out = terminal.out;
  out << "To sign in" << (terminal.login_hint.empty() ? "" : " " + terminal.login_hint)
      << ", open this address in a browser on any device, enter the code, and sign in as that "
         "mailbox (for a shared mailbox, as a person allowed to open it):\n";
  out << "URL: " << d.verification_uri << "\n";
  out << "Code: " << d.user_code << "\n";
  if (!d.verification_uri_complete.empty())
    out << "Link with the code: " << d.verification_uri_complete << "\n";
  const long minutes = (d.expires_in.count() + 59) / 60;
  out << "Waiting for the sign-in (the code expires in " << minutes
      << (minutes == 1 ? " minute" : " minutes") << ")..." << std::endl;
}

}  // namespace

Result<TokenGrant> SignInWithDeviceCode(HttpClient& http, const OAuthEndpoints& endpoints,
                                        SignInTerminal& terminal, const Clock& clock) {
  Result<DeviceAuthorization> started = StartDeviceAuthorization(http, endpoints);
  if (!started.ok()) return started.status();
  const DeviceAuthorization& d = *started;
  Tell(terminal, d);
  const auto sleep =
      terminal.sleep ? terminal.sleep : [](seconds s) { std::this_thread::sleep_for(s); };
  const Instant deadline = clock.Now() + d.expires_in;
  const Status expired =
      Status::Permanent("the code expired before the sign-in was finished; run the login again");
  seconds interval = d.interval;
  // Each poll waits a second or more, so this bound is never the one reached
  // with a real clock; it keeps a clock that stands still from polling forever.
  for (long polls = 0; polls <= d.expires_in.count(); ++polls) {
    sleep(interval);
    if (clock.Now() >= deadline) return expired;
    Result<TokenEndpointReply> reply = RequestToken(
        http, endpoints, {{"grant_type", kDeviceCodeGrant}, {"device_code", d.device_code}},
        clock.Now());
    if (!reply.ok()) return reply.status();
    if (reply->grant) return *reply->grant;
    const std::string& error = reply->error;
    if (error == "authorization_pending") continue;
    if (error == "slow_down") {
      interval += kSlowDownStep;
      continue;
    }
    if (error == "access_denied" || error == "authorization_declined")
      return Status::Permanent("the sign-in was declined (" + reply->Describe() + ")");
    if (error == "expired_token") return expired;
    return SignInRefusal(*reply);
  }
  return expired;
}

}  // namespace intaked
