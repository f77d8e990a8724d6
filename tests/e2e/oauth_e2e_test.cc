// SPDX-License-Identifier: GPL-3.0-or-later
// OAuth2 sign-in across the real servers: the project's Dovecot checks tokens
// with its oauth2 passdb against the test authorization server
// (tests/oauth_server), and Postfix authenticates SMTP through Dovecot's SASL.
// intaked signs in with `intaked login`, reads and sends over XOAUTH2 or
// OAUTHBEARER, renews access tokens without a new login, and when a sign-in is
// revoked, that account alone goes down - once, with the same clear words in
// the log, `check` and the alert - until someone signs it in again.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "mail_stack.h"
#include "oauth_control.h"
#include "terminal_session.h"

namespace intaked::e2e {
namespace {

class OAuthE2E : public StackTest {
 protected:
  void SetUp() override {
    StackTest::SetUp();
    stack_.AddUser(P("outbox"));
    stack_.AddUser(P("admin"));
  }

  // This test's config with the intake mailbox and SMTP signing in with OAuth2;
  // the co-chairs keep their passwords. `grant`: "device" or "browser".
  void UseOAuth(const std::string& grant = "device") {
    OAuthControl idp = stack_.OAuth();
    std::string text = Slurp(config_);
    const std::string intake_pw =
        "password_file = \"" + stack_.dir() + "/secrets/" + P("info") + "\"\n";
    const size_t at = text.find(intake_pw);
    ASSERT_NE(at, std::string::npos) << text;
    text.replace(at, intake_pw.size(), "auth = \"oauth2\"\n");
    const std::string smtp = "[smtp]\n";
    text.replace(text.find(smtp), smtp.size(),
                 "[smtp]\nauth = \"oauth2\"\nusername = \"" + P("outbox") + "\"\n");
    text += "\n[alerts]\nadmin_address = \"" + P("admin") + "\"\n";
    text += "\n[oauth]\nprovider = \"custom\"\nclient_id = \"intaked-e2e\"\ntoken_url = \"" +
            idp.TokenUrl() + "\"\nscopes = [\"mail\", \"offline_access\"]\n";
    text += grant == "device" ? "device_authorization_url = \"" + idp.DeviceUrl() + "\"\n"
                              : "authorization_url = \"" + idp.AuthorizeUrl() + "\"\n";
    std::ofstream(config_) << text;
  }

  std::string Command(const std::string& args) const {
    return stack_.Binary() + " --config " + config_ + " " + args;
  }

  // `intaked login ACCOUNT` with the device grant, the person approving as `user`.
  void DeviceLogin(const std::string& account, const std::string& user,
                   const std::string& now = kTestNow) {
    TerminalSession login(Command("login " + account + " --now " + now));
    const std::string url = login.WaitForLine("URL: ");
    EXPECT_NE(url.find("/verify"), std::string::npos) << login.output();
    const std::string code = login.WaitForLine("Code: ");
    stack_.OAuth().Approve(code, user);
    ASSERT_EQ(login.Wait(), 0) << login.output();
    EXPECT_NE(login.output().find("\nok\n"), std::string::npos) << login.output();
  }

