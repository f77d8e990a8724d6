// SPDX-License-Identifier: GPL-3.0-or-later
// AccountCredentials: passwords from the config or a password_command, OAuth2
// access tokens renewed from the stored refresh token (before they expire, and
// at once when a server refused one), rotated refresh tokens kept, and
// invalid_grant final.
#include "auth/account_credentials.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "store/account_sign_in.h"
#include "store/database.h"

namespace intaked {
namespace {

using namespace std::chrono_literals;

class ScriptedHttp : public HttpClient {
 public:
  std::vector<HttpResponse> answers;
  std::vector<std::vector<std::pair<std::string, std::string>>> requests;
  Result<HttpResponse> PostForm(
      const std::string&, const std::vector<std::pair<std::string, std::string>>& fields) override {
    requests.push_back(fields);
    if (answers.empty()) return Status::Connection("no answer scripted");
    HttpResponse r = answers.front();
    answers.erase(answers.begin());
    return r;
  }
  std::string Field(size_t request, const std::string& name) const {
    for (const auto& [k, v] : requests.at(request))
      if (k == name) return v;
    return "";
  }
};

const Instant kNow = date::sys_days(date::year(2026) / 3 / 4) + 10h;

class AccountCredentialsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = OpenDatabase(":memory:");
    ASSERT_TRUE(db.ok());
    db_ = db.value().get();
    OAuthEndpoints ep;
    ep.token_url = "https://login.example/token";
    ep.client_id = "client-1";
    ep.scopes = {"mail", "offline_access"};
    creds_ = std::make_unique<AccountCredentials>(std::move(db.value()), ep, http_, clock_);
  }
  void SignIn(const std::string& access, Instant expires, const std::string& generation = "g1") {
    AccountSignIn(*db_).SaveToken("intake", {"refresh-1", access, expires, kNow, generation});
  }
  MailAccount OAuth() const {
    return {"intake",
            "the intake mailbox",
            "imaps://mail.example/INBOX",
            "info@pacts.test",
            AuthMethod::kOAuth2,
            "",
            ""};
  }
  MailAccount Commanded(const std::string& command) const {
    return {"chair.a@pacts.test",
            "co-chair Alex Able's mailbox",
            "imaps://mail.example/INBOX",
            "chair.a@pacts.test",
            AuthMethod::kPassword,
            "",
            command};
  }

  FixedClock clock_{kNow};
  ScriptedHttp http_;
  SQLite::Database* db_ = nullptr;  // owned by creds_
  std::unique_ptr<AccountCredentials> creds_;
};

TEST_F(AccountCredentialsTest, AFreshAccessTokenIsUsedWithoutAskingTheProvider) {
  SignIn("access-1", kNow + 1h);
  auto c = creds_->Obtain(OAuth());
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->bearer, "access-1");
  EXPECT_EQ(c->username, "info@pacts.test");
  EXPECT_TRUE(c->password.empty());
  EXPECT_TRUE(http_.requests.empty());
}

TEST_F(AccountCredentialsTest, ATokenAboutToExpireIsRenewedAndTheRotatedRefreshTokenKept) {
  SignIn("access-1", kNow + 4min);  // inside the five minutes before expiry
  http_.answers = {{200, R"({"access_token":"access-2","refresh_token":"refresh-2",)"
                         R"("expires_in":3600,"token_type":"Bearer"})"}};
  auto c = creds_->Obtain(OAuth());
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->bearer, "access-2");
  ASSERT_EQ(http_.requests.size(), 1u);
  EXPECT_EQ(http_.Field(0, "grant_type"), "refresh_token");
  EXPECT_EQ(http_.Field(0, "refresh_token"), "refresh-1");
  const auto stored = AccountSignIn(*db_).Token("intake");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->refresh_token, "refresh-2");
  EXPECT_EQ(stored->access_token, "access-2");
  EXPECT_EQ(stored->access_expires_at, kNow + 1h);

  auto again = creds_->Obtain(OAuth());
  EXPECT_EQ(again->bearer, "access-2");
  EXPECT_EQ(http_.requests.size(), 1u) << "renewed twice";

  clock_.Advance(56min);  // now within five minutes of the new expiry
  http_.answers = {{200, R"({"access_token":"access-3","expires_in":3600})"}};
  EXPECT_EQ(creds_->Obtain(OAuth())->bearer, "access-3");
  ASSERT_EQ(http_.requests.size(), 2u);
  EXPECT_EQ(http_.Field(1, "refresh_token"), "refresh-2") << "the rotated token was not used";
  EXPECT_EQ(AccountSignIn(*db_).Token("intake")->refresh_token, "refresh-2")
      << "an answer without a new refresh token keeps the old one";
}

