// SPDX-License-Identifier: GPL-3.0-or-later
// The identity provider's endpoints as [oauth] names them, and renewing an
// access token: the exact form sent, how each answer is graded (invalid_grant
// is permanent, an outage is not), and answers that are hostile - garbage,
// wrong types, tokens that would inject into SASL, absurd lifetimes.
#include <date/date.h>
#include <gtest/gtest.h>

#include "auth/oauth_endpoints.h"
#include "auth/token_endpoint.h"
#include "auth/token_grant.h"
#include "fake_http_client.h"

namespace intaked {
namespace {

const Instant kNow = date::sys_days(date::year(2026) / 11 / 26) + std::chrono::hours(9);

OAuthSettings Custom() {
  OAuthSettings s;
  s.provider = OAuthProviderKind::kCustom;
  s.client_id = "intaked";
  s.device_authorization_url = "https://idp.example/device";
  s.authorization_url = "https://idp.example/authorize";
  s.token_url = "https://idp.example/token";
  s.scopes = {"mail", "offline_access"};
  return s;
}

TEST(OAuthEndpoints, MicrosoftUsesTheTenantAndExchangeOnlineScopes) {
  OAuthSettings s;
  s.client_id = "00000000-0000-0000-0000-000000000000";
  s.tenant = "pacts.onmicrosoft.com";
  Result<OAuthEndpoints> e = OAuthEndpointsFor(s);
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_EQ(e->device_authorization_url,
            "https://login.microsoftonline.com/pacts.onmicrosoft.com/oauth2/v2.0/devicecode");
  EXPECT_EQ(e->authorization_url,
            "https://login.microsoftonline.com/pacts.onmicrosoft.com/oauth2/v2.0/authorize");
  EXPECT_EQ(e->token_url,
            "https://login.microsoftonline.com/pacts.onmicrosoft.com/oauth2/v2.0/token");
  EXPECT_EQ(ScopeParameter(*e),
            "https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send "
            "offline_access");
  EXPECT_TRUE(e->scope_on_refresh);
  EXPECT_EQ(e->client_id, s.client_id);
}

TEST(OAuthEndpoints, GoogleHasNoDeviceGrantAndAsksForOfflineAccess) {
  OAuthSettings s;
  s.provider = OAuthProviderKind::kGoogle;
  s.client_id = "123.apps.googleusercontent.com";
  s.client_secret = "shh";
  Result<OAuthEndpoints> e = OAuthEndpointsFor(s);
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_EQ(e->device_authorization_url, "");
  EXPECT_EQ(e->authorization_url, "https://accounts.google.com/o/oauth2/v2/auth");
  EXPECT_EQ(e->token_url, "https://oauth2.googleapis.com/token");
  EXPECT_EQ(e->scopes, std::vector<std::string>{"https://mail.google.com/"});
  EXPECT_EQ(e->extra_authorization_parameters,
            (std::vector<std::pair<std::string, std::string>>{{"access_type", "offline"},
                                                              {"prompt", "consent"}}));
  EXPECT_FALSE(e->scope_on_refresh);
  EXPECT_EQ(e->client_secret, "shh");
}

TEST(OAuthEndpoints, CustomTakesTheAdminsUrlsAndScopes) {
  Result<OAuthEndpoints> e = OAuthEndpointsFor(Custom());
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_EQ(e->device_authorization_url, "https://idp.example/device");
  EXPECT_EQ(e->token_url, "https://idp.example/token");
  EXPECT_EQ(ScopeParameter(*e), "mail offline_access");
  OAuthSettings loopback = Custom();
  loopback.token_url = "http://127.0.0.1:9000/token";
  EXPECT_TRUE(OAuthEndpointsFor(loopback).ok()) << "plain http is allowed to a loopback address";
}

TEST(OAuthEndpoints, ErrorsNameTheKey) {
  auto error = [](OAuthSettings s) { return OAuthEndpointsFor(s).status().message(); };
  OAuthSettings s = Custom();
  s.token_url = "";
  EXPECT_EQ(error(s).rfind("oauth.token_url: required", 0), 0u) << error(s);
  s = Custom();
  s.device_authorization_url = s.authorization_url = "";
  EXPECT_EQ(error(s).rfind("oauth.authorization_url: ", 0), 0u) << error(s);
  s = Custom();
  s.token_url = "http://idp.example/token";
  EXPECT_EQ(
      error(s).rfind("oauth.token_url: \"http://idp.example/token\" must start with https://", 0),
      0u)
      << error(s);
  s = Custom();
  s.device_authorization_url = "http://127.0.0.1.evil.test/device";
  EXPECT_EQ(error(s).rfind("oauth.device_authorization_url: ", 0), 0u) << error(s);
  s = Custom();
  s.authorization_url = "https://idp.example/a uth";
  EXPECT_EQ(error(s).rfind("oauth.authorization_url: ", 0), 0u) << error(s);
  s = Custom();
  s.authorization_url = "https://idp.example/auth#x";
  EXPECT_EQ(error(s).rfind("oauth.authorization_url: ", 0), 0u) << error(s);
  s = Custom();
  s.scopes = {"mail box"};
  EXPECT_EQ(error(s).rfind("oauth.scopes: ", 0), 0u) << error(s);
  s = Custom();
  s.client_id = "";
  EXPECT_EQ(error(s), "oauth.client_id: required");
  OAuthSettings ms;
  ms.client_id = "x";
  ms.tenant = "evil.test/oauth2?x=";
  EXPECT_EQ(error(ms).rfind("oauth.tenant: ", 0), 0u) << error(ms);
  for (const auto& bad : {s, ms})
    EXPECT_EQ(OAuthEndpointsFor(bad).status().kind(), Status::Kind::kInvalidInput);
}

OAuthEndpoints Endpoints(bool with_secret, bool scope_on_refresh = true) {
  OAuthEndpoints e;
  e.token_url = "https://idp.example/token";
  e.client_id = "intaked";
  e.scopes = {"mail", "offline_access"};
  if (with_secret) e.client_secret = "s3cret";
  e.scope_on_refresh = scope_on_refresh;
  return e;
}

TEST(RefreshAccessToken, SendsTheRefreshGrantAndReturnsTheRotatedToken) {
  FakeHttpClient http;
  http.Answer(200, R"({"token_type":"Bearer","access_token":"at-1","expires_in":3599,
                      "refresh_token":"rt-2","scope":"mail"})");
  Result<TokenGrant> g = RefreshAccessToken(http, Endpoints(false), "rt-1", kNow);
  ASSERT_TRUE(g.ok()) << g.status().message();
  EXPECT_EQ(g->access_token, "at-1");
  EXPECT_EQ(g->refresh_token, "rt-2");
  EXPECT_EQ(g->expires_at, kNow + std::chrono::seconds(3599));
  ASSERT_EQ(http.posts.size(), 1u);
  const RecordedPost& p = http.posts[0];
  EXPECT_EQ(p.url, "https://idp.example/token");
  EXPECT_EQ(p.Names(),
            (std::vector<std::string>{"grant_type", "refresh_token", "scope", "client_id"}));
  EXPECT_EQ(p.Field("grant_type"), "refresh_token");
  EXPECT_EQ(p.Field("refresh_token"), "rt-1");
  EXPECT_EQ(p.Field("scope"), "mail offline_access");
  EXPECT_EQ(p.Field("client_id"), "intaked");
}

TEST(RefreshAccessToken, ClientSecretOnlyWhenConfiguredScopeOnlyWhenWanted) {
  FakeHttpClient http;
  http.Answer(200, R"({"access_token":"at"})");
  Result<TokenGrant> g = RefreshAccessToken(http, Endpoints(true, false), "rt", kNow);
  ASSERT_TRUE(g.ok()) << g.status().message();
  EXPECT_EQ(g->refresh_token, "") << "not rotated: the caller keeps the old one";
  EXPECT_EQ(g->expires_at, kNow + std::chrono::hours(1)) << "no expires_in: an hour";
  EXPECT_EQ(http.posts[0].Field("client_secret"), "s3cret");
  EXPECT_FALSE(http.posts[0].Has("scope"));
}

TEST(RefreshAccessToken, InvalidGrantIsPermanentAndSaysWhy) {
  FakeHttpClient http;
  http.Answer(
      400,
      R"({"error":"invalid_grant","error_description":"AADSTS70008: The refresh token has expired due to inactivity.\r\nTrace ID: 1"})");
  Result<TokenGrant> g = RefreshAccessToken(http, Endpoints(false), "rt", kNow);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().kind(), Status::Kind::kPermanent);
  EXPECT_EQ(g.status().message(),
            "the identity provider refused the refresh token (invalid_grant: AADSTS70008: The "
            "refresh token has expired due to inactivity.??Trace ID: 1)");
}

