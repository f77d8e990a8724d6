// SPDX-License-Identifier: GPL-3.0-or-later
// `intaked login` with the device authorization grant (RFC 8628), run against
// a scripted identity provider and a clock that moves only when the flow
// sleeps: what the person is shown, the exact requests, the polling pace
// (interval, slow_down), and each way it ends.
#include <date/date.h>
#include <gtest/gtest.h>

#include <sstream>

#include "auth/sign_in.h"
#include "fake_http_client.h"

namespace intaked {
namespace {

using std::chrono::seconds;

constexpr char kDeviceAnswer[] = R"({"device_code":"DEV-1","user_code":"ABCD-EFGH",
  "verification_uri":"https://microsoft.com/devicelogin","expires_in":900,"interval":5,
  "message":"To sign in, use a web browser..."})";
constexpr char kPending[] = R"({"error":"authorization_pending","error_description":"waiting"})";
constexpr char kToken[] =
    R"({"token_type":"Bearer","access_token":"at","refresh_token":"rt","expires_in":3600})";

OAuthEndpoints Microsoftish(bool with_secret = false) {
  OAuthEndpoints e;
  e.device_authorization_url = "https://login.example/devicecode";
  e.authorization_url = "https://login.example/authorize";
  e.token_url = "https://login.example/token";
  e.scopes = {"imap", "smtp", "offline_access"};
  e.client_id = "client-1";
  if (with_secret) e.client_secret = "s3cret";
  return e;
}

struct DeviceHarness {
  FakeHttpClient http;
  FixedClock clock{date::sys_days(date::year(2026) / 11 / 26) + std::chrono::hours(9)};
  std::ostringstream out;
  std::vector<seconds> sleeps;
  SignInTerminal terminal{out, -1, "chair.a@pacts.test", [this](seconds s) {
                            sleeps.push_back(s);
                            clock.Advance(s);
                          }};

  Result<TokenGrant> Run(const OAuthEndpoints& e = Microsoftish()) {
    return SignIn(http, e, terminal, clock);
  }
};

TEST(DeviceSignIn, PrintsUrlAndCodeOnTheirOwnLinesThenPollsUntilSignedIn) {
  DeviceHarness h;
  h.http.Answer(200, kDeviceAnswer);
  h.http.Answer(400, kPending);
  h.http.Answer(400, kPending);
  h.http.Answer(200, kToken);
  const Instant start = h.clock.Now();
  Result<TokenGrant> g = h.Run();
  ASSERT_TRUE(g.ok()) << g.status().message();
  EXPECT_EQ(g->access_token, "at");
  EXPECT_EQ(g->refresh_token, "rt");
  EXPECT_EQ(g->expires_at, start + seconds(15) + seconds(3600));

  const std::string shown = h.out.str();
  EXPECT_NE(shown.find("\nURL: https://microsoft.com/devicelogin\n"), std::string::npos) << shown;
  EXPECT_NE(shown.find("\nCode: ABCD-EFGH\n"), std::string::npos) << shown;
  EXPECT_NE(shown.find("chair.a@pacts.test"), std::string::npos) << shown;
  EXPECT_EQ(shown.find("DEV-1"), std::string::npos) << "the device code is a secret";
  EXPECT_EQ(h.sleeps, (std::vector<seconds>{seconds(5), seconds(5), seconds(5)}));

  ASSERT_EQ(h.http.posts.size(), 4u);
  const RecordedPost& start_post = h.http.posts[0];
  EXPECT_EQ(start_post.url, "https://login.example/devicecode");
  EXPECT_EQ(start_post.Names(), (std::vector<std::string>{"client_id", "scope"}));
  EXPECT_EQ(start_post.Field("client_id"), "client-1");
  EXPECT_EQ(start_post.Field("scope"), "imap smtp offline_access");
  for (size_t i = 1; i < 4; ++i) {
    const RecordedPost& poll = h.http.posts[i];
    EXPECT_EQ(poll.url, "https://login.example/token");
    EXPECT_EQ(poll.Field("grant_type"), "urn:ietf:params:oauth:grant-type:device_code");
    EXPECT_EQ(poll.Field("device_code"), "DEV-1");
    EXPECT_EQ(poll.Field("client_id"), "client-1");
    EXPECT_FALSE(poll.Has("client_secret")) << "none configured";
  }
}

