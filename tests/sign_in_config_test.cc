// SPDX-License-Identifier: GPL-3.0-or-later
// The config keys that say how each account signs in: `auth`, the password
// sources, and [oauth] - each mistake named by its key.
#include <gtest/gtest.h>

#include "config/config_loader.h"
#include "config/mail_accounts.h"
#include "test_config.h"

namespace intaked {
namespace {

// TestConfigText with its first `from` replaced by `to`.
std::string With(const std::string& from, const std::string& to, const std::string& extra = "") {
  std::string text = TestConfigText(extra);
  const size_t at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("not in the test config: " + from);
  return text.replace(at, from.size(), to);
}

const char kIntakePassword[] =
    "imap_url = \"imap://127.0.0.1:1143/INBOX\"\npassword = \"pw\"\n\n[smtp]";
const char kMicrosoft[] = "\n[oauth]\nprovider = \"microsoft\"\nclient_id = \"abc\"\n";

TEST(SignInConfig, OAuth2AccountsTakeTheirTokenFromLoginAndNeedAnOAuthTable) {
  const std::string oauth_intake =
      "imap_url = \"imap://127.0.0.1:1143/INBOX\"\nauth = \"oauth2\"\n\n[smtp]";
  auto c = ParseConfig(With(kIntakePassword, oauth_intake, kMicrosoft), "f.toml");
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->intake_mailbox.auth, AuthMethod::kOAuth2);
  ASSERT_TRUE(c->oauth);
  EXPECT_EQ(c->oauth->provider, OAuthProviderKind::kMicrosoft);
  EXPECT_EQ(c->oauth->tenant, "organizations");
  EXPECT_EQ(FindMailAccount(*c, "intake")->auth, AuthMethod::kOAuth2);

  auto no_table = ParseConfig(With(kIntakePassword, oauth_intake), "f.toml");
  ASSERT_FALSE(no_table.ok());
  EXPECT_NE(no_table.status().message().find("oauth: an account has auth = \"oauth2\""),
            std::string::npos)
      << no_table.status().message();
}

TEST(SignInConfig, EachMistakeIsNamedByItsKey) {
  struct Bad {
    std::string to, extra, says;
  };
  const Bad cases[] = {
      {"imap_url = \"imap://127.0.0.1:1143/INBOX\"\nauth = \"kerberos\"\n\n[smtp]", "",
       "intake.auth: must be \"password\" or \"oauth2\""},
      {"imap_url = \"imap://127.0.0.1:1143/INBOX\"\nauth = \"oauth2\"\npassword = \"pw\"\n\n[smtp]",
       kMicrosoft, "intake.password: an account with auth = \"oauth2\" signs in with a token"},
      {"imap_url = \"imap://127.0.0.1:1143/INBOX\"\npassword = \"pw\"\npassword_command = \"pass "
       "x\"\n\n[smtp]",
       "", "intake.password_command: give one of password, password_file and password_command"},
      {"imap_url = \"imap://127.0.0.1:1143/INBOX\"\n\n[smtp]", "",
       "intake.password_file: this account needs"},
      {"imap_url = \"imap://127.0.0.1:1143/INBOX\"\npassword_command = \"\"\n\n[smtp]", "",
       "intake.password_command: must not be empty"},
      {std::string(kIntakePassword) + "\nauth = \"oauth2\"", kMicrosoft,
       "smtp.username: an oauth2 SMTP account needs its username"},
      {kIntakePassword, "\n[oauth]\nprovider = \"yahoo\"\nclient_id = \"abc\"\n",
       "oauth.provider: must be \"microsoft\", \"google\" or \"custom\""},
      {kIntakePassword, "\n[oauth]\nprovider = \"microsoft\"\n", "oauth.client_id"},
      {kIntakePassword, "\n[oauth]\nprovider = \"custom\"\nclient_id = \"abc\"\n",
       "oauth.token_url"},
      {kIntakePassword, std::string(kMicrosoft) + "tennant = \"x\"\n", "oauth.tennant"},
  };
  for (const Bad& b : cases) {
    auto c = ParseConfig(With(kIntakePassword, b.to, b.extra), "f.toml");
    ASSERT_FALSE(c.ok()) << b.to << b.extra;
    EXPECT_NE(c.status().message().find(b.says), std::string::npos)
        << "wanted \"" << b.says << "\" in: " << c.status().message();
  }
}

TEST(SignInConfig, APasswordCommandIsKeptToRunWhenNeeded) {
  auto c = ParseConfig(With(kIntakePassword,
                            "imap_url = \"imap://127.0.0.1:1143/INBOX\"\npassword_command = \"pass "
                            "show intaked/info\"\n\n[smtp]"),
                       "f.toml");
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->intake_mailbox.password_command, "pass show intaked/info");
  EXPECT_TRUE(c->intake_mailbox.password.empty());
}

TEST(SignInConfig, AccountsAreFoundByTheNamesTheCommandLineUses) {
  auto c = ParseConfig(TestConfigText(), "f.toml");
  ASSERT_TRUE(c.ok()) << c.status().message();
  std::vector<std::string> keys;
  for (const MailAccount& a : MailAccounts(*c)) keys.push_back(a.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"intake", "chair.a@pacts.test", "chair.b@pacts.test",
                                            "smtp"}));
  EXPECT_EQ(FindMailAccount(*c, "Chair.A@PACTS.test")->role, "co-chair Alex Able's mailbox");
  EXPECT_EQ(FindMailAccount(*c, "smtp")->role, "the outgoing mail (SMTP) account");
  EXPECT_FALSE(FindMailAccount(*c, "chair.c@pacts.test"));
  EXPECT_FALSE(FindMailAccount(*c, "INTAKE")) << "only addresses ignore case";
}

}  // namespace
}  // namespace intaked
