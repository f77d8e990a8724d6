// SPDX-License-Identifier: GPL-3.0-or-later
// The mail stack's own OAuth 2.0 sign-in, proved without intaked: tokens come
// from the test authorization server by the device grant and by the
// authorization-code grant with PKCE, exactly as a client gets them from
// Microsoft or Google, and Dovecot (IMAP) and Postfix (SMTP AUTH, through
// Dovecot) accept them with XOAUTH2 and OAUTHBEARER - and refuse them once
// expired, whatever they said before. Tests of `intaked login` and of intaked's
// bearer-token logins build on what is proved here.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <chrono>
#include <thread>

#include "bearer_logins.h"
#include "mail_stack.h"
#include "oauth_control.h"

namespace intaked::e2e {
namespace {

constexpr char kClient[] = "intaked-e2e";
constexpr char kDeviceGrant[] = "urn:ietf:params:oauth:grant-type:device_code";
constexpr char kRedirect[] = "http://127.0.0.1:9/callback";  // nobody listens: never followed

struct Tokens {
  std::string access, refresh;
  long expires_in = 0;
};

Tokens TokensFrom(const HttpAnswer& a) {
  if (a.status != 200) throw std::runtime_error("token endpoint refused: " + a.body);
  const nlohmann::json j = a.Json();
  if (j.at("token_type") != "Bearer") throw std::runtime_error("not a Bearer token: " + a.body);
  return {j.at("access_token"), j.at("refresh_token"), j.at("expires_in")};
}

std::string ErrorOf(const HttpAnswer& a) {
  return a.status == 400 ? a.Json().value("error", "") : "HTTP " + std::to_string(a.status);
}

// RFC 7636 §4.2: BASE64URL(SHA-256(verifier)), no padding.
std::string S256(const std::string& verifier) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(verifier.data(), verifier.size(), digest, &n, EVP_sha256(), nullptr);
  std::string b64 = Base64(std::string(reinterpret_cast<char*>(digest), n));
  for (char& c : b64) c = c == '+' ? '-' : c == '/' ? '_' : c;
  return b64.substr(0, b64.find('='));
}

// The value of `name` in a redirect's query ("" when absent).
std::string QueryValue(const std::string& url, const std::string& name) {
  for (const char sep : {'?', '&'}) {
    const size_t at = url.find(sep + name + "=");
    if (at == std::string::npos) continue;
    const size_t start = at + name.size() + 2, end = url.find('&', start);
    return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  }
  return "";
}

bool StartsWith(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

class OAuthStackE2E : public StackTest {
 protected:
  void SetUp() override {
    StackTest::SetUp();
    stack_.Password(P("info"));  // lets Dovecot see this test's new users before any delivery
  }
  void TearDown() override { oauth_.ResetSettings(); }

  HttpAnswer PollDevice(const std::string& device_code) {
    return oauth_.Post(
        "/token",
        {{"grant_type", kDeviceGrant}, {"device_code", device_code}, {"client_id", kClient}});
  }
  HttpAnswer AuthorizeUrl(const std::string& user, const std::string& challenge,
                          const std::string& extra = "") {
    return oauth_.Get("/authorize?response_type=code&client_id=" + std::string(kClient) +
                      "&redirect_uri=" + UrlEscape(kRedirect) + "&state=st-" + prefix_ + "&scope=" +
                      UrlEscape("imap smtp offline_access") + "&code_challenge=" + challenge +
                      "&code_challenge_method=S256&login_hint=" + UrlEscape(user) + extra);
  }
  HttpAnswer RedeemCode(const std::string& code, const std::string& verifier,
                        const std::string& redirect = kRedirect) {
    return oauth_.Post("/token", {{"grant_type", "authorization_code"},
                                  {"code", code},
                                  {"redirect_uri", redirect},
                                  {"client_id", kClient},
                                  {"code_verifier", verifier}});
  }
  // A browser sign-in as `user`: authorization code with PKCE, redeemed.
  Tokens CodeSignIn(const std::string& user) {
    const std::string verifier = "verifier-" + prefix_ + "-0123456789abcdefghijklmnopqrstuvwxyz";
    const HttpAnswer a = AuthorizeUrl(user, S256(verifier));
    if (a.status != 302) throw std::runtime_error("authorize: " + a.body);
    return TokensFrom(RedeemCode(QueryValue(a.location, "code"), verifier));
  }
  HttpAnswer Refresh(const std::string& refresh_token) {
    return oauth_.Post("/token", {{"grant_type", "refresh_token"},
                                  {"refresh_token", refresh_token},
                                  {"client_id", kClient}});
  }
  // How often `needle` is in the log `file` of the stack, waiting up to 3 s for
  // `want` of them: the servers write their logs a moment after answering.
  int InLog(const std::string& file, const std::string& needle, int want) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    for (;;) {
      const std::string log = Slurp(stack_.dir() + "/" + file);
      int n = 0;
      for (size_t at = log.find(needle); at != std::string::npos; at = log.find(needle, at + 1))
        ++n;
      if (n >= want || std::chrono::steady_clock::now() > deadline) return n;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  int Logins(const std::string& user, const std::string& method) {
    return InLog("dovecot.log", "Login: user=<" + user + ">, method=" + method + ",", 1);
  }
  std::string Mail(const std::string& subject) {
    return TestMail(P("info"), P("chair.a"), subject, "Sent with a bearer token.",
                    subject + "." + prefix_ + "@pacts.test");
  }

  OAuthControl oauth_ = stack_.OAuth();
};

TEST_F(OAuthStackE2E, ADeviceGrantTokenLogsInOverImapWithOAuthBearerAndXOAuth2) {
  const HttpAnswer start =
      oauth_.Post("/device", {{"client_id", kClient}, {"scope", "imap smtp offline_access"}});
  ASSERT_EQ(start.status, 200) << start.body;
  const nlohmann::json d = start.Json();
  EXPECT_EQ(d.at("verification_uri"), oauth_.BaseUrl() + "/verify");
  EXPECT_EQ(d.at("interval"), 1);
  EXPECT_GT(d.at("expires_in").get<int>(), 0);
  EXPECT_EQ(ErrorOf(PollDevice(d.at("device_code"))), "authorization_pending");

  oauth_.Approve(d.at("user_code"), P("info"));
  std::this_thread::sleep_for(std::chrono::milliseconds(1050));  // the interval
  const Tokens t = TokensFrom(PollDevice(d.at("device_code")));
  EXPECT_EQ(t.expires_in, 3600);
  EXPECT_FALSE(t.refresh.empty());
  EXPECT_EQ(ErrorOf(PollDevice(d.at("device_code"))), "invalid_grant")
      << "a device code works once";

  const CurlOutcome curl = CurlImapBearer(stack_.imap_port(), P("info"), t.access);
  EXPECT_EQ(curl.code, CURLE_OK) << curl_easy_strerror(curl.code);
  EXPECT_EQ(Logins(P("info"), "OAUTHBEARER"), 1) << "libcurl picks OAUTHBEARER when offered";
  EXPECT_TRUE(StartsWith(ImapXOAuth2(stack_.imap_port(), P("info"), t.access), "a OK"));
  EXPECT_EQ(Logins(P("info"), "XOAUTH2"), 1);
  EXPECT_TRUE(StartsWith(ImapXOAuth2(stack_.imap_port(), P("chair.a"), t.access), "a NO"))
      << "info's token does not open chair.a's mailbox";
  const OAuthCounts counts = oauth_.Counters(P("info"));
  EXPECT_EQ(counts.device_grants, 1);
  EXPECT_EQ(counts.active_introspections, 3) << "Dovecot asks at every login";
}

TEST_F(OAuthStackE2E, TheDeviceGrantAnswersSlowDownAccessDeniedAndExpiredToken) {
  oauth_.Set({{"slow_down_step", 0}});
  const nlohmann::json d = oauth_.Post("/device", {{"client_id", kClient}}).Json();
  EXPECT_EQ(ErrorOf(PollDevice(d.at("device_code"))), "authorization_pending");
  EXPECT_EQ(ErrorOf(PollDevice(d.at("device_code"))), "slow_down") << "polled within the interval";
  oauth_.Deny(d.at("user_code"));
  std::this_thread::sleep_for(std::chrono::milliseconds(1050));
  EXPECT_EQ(ErrorOf(PollDevice(d.at("device_code"))), "access_denied");

  oauth_.Set({{"device_code_lifetime", 1}});
  const nlohmann::json late = oauth_.Post("/device", {{"client_id", kClient}}).Json();
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_EQ(ErrorOf(PollDevice(late.at("device_code"))), "expired_token");
  EXPECT_THROW(oauth_.Approve(late.at("user_code"), P("info")), std::runtime_error)
      << "an expired code cannot be approved";
}

TEST_F(OAuthStackE2E, AnAuthorizationCodeWithPkceGivesATokenThatSubmitsMailOverSmtp) {
  const std::string verifier = "pkce-" + prefix_ + "-0123456789abcdefghijklmnopqrstuvwxyz-abc";
  const HttpAnswer no_pkce = AuthorizeUrl(P("info"), "");
  EXPECT_EQ(QueryValue(no_pkce.location, "error"), "invalid_request") << no_pkce.location;
  const HttpAnswer denied = AuthorizeUrl(P("info"), S256(verifier), "&deny=1");
  EXPECT_EQ(QueryValue(denied.location, "error"), "access_denied") << denied.location;

  const HttpAnswer a = AuthorizeUrl(P("info"), S256(verifier));
  ASSERT_EQ(a.status, 302) << a.body;
  ASSERT_TRUE(StartsWith(a.location, std::string(kRedirect) + "?code=")) << a.location;
  EXPECT_EQ(QueryValue(a.location, "state"), "st-" + prefix_);
  const std::string code = QueryValue(a.location, "code");
  EXPECT_EQ(ErrorOf(RedeemCode(code, verifier + "x")), "invalid_grant") << "wrong verifier";
  EXPECT_EQ(ErrorOf(RedeemCode(code, verifier, "http://127.0.0.1:8/other")), "invalid_grant");
  const Tokens t = TokensFrom(RedeemCode(code, verifier));
  EXPECT_EQ(ErrorOf(RedeemCode(code, verifier)), "invalid_grant") << "a code works once";

  const CurlOutcome curl = CurlSmtpBearer(stack_.smtp_port(), P("info"), t.access, P("info"),
                                          P("chair.a"), Mail("by-curl"));
  EXPECT_EQ(curl.code, CURLE_OK) << curl_easy_strerror(curl.code);
  SmtpByHand smtp(stack_.smtp_port());
  EXPECT_NE(smtp.ehlo().find("AUTH PLAIN LOGIN XOAUTH2 OAUTHBEARER"), std::string::npos)
      << smtp.ehlo();
  EXPECT_TRUE(StartsWith(smtp.AuthXOAuth2(P("info"), t.access), "235"));
  EXPECT_TRUE(StartsWith(smtp.Submit(P("info"), P("chair.a"), Mail("by-hand")), "250"));
  stack_.WaitForQueue();
  ASSERT_EQ(stack_.WaitForMail(P("chair.a"), 2, std::chrono::seconds(10)), 2u);
  for (const std::string method : {"OAUTHBEARER", "XOAUTH2"}) {
    EXPECT_EQ(InLog("postfix.log", "sasl_method=" + method + ", sasl_username=" + P("info"), 1), 1)
        << method;
  }
  EXPECT_TRUE(
      StartsWith(SmtpByHand(stack_.smtp_port()).AuthXOAuth2(P("info"), "not-a-token"), "535"));
}

TEST_F(OAuthStackE2E, AnExpiredAccessTokenIsRefusedAndARefreshedOneWorks) {
  const Tokens t = CodeSignIn(P("info"));
  ASSERT_EQ(CurlImapBearer(stack_.imap_port(), P("info"), t.access).code, CURLE_OK);
  EXPECT_EQ(oauth_.ExpireAccess(P("info")), 1);

  const CurlOutcome imap = CurlImapBearer(stack_.imap_port(), P("info"), t.access);
  EXPECT_EQ(imap.code, CURLE_LOGIN_DENIED) << curl_easy_strerror(imap.code);
  EXPECT_TRUE(StartsWith(ImapXOAuth2(stack_.imap_port(), P("info"), t.access),
                         "a NO [AUTHENTICATIONFAILED]"));
  const CurlOutcome smtp = CurlSmtpBearer(stack_.smtp_port(), P("info"), t.access, P("info"),
                                          P("chair.a"), Mail("expired"));
  EXPECT_EQ(smtp.code, CURLE_LOGIN_DENIED) << curl_easy_strerror(smtp.code);
  ASSERT_FALSE(smtp.lines.empty());
  EXPECT_TRUE(StartsWith(smtp.lines.back(), "535 ")) << smtp.lines.back();
  EXPECT_TRUE(StartsWith(SmtpByHand(stack_.smtp_port()).AuthXOAuth2(P("info"), t.access), "535"));

  const Tokens renewed = TokensFrom(Refresh(t.refresh));
  EXPECT_NE(renewed.refresh, t.refresh) << "refresh tokens rotate";
  EXPECT_EQ(ErrorOf(Refresh(t.refresh)), "invalid_grant") << "the old one is spent";
  EXPECT_EQ(CurlImapBearer(stack_.imap_port(), P("info"), renewed.access).code, CURLE_OK);
  EXPECT_EQ(CurlSmtpBearer(stack_.smtp_port(), P("info"), renewed.access, P("info"), P("chair.a"),
                           Mail("renewed"))
                .code,
            CURLE_OK);
  stack_.WaitForQueue();
  EXPECT_EQ(stack_.WaitForMail(P("chair.a"), 1, std::chrono::seconds(10)), 1u);
  const OAuthCounts counts = oauth_.Counters(P("info"));
  EXPECT_EQ(counts.refresh_grants, 1);
  EXPECT_EQ(counts.refused_refreshes, 1);
}

TEST_F(OAuthStackE2E, ATokenStopsWorkingWhenItsEnforcedLifetimeEndsWhatEverExpiresInSaid) {
  oauth_.Set({{"access_lifetime", 1}});  // expires_in still says an hour
  const Tokens t = CodeSignIn(P("info"));
  EXPECT_EQ(t.expires_in, 3600);
  EXPECT_TRUE(StartsWith(ImapXOAuth2(stack_.imap_port(), P("info"), t.access), "a OK"));
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_TRUE(StartsWith(ImapXOAuth2(stack_.imap_port(), P("info"), t.access), "a NO"))
      << "no auth cache keeps an expired token alive";

  oauth_.Set({{"access_lifetime", 3600}, {"access_expires_in", 5}});
  EXPECT_EQ(TokensFrom(Refresh(t.refresh)).expires_in, 5);
}

TEST_F(OAuthStackE2E, ARevokedRefreshTokenGetsInvalidGrant) {
  const Tokens t = CodeSignIn(P("info"));
  EXPECT_EQ(oauth_.Revoke(P("info")), 1);
  const HttpAnswer refused = Refresh(t.refresh);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(ErrorOf(refused), "invalid_grant") << refused.body;
  EXPECT_EQ(oauth_.Counters(P("info")).refused_refreshes, 1);
}

TEST_F(OAuthStackE2E, PasswordsAndBearerTokensDoNotStandInForEachOther) {
  const std::string password = stack_.Password(P("info"));
  const Tokens t = CodeSignIn(P("info"));
  EXPECT_TRUE(StartsWith(ImapLogin(stack_.imap_port(), P("info"), password), "a OK"));
  EXPECT_TRUE(StartsWith(ImapLogin(stack_.imap_port(), P("info"), t.access), "a NO"));
  EXPECT_TRUE(StartsWith(ImapXOAuth2(stack_.imap_port(), P("info"), password), "a NO"));
  EXPECT_TRUE(StartsWith(SmtpByHand(stack_.smtp_port()).AuthPlain(P("info"), password), "235"));
  EXPECT_TRUE(StartsWith(SmtpByHand(stack_.smtp_port()).AuthPlain(P("info"), t.access), "535"));
}

TEST_F(OAuthStackE2E, TheAuthorizationServerAnswersGarbageAndGoesOn) {
  const std::string oversized = "POST /token HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n";
  for (const std::string& request : {std::string("GARBAGE\r\n"), oversized}) {
    LineClient c(stack_.oauth_port());
    c.Send(request);
    EXPECT_EQ(c.ReadLine(), "HTTP/1.1 400 Bad Request") << request;
  }
  try {  // a header over the limit: answered 400, or cut off while still arriving
    LineClient c(stack_.oauth_port());
    c.Send("GET /" + std::string(100000, 'a') + " HTTP/1.1\r\n");
    EXPECT_EQ(c.ReadLine(), "HTTP/1.1 400 Bad Request");
  } catch (const std::runtime_error& closed) {
    EXPECT_NE(std::string(closed.what()).find("closed the connection"), std::string::npos);
  }
  EXPECT_EQ(ErrorOf(oauth_.Post("/token", {{"grant_type", "password"}, {"client_id", kClient}})),
            "unsupported_grant_type")
      << "still serving";
  EXPECT_EQ(ErrorOf(oauth_.Post("/token", {})), "invalid_request");
}

}  // namespace
}  // namespace intaked::e2e