TEST(DeviceSignIn, SendsTheClientSecretWhenThereIsOne) {
  DeviceHarness h;
  h.http.Answer(200, kDeviceAnswer);
  h.http.Answer(200, kToken);
  ASSERT_TRUE(h.Run(Microsoftish(true)).ok());
  EXPECT_EQ(h.http.posts[0].Field("client_secret"), "s3cret");
  EXPECT_EQ(h.http.posts[1].Field("client_secret"), "s3cret");
}

TEST(DeviceSignIn, SlowDownAddsFiveSecondsForGoodAndDefaultIntervalIsFive) {
  DeviceHarness h;
  h.http.Answer(
      200, R"({"device_code":"d","user_code":"u","verification_url":"https://www.google.com/device",
                         "verification_uri_complete":"https://idp.example/device?code=u"})");
  h.http.Answer(400, R"({"error":"slow_down"})");
  h.http.Answer(400, kPending);
  h.http.Answer(400, R"({"error":"slow_down"})");
  h.http.Answer(200, kToken);
  ASSERT_TRUE(h.Run().ok());
  EXPECT_EQ(h.sleeps, (std::vector<seconds>{seconds(5), seconds(10), seconds(10), seconds(15)}));
  EXPECT_NE(h.out.str().find("\nURL: https://www.google.com/device\n"), std::string::npos)
      << h.out.str();
  EXPECT_NE(h.out.str().find("\nLink with the code: https://idp.example/device?code=u\n"),
            std::string::npos)
      << h.out.str();
}

TEST(DeviceSignIn, DeclinedIsPermanent) {
  for (const char* error : {"access_denied", "authorization_declined"}) {
    DeviceHarness h;
    h.http.Answer(200, kDeviceAnswer);
    h.http.Answer(400, kPending);
    h.http.Answer(400, std::string(R"({"error":")") + error + "\"}");
    Result<TokenGrant> g = h.Run();
    ASSERT_FALSE(g.ok());
    EXPECT_EQ(g.status().kind(), Status::Kind::kPermanent);
    EXPECT_EQ(g.status().message().rfind("the sign-in was declined (", 0), 0u)
        << g.status().message();
  }
}

TEST(DeviceSignIn, ExpiredTokenErrorIsPermanent) {
  DeviceHarness h;
  h.http.Answer(200, kDeviceAnswer);
  h.http.Answer(400, R"({"error":"expired_token"})");
  Result<TokenGrant> g = h.Run();
  EXPECT_EQ(g.status().kind(), Status::Kind::kPermanent);
  EXPECT_EQ(g.status().message().rfind("the code expired", 0), 0u) << g.status().message();
}

TEST(DeviceSignIn, StopsPollingWhenTheCodeHasExpiredOnTheClock) {
  DeviceHarness h;
  h.http.Answer(200,
                R"({"device_code":"d","user_code":"u","verification_uri":"https://idp.example/d",
                         "expires_in":12,"interval":5})");
  for (int i = 0; i < 10; ++i) h.http.Answer(400, kPending);
  Result<TokenGrant> g = h.Run();
  EXPECT_EQ(g.status().kind(), Status::Kind::kPermanent);
  EXPECT_EQ(g.status().message().rfind("the code expired", 0), 0u) << g.status().message();
  EXPECT_EQ(h.http.posts.size(), 1u + 2u) << "polled at 5 s and 10 s, not at 15 s";
}