  void SendComplaint(const std::string& id) {
    stack_.Send(P("parent", "family.test"), {P("info")},
                TestMail(P("parent", "family.test"), P("info"), "Complaint about the meeting",
                         "I want to complain: nobody answered my emails about the meeting.", id));
  }
  size_t Acknowledgements() {
    size_t n = 0;
    for (const StoredMail& m : New(P("parent", "family.test")))
      if (m.message.subject.find("We have received your complaint") != std::string::npos) ++n;
    return n;
  }
};

TEST_F(OAuthE2E, DeviceLoginThenAComplaintIsAcknowledgedOverXOAuth2) {
  UseOAuth("device");
  const RunResult before = Cmd("check");
  EXPECT_EQ(before.exit_code, 1) << before.output;
  EXPECT_NE(before.output.find("not signed in: run `intaked login intake`"), std::string::npos)
      << before.output;

  DeviceLogin("intake", P("info"));
  DeviceLogin("smtp", P("outbox"));
  const RunResult check = Cmd("check");
  EXPECT_EQ(check.exit_code, 0) << check.output;

  SendComplaint("oauth1@family.test");
  const RunResult r = Cmd("run --once");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(Acknowledgements(), 1u) << r.output;
  EXPECT_GT(stack_.OAuth().Counters(P("info")).active_introspections, 0)
      << "Dovecot never checked the intake's token: was it a password login?";
  EXPECT_GT(stack_.OAuth().Counters(P("outbox")).active_introspections, 0)
      << "the letter went without SMTP AUTH";
}

TEST_F(OAuthE2E, AccessTokensAreRenewedWithoutANewLogin) {
  UseOAuth("device");
  DeviceLogin("intake", P("info"));
  DeviceLogin("smtp", P("outbox"));
  const int refreshes = stack_.OAuth().Counters(P("info")).refresh_grants;

  // Ten minutes later the token is fresh: no renewal.
  SendComplaint("oauth2a@family.test");
  ASSERT_EQ(Cmd("run --once --now 2001-03-07T10:10:00Z").exit_code, 0);
  EXPECT_EQ(stack_.OAuth().Counters(P("info")).refresh_grants, refreshes);
  EXPECT_EQ(Acknowledgements(), 1u);

  // Two hours later it has expired by its own clock: renewed before use.
  SendComplaint("oauth2b@family.test");
  const RunResult later = Cmd("run --once --now 2001-03-07T12:00:00Z");
  ASSERT_EQ(later.exit_code, 0) << later.output;
  EXPECT_EQ(stack_.OAuth().Counters(P("info")).refresh_grants, refreshes + 1);
  EXPECT_EQ(Acknowledgements(), 1u);

  // The provider ends the access tokens early: the refused token is renewed at once.
  EXPECT_GT(stack_.OAuth().ExpireAccess(P("info")), 0);
  stack_.OAuth().ExpireAccess(P("outbox"));
  SendComplaint("oauth2c@family.test");
  const RunResult early = Cmd("run --once --now 2001-03-07T12:10:00Z");
  ASSERT_EQ(early.exit_code, 0) << early.output;
  EXPECT_EQ(stack_.OAuth().Counters(P("info")).refresh_grants, refreshes + 2);
  EXPECT_EQ(Acknowledgements(), 1u);
}

TEST_F(OAuthE2E, ARevokedSignInTakesThatAccountDownOnceAndANewLoginBringsItBack) {
  UseOAuth("device");
  DeviceLogin("intake", P("info"));
  DeviceLogin("smtp", P("outbox"));
  stack_.OAuth().Revoke(P("info"));
  stack_.OAuth().ExpireAccess(P("info"));

  SendComplaint("oauth3@family.test");
  const RunResult down = Cmd("run --once --now 2001-03-07T10:05:00Z");
  EXPECT_EQ(down.exit_code, 1) << down.output;
  EXPECT_NE(down.output.find("the intake mailbox: "), std::string::npos) << down.output;
  EXPECT_NE(down.output.find("run `intaked login intake`"), std::string::npos) << down.output;
  const int refused = stack_.OAuth().Counters(P("info")).refused_refreshes;
  EXPECT_EQ(refused, 1);

  // The next runs - a restart - do not ask again, and say the same thing.
  for (const char* now : {"2001-03-07T10:10:00Z", "2001-03-07T10:15:00Z"}) {
    const RunResult again = Cmd(std::string("run --once --now ") + now);
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_NE(again.output.find("run `intaked login intake`"), std::string::npos) << again.output;
  }
  EXPECT_EQ(stack_.OAuth().Counters(P("info")).refused_refreshes, refused) << "a storm";
  EXPECT_EQ(Acknowledgements(), 0u);

  const RunResult check = Cmd("check");
  EXPECT_EQ(check.exit_code, 1) << check.output;
  EXPECT_TRUE(std::regex_search(check.output,
                                std::regex("FAIL  intake mailbox .*run `intaked login intake`")))
      << check.output;
  EXPECT_NE(check.output.find("ok    co-chair " + P("chair.a")), std::string::npos)
      << "the other accounts carry on: " << check.output;
  EXPECT_NE(check.output.find("ok    smtp"), std::string::npos) << check.output;

  // One alert, to the admin and the co-chairs, saying what to do.
  size_t alerts = 0;
  for (const StoredMail& m : New(P("admin"))) {
    if (m.message.subject.find("the intake mailbox is signed out") == std::string::npos) continue;
    ++alerts;
    EXPECT_NE(m.message.body.find("run `intaked login intake`"), std::string::npos)
        << m.message.body;
  }
  EXPECT_EQ(alerts, 1u);

  DeviceLogin("intake", P("info"), "2001-03-07T10:20:00Z");
  const RunResult back = Cmd("run --once --now 2001-03-07T10:25:00Z");
  EXPECT_EQ(back.exit_code, 0) << back.output;
  EXPECT_EQ(Acknowledgements(), 1u) << "the complaint that waited is acknowledged";
}

TEST_F(OAuthE2E, TheAuthorizationCodeGrantWithPkceByBrowserOrByPaste) {
  UseOAuth("browser");
  OAuthControl idp = stack_.OAuth();
  {  // the browser on this machine follows the redirect to intaked's listener
    TerminalSession login(Command("login intake --now " + std::string(kTestNow)));
    const std::string url = login.WaitForLine("Open: ");
    ASSERT_EQ(url.rfind(idp.AuthorizeUrl(), 0), 0u) << url;
    EXPECT_NE(url.find("code_challenge_method=S256"), std::string::npos) << url;
    const HttpAnswer provider =
        idp.Get(url.substr(idp.BaseUrl().size()) + "&user=" + UrlEscape(P("info")));
    ASSERT_EQ(provider.status, 302) << provider.body;
    ASSERT_EQ(provider.location.rfind("http://127.0.0.1:", 0), 0u) << provider.location;
    const RunResult browser =
        stack_.Shell("curl -s -o /dev/null -w '%{http_code}' '" + provider.location + "'");
    EXPECT_EQ(browser.output, "200") << browser.output;
    ASSERT_EQ(login.Wait(), 0) << login.output();
    EXPECT_NE(login.output().find("\nok\n"), std::string::npos) << login.output();
  }
  {  // a browser elsewhere: the person pastes the address it could not open
    TerminalSession login(Command("login smtp --now " + std::string(kTestNow)));
    const std::string url = login.WaitForLine("Open: ");
    const HttpAnswer provider =
        idp.Get(url.substr(idp.BaseUrl().size()) + "&user=" + UrlEscape(P("outbox")));
    ASSERT_EQ(provider.status, 302) << provider.body;
    login.Type(provider.location);
    ASSERT_EQ(login.Wait(), 0) << login.output();
  }
  EXPECT_GT(idp.Counters(P("info")).code_grants, 0);
  SendComplaint("oauth4@family.test");
  const RunResult r = Cmd("run --once");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(Acknowledgements(), 1u);
}

TEST_F(OAuthE2E, LoginNamesTheAccountsAndLogoutForgetsTheToken) {
  UseOAuth("device");
  const RunResult unknown = Cmd("login chair.z@pacts.test");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.output.find("the accounts are: intake, " + P("chair.a")), std::string::npos)
      << unknown.output;
  const RunResult password = Cmd("login " + P("chair.a"));
  EXPECT_EQ(password.exit_code, 2);
  EXPECT_NE(password.output.find("signs in with a password"), std::string::npos) << password.output;