TEST(RefreshAccessToken, ARefusedClientIsPermanentAnOutageIsNot) {
  struct Case {
    long status;
    std::string body;
    Status::Kind kind;
  };
  const std::vector<Case> cases = {
      {401, R"({"error":"invalid_client"})", Status::Kind::kPermanent},
      {400, R"({"error":"unauthorized_client","error_description":"x"})", Status::Kind::kPermanent},
      {400, R"({"error":"invalid_scope"})", Status::Kind::kPermanent},
      {400, R"({"error":"temporarily_unavailable"})", Status::Kind::kConnection},
      {400, R"({"error":"invalid_request"})", Status::Kind::kConnection},
      {503, R"({"error":"invalid_grant"})", Status::Kind::kConnection},
      {500, "<html>oops</html>", Status::Kind::kConnection},
      {302, "", Status::Kind::kConnection},
      {404, "<html>not found</html>", Status::Kind::kConnection},
      {400, R"({"error":17})", Status::Kind::kConnection},
  };
  for (const Case& c : cases) {
    FakeHttpClient http;
    http.Answer(c.status, c.body);
    Result<TokenGrant> g = RefreshAccessToken(http, Endpoints(false), "rt", kNow);
    ASSERT_FALSE(g.ok()) << c.body;
    EXPECT_EQ(g.status().kind(), c.kind)
        << c.status << " " << c.body << ": " << g.status().message();
  }
  FakeHttpClient down;
  down.Fail(Status::Connection("cannot reach the identity provider at idp.example"));
  EXPECT_EQ(RefreshAccessToken(down, Endpoints(false), "rt", kNow).status().kind(),
            Status::Kind::kConnection);
}

