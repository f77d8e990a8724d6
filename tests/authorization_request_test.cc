// SPDX-License-Identifier: GPL-3.0-or-later
// The pure parts of the authorization-code grant with PKCE: the S256 challenge
// (RFC 7636's own test vector), the URL a person opens, and reading the answer
// the provider redirects back with - including answers that are malformed,
// duplicated or forged.
#include "auth/authorization_request.h"

#include <gtest/gtest.h>

namespace intaked {
namespace {

TEST(Pkce, Rfc7636AppendixBVector) {
  const std::string verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  EXPECT_TRUE(IsValidCodeVerifier(verifier));
  EXPECT_EQ(S256CodeChallenge(verifier), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST(Pkce, Rfc7636AppendixBOctetsEncodeToTheVerifier) {
  const unsigned char octets[] = {116, 24,  223, 180, 151, 153, 224, 37,  79,  250, 96,
                                  125, 216, 173, 187, 186, 22,  212, 37,  77,  105, 214,
                                  191, 240, 91,  88,  5,   88,  83,  132, 141, 121};
  EXPECT_EQ(Base64UrlNoPadding(std::string(reinterpret_cast<const char*>(octets), sizeof octets)),
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
}

TEST(Pkce, Base64UrlHasNoPaddingAndUrlSafeDigits) {
  EXPECT_EQ(Base64UrlNoPadding(""), "");
  EXPECT_EQ(Base64UrlNoPadding("f"), "Zg");
  EXPECT_EQ(Base64UrlNoPadding("fo"), "Zm8");
  EXPECT_EQ(Base64UrlNoPadding("foo"), "Zm9v");
  EXPECT_EQ(Base64UrlNoPadding("\xfb\xff"), "-_8");
}

TEST(Pkce, VerifierIs43To128UnreservedCharacters) {
  EXPECT_FALSE(IsValidCodeVerifier(std::string(42, 'a')));
  EXPECT_TRUE(IsValidCodeVerifier(std::string(43, 'a')));
  EXPECT_TRUE(IsValidCodeVerifier(std::string(128, '~')));
  EXPECT_FALSE(IsValidCodeVerifier(std::string(129, 'a')));
  EXPECT_FALSE(IsValidCodeVerifier(std::string(42, 'a') + "+"));
  EXPECT_FALSE(IsValidCodeVerifier(std::string(42, 'a') + "="));
}

TEST(AuthorizationUrl, CarriesEveryParameterEncoded) {
  OAuthEndpoints e;
  e.authorization_url = "https://accounts.google.com/o/oauth2/v2/auth";
  e.client_id = "id 1&x";
  e.scopes = {"https://mail.google.com/"};
  e.extra_authorization_parameters = {{"access_type", "offline"}, {"prompt", "consent"}};
  AuthorizationRequest r{"http://127.0.0.1:5555/", "st8", "chal", "chair.a@pacts.test"};
  EXPECT_EQ(AuthorizationUrl(e, r),
            "https://accounts.google.com/o/oauth2/v2/auth?response_type=code&client_id=id%201%26x"
            "&redirect_uri=http%3A%2F%2F127.0.0.1%3A5555%2F&scope=https%3A%2F%2Fmail.google.com%2F"
            "&state=st8&code_challenge=chal&code_challenge_method=S256"
            "&login_hint=chair.a%40pacts.test&access_type=offline&prompt=consent");
}

TEST(AuthorizationUrl, KeepsTheProvidersOwnQueryAndJoinsScopesWithSpaces) {
  OAuthEndpoints e;
  e.authorization_url = "https://idp.example/authorize?tenant=x";
  e.client_id = "c";
  e.scopes = {"mail", "offline_access"};
  const std::string url = AuthorizationUrl(e, {"http://127.0.0.1:1/", "s", "c", ""});
  EXPECT_EQ(url.rfind("https://idp.example/authorize?tenant=x&response_type=code&", 0), 0u) << url;
  EXPECT_NE(url.find("&scope=mail%20offline_access&"), std::string::npos) << url;
  EXPECT_EQ(url.find("login_hint"), std::string::npos) << url;
}

TEST(ParseQuery, DecodesPlusAndPercentAndRefusesBrokenEscapes) {
  auto pairs = ParseQuery("a=1+2&b=%41%2f&&c&d=");
  ASSERT_TRUE(pairs);
  ASSERT_EQ(pairs->size(), 4u);
  EXPECT_EQ((*pairs)[0], (std::pair<std::string, std::string>("a", "1 2")));
  EXPECT_EQ((*pairs)[1], (std::pair<std::string, std::string>("b", "A/")));
  EXPECT_EQ((*pairs)[2], (std::pair<std::string, std::string>("c", "")));
  EXPECT_EQ((*pairs)[3], (std::pair<std::string, std::string>("d", "")));
  EXPECT_FALSE(ParseQuery("a=%4"));
  EXPECT_FALSE(ParseQuery("a=%"));
  EXPECT_FALSE(ParseQuery("a=%zz"));
}

TEST(AuthorizationResponse, ReadsAWholeUrlATargetOrABareQuery) {
  for (const std::string url :
       {"http://127.0.0.1:4000/?code=4%2F0Ab&state=xyz&scope=https://mail.google.com/",
        "  /?state=xyz&code=4/0Ab\r\n", "code=4/0Ab&state=xyz#fragment"}) {
    Result<AuthorizationResponse> r = ReadAuthorizationResponse(url);
    ASSERT_TRUE(r.ok()) << url << ": " << r.status().message();
    EXPECT_EQ(r->code, "4/0Ab") << url;
    EXPECT_EQ(r->state, "xyz") << url;
    EXPECT_EQ(r->error, "") << url;
  }
}

TEST(AuthorizationResponse, ReadsAnErrorWithPrintableBoundedDescription) {
  Result<AuthorizationResponse> r = ReadAuthorizationResponse(
      "/?error=access_denied&error_description=The+user+said+no%1B%5B31m" + std::string(500, 'x') +
      "&state=s");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->error, "access_denied");
  EXPECT_EQ(r->error_description.substr(0, 21), "The user said no?[31m");
  EXPECT_LE(r->error_description.size(), 203u);
  EXPECT_EQ(r->code, "");
}

TEST(AuthorizationResponse, RefusesWhatIsNotAnAnswer) {
  for (const std::string& url :
       std::vector<std::string>{"", "http://127.0.0.1:4000/", "/favicon.ico", "/?code=abc",
                                "/?state=s", "/?code=a&code=b&state=s", "/?code=a&state=s&state=t",
                                "/?code=a%20b&state=s", "/?code=&state=s", "/?code=%ZZ&state=s",
                                "/?code=" + std::string(5000, 'a') + "&state=s"}) {
    EXPECT_FALSE(ReadAuthorizationResponse(url).ok()) << url;
  }
}

}  // namespace
}  // namespace intaked
