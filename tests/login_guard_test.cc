// SPDX-License-Identifier: GPL-3.0-or-later
// The LoginGuard: a refused sign-in is final for its account until its
// credentials change - within a process, and across restarts when it has a
// RefusalMemory - and is logged once; a refused access token is renewed and
// tried once more; an account never signed in reaches no server.
#include "transport/login_guard.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <map>
#include <thread>

namespace intaked {
namespace {

// Credentials as a test says they are now; counts what the guard asks for.
class ScriptedCredentials : public CredentialSource {
 public:
  std::string password = "first";
  bool signed_in = true;
  int obtained = 0, rejected = 0;
  Result<std::string> Fingerprint(const MailAccount& a, const std::string& salt) override {
    if (a.auth == AuthMethod::kOAuth2 && !signed_in)
      return Status::Permanent("not signed in: run `intaked login " + a.key + "`");
    return SaltedDigest(salt, {password});
  }
  Result<Credential> Obtain(const MailAccount& a) override {
    ++obtained;
    if (a.auth == AuthMethod::kOAuth2)
      return Credential{a.username, "", "token-" + std::to_string(obtained)};
    return Credential{a.username, password, ""};
  }
  bool Rejected(const MailAccount& a) override {
    ++rejected;
    return a.auth == AuthMethod::kOAuth2;
  }
};

class MapMemory : public RefusalMemory {
 public:
  std::map<std::string, AccountRefusal> stored;
  std::optional<AccountRefusal> Find(const std::string& a) override {
    auto it = stored.find(a);
    if (it == stored.end()) return std::nullopt;
    return it->second;
  }
  void Remember(const std::string& a, const AccountRefusal& r) override { stored[a] = r; }
  void Forget(const std::string& a) override { stored.erase(a); }
};

MailAccount Intake(AuthMethod auth = AuthMethod::kPassword) {
  return {"intake", "the intake mailbox", "imap://mail.test/INBOX", "info@pacts.test", auth, "",
          ""};
}

struct Logged {
  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink =
      std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(50);
  std::shared_ptr<spdlog::logger> log = std::make_shared<spdlog::logger>("test", sink);
  size_t Errors() const {
    size_t n = 0;
    for (const auto& m : sink->last_raw())
      if (m.level == spdlog::level::err) ++n;
    return n;
  }
};

TEST(LoginGuard, ARefusalIsRememberedAndLoggedOnceAConnectionFailureIsNot) {
  Logged logged;
  ScriptedCredentials creds;
  LoginGuard guard(logged.log, &creds);
  int tries = 0;
  auto unreachable = [&](const Credential&) {
    ++tries;
    return Status::Connection("connection refused");
  };
  EXPECT_EQ(guard.Attempt(Intake(), unreachable).kind(), Status::Kind::kConnection);
  EXPECT_EQ(guard.Attempt(Intake(), unreachable).kind(), Status::Kind::kConnection);
  EXPECT_EQ(tries, 2) << "a server that cannot be reached is the caller's to retry";
  EXPECT_FALSE(guard.Refused("intake"));

  auto refused = [&](const Credential& c) {
    ++tries;
    EXPECT_EQ(c.password, "first");
    return Status::Permanent("login refused for info@pacts.test: NO");
  };
  for (int i = 0; i < 3; ++i) {
    const Status s = guard.Attempt(Intake(), refused);
    EXPECT_EQ(s.kind(), Status::Kind::kPermanent);
    EXPECT_NE(s.message().find("the intake mailbox: login refused"), std::string::npos);
    EXPECT_NE(s.message().find("systemctl reload intaked"), std::string::npos) << s.message();
  }
  EXPECT_EQ(tries, 3);
  EXPECT_TRUE(guard.Refused("intake"));
  EXPECT_FALSE(guard.Refused("smtp")) << "one account's refusal is not another's";
  EXPECT_EQ(logged.Errors(), 1u);

  guard.Forget();
  EXPECT_FALSE(guard.Refused("intake"));
  EXPECT_TRUE(guard.Attempt(Intake(), [](const Credential&) { return Status::Ok(); }).ok());
}

TEST(LoginGuard, ARefusalOutlivesTheProcessUntilThePasswordChanges) {
  Logged logged;
  ScriptedCredentials creds;
  MapMemory memory;
  int tries = 0;
  auto refused = [&](const Credential&) {
    ++tries;
    return Status::Permanent("login refused for info@pacts.test: NO [AUTHENTICATIONFAILED]");
  };
  {
    LoginGuard first_run(logged.log, &creds, &memory);
    EXPECT_EQ(first_run.Attempt(Intake(), refused).kind(), Status::Kind::kPermanent);
  }
  ASSERT_EQ(memory.stored.count("intake"), 1u);
  EXPECT_EQ(memory.stored["intake"].fingerprint.find("first"), std::string::npos)
      << "the stored fingerprint must not hold the password";

  for (int run = 0; run < 3; ++run) {  // restarts, `run --once` after `run --once`
    LoginGuard next_run(logged.log, &creds, &memory);
    const Status s = next_run.Attempt(Intake(), refused);
    EXPECT_EQ(s.kind(), Status::Kind::kPermanent);
    EXPECT_NE(s.message().find("login refused"), std::string::npos) << s.message();
    next_run.Forget();  // a reload with the same password changes nothing
    EXPECT_EQ(next_run.Attempt(Intake(), refused).kind(), Status::Kind::kPermanent);
  }
  EXPECT_EQ(tries, 1) << "the refused password was offered to the server again";

  creds.password = "corrected";
  LoginGuard after_fix(logged.log, &creds, &memory);
  EXPECT_TRUE(after_fix
                  .Attempt(Intake(),
                           [](const Credential& c) {
                             return c.password == "corrected" ? Status::Ok()
                                                              : Status::Permanent("no");
                           })
                  .ok());
  EXPECT_EQ(memory.stored.count("intake"), 0u) << "a working password clears the refusal";
}

TEST(LoginGuard, ARefusedAccessTokenIsRenewedOnceThenTheAccountIsDown) {
  Logged logged;
  ScriptedCredentials creds;
  MapMemory memory;
  LoginGuard guard(logged.log, &creds, &memory);
  std::vector<std::string> offered;
  auto expired_then_fine = [&](const Credential& c) {
    offered.push_back(c.bearer);
    return offered.size() == 1 ? Status::Permanent("AUTHENTICATIONFAILED") : Status::Ok();
  };
  EXPECT_TRUE(guard.Attempt(Intake(AuthMethod::kOAuth2), expired_then_fine).ok());
  EXPECT_EQ(offered, (std::vector<std::string>{"token-1", "token-2"}));
  EXPECT_EQ(creds.rejected, 1);

  offered.clear();
  auto always_refused = [&](const Credential& c) {
    offered.push_back(c.bearer);
    return Status::Permanent("AUTHENTICATIONFAILED");
  };
  const Status s = guard.Attempt(Intake(AuthMethod::kOAuth2), always_refused);
  EXPECT_EQ(s.kind(), Status::Kind::kPermanent);
  EXPECT_EQ(offered.size(), 2u) << "one renewal, not a storm";
  EXPECT_NE(s.message().find("run `intaked login intake`"), std::string::npos) << s.message();
  EXPECT_EQ(guard.Attempt(Intake(AuthMethod::kOAuth2), always_refused).kind(),
            Status::Kind::kPermanent);
  EXPECT_EQ(offered.size(), 2u);
  EXPECT_EQ(memory.stored.count("intake"), 1u);
}

TEST(LoginGuard, AnIdentityProviderRefusalIsFinalAndANewLoginLiftsIt) {
  Logged logged;
  struct Revoked : ScriptedCredentials {
    std::string generation = "g1";
    bool revoked = true;
    Result<std::string> Fingerprint(const MailAccount&, const std::string& salt) override {
      return SaltedDigest(salt, {generation});
    }
    Result<Credential> Obtain(const MailAccount& a) override {
      ++obtained;
      if (revoked) return Status::Permanent("the identity provider refused the refresh token");
      return Credential{a.username, "", "fresh"};
    }
  } creds;
  MapMemory memory;
  LoginGuard guard(logged.log, &creds, &memory);
  int logins = 0;
  auto login = [&](const Credential&) {
    ++logins;
    return Status::Ok();
  };
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(guard.Attempt(Intake(AuthMethod::kOAuth2), login).kind(), Status::Kind::kPermanent);
  EXPECT_EQ(creds.obtained, 1) << "the provider was asked again with a refused refresh token";
  EXPECT_EQ(logins, 0);
  EXPECT_EQ(logged.Errors(), 1u);

  creds.generation = "g2";  // `intaked login intake`, while the service runs
  creds.revoked = false;
  EXPECT_TRUE(guard.Attempt(Intake(AuthMethod::kOAuth2), login).ok());
  EXPECT_EQ(logins, 1);
}

TEST(LoginGuard, AnAccountNeverSignedInReachesNoServerAndIsLoggedOnce) {
  Logged logged;
  ScriptedCredentials creds;
  creds.signed_in = false;
  LoginGuard guard(logged.log, &creds);
  for (int i = 0; i < 3; ++i) {
    const Status s = guard.Attempt(Intake(AuthMethod::kOAuth2), [](const Credential&) {
      ADD_FAILURE() << "a server was reached without a token";
      return Status::Ok();
    });
    EXPECT_EQ(s.kind(), Status::Kind::kPermanent);
    EXPECT_NE(s.message().find("the intake mailbox: not signed in: run `intaked login intake`"),
              std::string::npos)
        << s.message();
  }
  EXPECT_EQ(creds.obtained, 0);
  EXPECT_EQ(logged.Errors(), 1u);
  EXPECT_TRUE(guard.Refused("intake")) << "systemctl status must be able to show it";
}

TEST(LoginGuard, TwoThreadsCannotBothBeRefused) {
  Logged logged;
  LoginGuard guard(logged.log);
  std::atomic<int> tries{0};
  auto slow_refusal = [&](const Credential&) {
    ++tries;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return Status::Permanent("login refused");
  };
  MailAccount chair{"chair.a@pacts.test",
                    "co-chair Alex Able's mailbox",
                    "imap://x/INBOX",
                    "chair.a@pacts.test",
                    AuthMethod::kPassword,
                    "pw",
                    ""};
  std::thread other([&] { guard.Attempt(chair, slow_refusal); });
  guard.Attempt(chair, slow_refusal);
  other.join();
  EXPECT_EQ(tries, 1);
}

}  // namespace
}  // namespace intaked