TEST_F(AccountCredentialsTest, AnAccessTokenTheServerRefusedIsRenewedAtOnce) {
  SignIn("access-1", kNow + 1h);
  EXPECT_TRUE(creds_->Rejected(OAuth())) << "a renewed token is worth one more try";
  http_.answers = {{200, R"({"access_token":"access-2","expires_in":3600})"}};
  EXPECT_EQ(creds_->Obtain(OAuth())->bearer, "access-2");
}

TEST_F(AccountCredentialsTest, InvalidGrantIsFinalAndNeverSignedInReachesNobody) {
  auto none = creds_->Obtain(OAuth());
  EXPECT_EQ(none.status().kind(), Status::Kind::kPermanent);
  EXPECT_NE(none.status().message().find("run `intaked login intake`"), std::string::npos);
  EXPECT_EQ(creds_->Fingerprint(OAuth(), "salt").status().kind(), Status::Kind::kPermanent);
  EXPECT_TRUE(http_.requests.empty());

  SignIn("", Instant{});
  http_.answers = {{400, R"({"error":"invalid_grant","error_description":"revoked"})"}};
  auto c = creds_->Obtain(OAuth());
  EXPECT_EQ(c.status().kind(), Status::Kind::kPermanent) << c.status().message();
  EXPECT_NE(c.status().message().find("invalid_grant"), std::string::npos);

  http_.answers = {{503, "busy"}};
  EXPECT_NE(creds_->Obtain(OAuth()).status().kind(), Status::Kind::kPermanent)
      << "a provider that is down is retried, not final";
}

TEST_F(AccountCredentialsTest, ANewLoginChangesTheFingerprintARenewalDoesNot) {
  SignIn("access-1", kNow + 1h, "g1");
  const std::string before = creds_->Fingerprint(OAuth(), "s").value();
  AccountSignIn(*db_).RenewToken("intake", "access-2", kNow + 2h, "refresh-2");
  EXPECT_EQ(creds_->Fingerprint(OAuth(), "s").value(), before);
  SignIn("access-9", kNow + 1h, "g2");
  EXPECT_NE(creds_->Fingerprint(OAuth(), "s").value(), before);
  EXPECT_NE(creds_->Fingerprint(OAuth(), "t").value(), creds_->Fingerprint(OAuth(), "s").value());
}

TEST_F(AccountCredentialsTest, APasswordCommandGivesItsFirstLineOncePerConfigLoad) {
  const std::string counter = ::testing::TempDir() + "/pwcmd-count";
  std::filesystem::remove(counter);
  const MailAccount a = Commanded("echo run >> " + counter + "; printf 'pw-1\\nsecond line\\n'");
  auto c = creds_->Obtain(a);
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->password, "pw-1");
  EXPECT_TRUE(creds_->Fingerprint(a, "s").ok());
  EXPECT_TRUE(creds_->Obtain(a).ok());
  auto runs = [&] {
    std::ifstream in(counter);
    return std::count(std::istreambuf_iterator<char>(in), {}, '\n');
  };
  EXPECT_EQ(runs(), 1);
  creds_->Reconfigure(std::nullopt);  // systemctl reload
  EXPECT_TRUE(creds_->Obtain(a).ok());
  EXPECT_EQ(runs(), 2);
}

TEST_F(AccountCredentialsTest, AFailingPasswordCommandFailsThatAccountWithItsStderr) {
  auto c = creds_->Obtain(Commanded("echo 'vault is locked' >&2; echo not-this; exit 3"));
  EXPECT_EQ(c.status().kind(), Status::Kind::kConnection);
  EXPECT_NE(c.status().message().find("exited with 3: vault is locked"), std::string::npos)
      << c.status().message();
  EXPECT_EQ(c.status().message().find("not-this"), std::string::npos) << "stdout is secret";
  auto empty = creds_->Obtain(Commanded("true"));
  EXPECT_NE(empty.status().message().find("printed no password"), std::string::npos);
}

TEST_F(AccountCredentialsTest, RefusalsAreRememberedInTheDatabase) {
  EXPECT_FALSE(creds_->Find("intake"));
  creds_->Remember("intake", {"salt", "fp", "the intake mailbox: refused", kNow});
  auto r = creds_->Find("intake");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->fingerprint, "fp");
  EXPECT_EQ(r->reason, "the intake mailbox: refused");
  EXPECT_EQ(AccountSignIn(*db_).RefusalsNotAlerted().size(), 1u);
  creds_->Forget("intake");
  EXPECT_FALSE(creds_->Find("intake"));
}

}  // namespace
}  // namespace intaked