TEST(TokenEndpointAnswer, RefusesMalformedAndHostileGrants) {
  const std::vector<std::string> bodies = {
      "",
      "not json",
      "[]",
      R"("access_token")",
      "null",
      R"({})",
      R"({"access_token":""})",
      R"({"access_token":42})",
      R"({"access_token":["a"]})",
      R"({"access_token":{"a":1}})",
      R"({"access_token":"SeKrEt b"})",
      R"({"access_token":"SeKrEt\u0001auth=Bearer x"})",
      R"({"access_token":"SeKrEt\r\nA1 LOGOUT"})",
      R"({"access_token":"t\u00e9"})",
      R"({"access_token":"t","refresh_token":7})",
      R"({"access_token":"t","refresh_token":"r\n"})",
      R"({"access_token":"t","expires_in":-1})",
      R"({"access_token":"t","expires_in":0})",
      R"({"access_token":"t","expires_in":99999999999999999999})",
      R"({"access_token":"t","expires_in":1e300})",
      R"({"access_token":"t","expires_in":3600.5})",
      R"({"access_token":"t","expires_in":"soon"})",
      R"({"access_token":"t","expires_in":true})",
      R"({"access_token":"t","token_type":"mac"})",
      R"({"access_token":"t","token_type":1})",
      R"({"access_token":"t",)",
      "{\"access_token\":\"t\"}\xff",
      std::string(200000, '['),
      "{\"a\":" + std::string(100000, '[') + std::string(100000, ']') + "}",
  };
  for (const std::string& body : bodies) {
    Result<TokenEndpointReply> r = ReadTokenEndpointAnswer({200, body}, kNow);
    ASSERT_FALSE(r.ok()) << body.substr(0, 80);
    EXPECT_EQ(r.status().kind(), Status::Kind::kConnection) << body.substr(0, 80);
    EXPECT_EQ(r.status().message().find("SeKrEt"), std::string::npos)
        << "never a value from the body: " << r.status().message();
  }
}

TEST(TokenEndpointAnswer, AcceptsWhatRealProvidersSend) {
  Result<TokenEndpointReply> azure_v1 = ReadTokenEndpointAnswer(
      {200,
       R"({"token_type":"bearer","expires_in":"3599","access_token":"eyJ0.eyJ1.sig","refresh_token":"M.C105_BAY.0.U.-Cg!x*y$$","id_token":null})"},
      kNow);
  ASSERT_TRUE(azure_v1.ok()) << azure_v1.status().message();
  ASSERT_TRUE(azure_v1->grant);
  EXPECT_EQ(azure_v1->grant->expires_at, kNow + std::chrono::seconds(3599));
  EXPECT_EQ(azure_v1->grant->refresh_token, "M.C105_BAY.0.U.-Cg!x*y$$");
  Result<TokenEndpointReply> pending =
      ReadTokenEndpointAnswer({200, R"({"error":"authorization_pending"})"}, kNow);
  ASSERT_TRUE(pending.ok()) << pending.status().message();
  EXPECT_FALSE(pending->grant);
  EXPECT_EQ(pending->error, "authorization_pending");
}

TEST(TokenEndpointAnswer, ErrorDescriptionIsPrintableAndCutShort) {
  Result<TokenEndpointReply> r = ReadTokenEndpointAnswer(
      {400, "{\"error\":\"invalid_grant\",\"error_description\":\"\\u001b]0;pwned\\u0007" +
                std::string(1000, 'x') + "\"}"},
      kNow);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->error_description.substr(0, 9), "?]0;pwned");
  EXPECT_EQ(r->error_description.size(), kMaxDescription + 3);
  EXPECT_EQ(r->error_description.substr(kMaxDescription), "...");
  Result<TokenEndpointReply> odd = ReadTokenEndpointAnswer(
      {400, R"({"error":"invalid_grant","error_description":["not","text"]})"}, kNow);
  ASSERT_TRUE(odd.ok());
  EXPECT_EQ(odd->Describe(), "invalid_grant");
}

}  // namespace
}  // namespace intaked