TEST(DeviceSignIn, OtherRefusalsAndOutages) {
  struct Case {
    long status;
    std::string body;
    Status::Kind kind;
  };
  for (const Case& c :
       std::vector<Case>{{400, R"({"error":"invalid_grant"})", Status::Kind::kPermanent},
                         {400, R"({"error":"bad_verification_code"})", Status::Kind::kPermanent},
                         {400, R"({"error":"temporarily_unavailable"})", Status::Kind::kConnection},
                         {502, "bad gateway", Status::Kind::kConnection}}) {
    DeviceHarness h;
    h.http.Answer(200, kDeviceAnswer);
    h.http.Answer(c.status, c.body);
    EXPECT_EQ(h.Run().status().kind(), c.kind) << c.body;
  }
  DeviceHarness down;
  down.http.Fail(Status::Connection("cannot reach the identity provider at login.example"));
  EXPECT_EQ(down.Run().status().kind(), Status::Kind::kConnection);
}

TEST(DeviceSignIn, ARefusedStartNamesTheErrorAndTheSettings) {
  DeviceHarness h;
  h.http.Answer(
      400,
      R"({"error":"invalid_client","error_description":"AADSTS700016: Application not found"})");
  Result<TokenGrant> g = h.Run();
  EXPECT_EQ(g.status().kind(), Status::Kind::kPermanent);
  EXPECT_EQ(g.status().message(),
            "the identity provider refused to start a sign-in (invalid_client: AADSTS700016: "
            "Application not found): check [oauth] client_id and scopes");
  EXPECT_EQ(h.out.str(), "") << "nothing to tell the person to open";
}

TEST(DeviceSignIn, HostileDeviceAnswersAreRefusedBeforeAnythingIsPrinted) {
  const std::vector<std::string> bodies = {
      "garbage",
      "[1,2]",
      R"({"user_code":"u","verification_uri":"https://x.example/d"})",
      R"({"device_code":"d","verification_uri":"https://x.example/d"})",
      R"({"device_code":"d","user_code":"u"})",
      R"({"device_code":"d","user_code":"\u001b[2J","verification_uri":"https://x.example/d"})",
      R"({"device_code":"d","user_code":"u","verification_uri":"https://x.example/d\u001b[8m"})",
      R"({"device_code":"d","user_code":"u","verification_uri":"http://evil.example/d"})",
      R"j({"device_code":"d","user_code":"u","verification_uri":"javascript:alert(1)"})j",
      R"({"device_code":"d","user_code":["u"],"verification_uri":"https://x.example/d"})",
      R"({"device_code":"d","user_code":"u","verification_uri":"https://x.example/d","interval":"fast"})",
      R"({"device_code":"d","user_code":"u","verification_uri":"https://x.example/d","expires_in":-5})",
      R"({"device_code":"d","user_code":")" + std::string(100, 'A') +
          R"(","verification_uri":"https://x.example/d"})",
  };
  for (const std::string& body : bodies) {
    DeviceHarness h;
    h.http.Answer(200, body);
    Result<TokenGrant> g = h.Run();
    ASSERT_FALSE(g.ok()) << body;
    EXPECT_EQ(g.status().kind(), Status::Kind::kConnection) << body;
    EXPECT_EQ(h.out.str(), "") << body;
    EXPECT_EQ(h.http.posts.size(), 1u) << body;
  }
}

TEST(SignIn, NeedsOneGrantsUrl) {
  DeviceHarness h;
  OAuthEndpoints none = Microsoftish();
  none.device_authorization_url = none.authorization_url = "";
  Result<TokenGrant> g = h.Run(none);
  EXPECT_EQ(g.status().kind(), Status::Kind::kInvalidInput);
  EXPECT_TRUE(h.http.posts.empty());
}

TEST(DeviceSignIn, AGrantWithoutARefreshTokenIsRefused) {
  DeviceHarness h;
  h.http.Answer(200, kDeviceAnswer);
  h.http.Answer(200, R"({"access_token":"at","expires_in":3600})");
  Result<TokenGrant> g = h.Run();
  EXPECT_EQ(g.status().kind(), Status::Kind::kPermanent);
  EXPECT_NE(g.status().message().find("no refresh token"), std::string::npos)
      << g.status().message();
}

}  // namespace
}  // namespace intaked