  DeviceLogin("intake", P("info"));
  const RunResult out = Cmd("logout intake");
  EXPECT_EQ(out.exit_code, 0) << out.output;
  const RunResult check = Cmd("check");
  EXPECT_NE(check.output.find("not signed in: run `intaked login intake`"), std::string::npos)
      << check.output;
  {  // declined at the provider: exit 1, nothing stored
    TerminalSession login(Command("login intake"));
    const std::string code = login.WaitForLine("Code: ");
    stack_.OAuth().Deny(code);
    EXPECT_EQ(login.Wait(), 1) << login.output();
  }
  EXPECT_NE(Cmd("check").output.find("not signed in"), std::string::npos);
}

}  // namespace
}  // namespace intaked::e2e

namespace intaked::e2e {
namespace {

class PasswordCommandE2E : public StackTest {
 protected:
  // The intake's password_file replaced by `password_command = COMMAND`.
  void UseCommand(const std::string& command) {
    if (original_.empty()) original_ = Slurp(config_);
    std::string text = original_;
    const std::string file = "password_file = \"" + stack_.dir() + "/secrets/" + P("info") + "\"\n";
    const size_t at = text.find(file);
    ASSERT_NE(at, std::string::npos) << text;
    text.replace(at, file.size(), "password_command = \"" + command + "\"\n");
    std::ofstream(config_) << text;
  }
  std::string original_;
};

TEST_F(PasswordCommandE2E, ThePasswordComesFromTheCommandAndAFailingOneFailsOnlyItsAccount) {
  UseCommand("cat " + stack_.dir() + "/secrets/" + P("info"));
  stack_.Send(P("parent", "family.test"), {P("info")},
              TestMail(P("parent", "family.test"), P("info"), "Complaint",
                       "I want to complain about how my request was handled.", "pwc1@family.test"));
  const RunResult ok = Cmd("run --once");
  ASSERT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_EQ(New(P("parent", "family.test")).size(), 1u) << "no acknowledgement";

  UseCommand("echo the vault is locked >&2; exit 4");
  const RunResult failed = Cmd("run --once");
  EXPECT_EQ(failed.exit_code, 1) << failed.output;
  EXPECT_NE(failed.output.find("password_command exited with 4: the vault is locked"),
            std::string::npos)
      << failed.output;
  const RunResult check = Cmd("check");
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_NE(check.output.find("ok    co-chair " + P("chair.a")), std::string::npos) << check.output;
}

}  // namespace
}  // namespace intaked::e2e
