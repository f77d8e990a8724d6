// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "config/config_loader.h"
#include "test_config.h"

namespace intaked {
namespace {

TEST(Config, TheExampleFileIsValid) {
  // The shipped example points at password files that only exist on a real
  // install; everything else must validate, so read it with inline passwords.
  std::ifstream in(std::string(SOURCE_DIR) + "/config/intaked.toml");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = std::regex_replace(
      ss.str(), std::regex(R"(password_file = "secrets/[a-z.]+")"), "password = \"x\"");
  auto c = ParseConfig(text, "/etc/intaked/intaked.toml");
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->reference_prefix, "PACTS");
  EXPECT_EQ(c->co_chairs.size(), 2u);
  EXPECT_EQ(c->co_chairs[0].mailbox->sent_folder, "") << "found by its \\Sent mark";
  EXPECT_EQ(c->respond_days, 30);
  EXPECT_EQ(c->remind_before, (std::vector<int>{5, 1}));
  EXPECT_EQ(c->closures.size(), 3u);
  EXPECT_EQ(c->database_path, "/var/lib/intaked/intaked.db");
  // Its commented-out keys are real ones with their defaults.
  auto uncommented =
      ParseConfig(std::regex_replace(text, std::regex("# (overdue_repeats = )"), "$1"),
                  "/etc/intaked/intaked.toml");
  ASSERT_TRUE(uncommented.ok()) << uncommented.status().message();
  EXPECT_NE(text.find("# overdue_repeats = 3\n"), std::string::npos);
  EXPECT_EQ(uncommented->overdue_repeats, 3);
}

TEST(Config, DefaultsAndRelativePaths) {
  auto c =
      ParseConfig(TestConfigText("[templates]\ndirectory = \"letters\"\n"), "/srv/x/intaked.toml");
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->timezone, "Europe/London");
  EXPECT_EQ(c->acknowledge_days, 10);
  EXPECT_EQ(c->intake_mailbox.username, "info@pacts.test");
  EXPECT_EQ(c->templates_directory, "/srv/x/letters");
}

struct BadCase {
  const char* extra;
  const char* expected;  // a regex the message must match
};

class BadConfig : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadConfig, ErrorNamesFileLineAndKey) {
  auto c = ParseConfig(TestConfigText(GetParam().extra), "/etc/intaked/intaked.toml");
  ASSERT_FALSE(c.ok());
  EXPECT_TRUE(std::regex_search(c.status().message(), std::regex(GetParam().expected)))
      << c.status().message();
}

INSTANTIATE_TEST_SUITE_P(
    Errors, BadConfig,
    ::testing::Values(
        BadCase{
            "[deadlines]\nrespond = -3\n",
            R"(^/etc/intaked/intaked.toml:\d+:\d+: deadlines.respond: must be a whole number of working days from 1 to 365, not -3$)"},
        BadCase{"[deadlines]\nrespnd = 30\n",
                R"(intaked.toml:\d+:\d+: deadlines.respnd: unknown key)"},
        BadCase{
            "[calendar]\nregion = \"wales\"\n",
            R"(calendar.region: must be england-and-wales, scotland or northern-ireland, not "wales")"},
        BadCase{"[calendar]\nclosures = [\"2026-13-01\"]\n",
                R"(calendar.closures: "2026-13-01" is not a date)"},
        BadCase{"[polling]\nidle = \"yes\"\n", R"(polling.idle: must be true or false)"},
        BadCase{"[deadlines]\nremind_before = [5, \"x\"]\n",
                R"(deadlines.remind_before: must be a list)"},
        BadCase{"[logging]\nlevel = \"loud\"\n", R"(logging.level: must be trace)"},
        BadCase{"[organisation2]\n", R"(organisation2: unknown key)"},
        BadCase{"[deadlines\n", R"(^/etc/intaked/intaked.toml:\d+:\d+: )"}));

TEST(Config, MissingAndMalformedValues) {
  std::string text = TestConfigText();
  auto no_fallback =
      ParseConfig(std::regex_replace(text, std::regex("\\[fallback\\][^\\[]*"), ""), "f.toml");
  ASSERT_FALSE(no_fallback.ok());
  EXPECT_EQ(no_fallback.status().message(), "f.toml: fallback: missing: add a [fallback] table");
  auto bad_url = ParseConfig(
      std::regex_replace(text, std::regex("smtp://127.0.0.1:2525"), "mail.example"), "f.toml");
  ASSERT_FALSE(bad_url.ok());
  EXPECT_NE(bad_url.status().message().find("smtp.url: must look like smtp://"), std::string::npos);
  auto bad_tz = ParseConfig(TestConfigText(), "f.toml");
  ASSERT_TRUE(bad_tz.ok());
  auto tz =
      ParseConfig(std::regex_replace(text, std::regex("reference_prefix = \"PACTS\""),
                                     "reference_prefix = \"PACTS\"\ntimezone = \"Mars/Olympus\""),
                  "f.toml");
  ASSERT_FALSE(tz.ok());
  EXPECT_NE(tz.status().message().find("organisation.timezone: unknown time zone \"Mars/Olympus\""),
            std::string::npos);
}

// A folder name goes into IMAP commands as a quoted string: a CR or LF in it
// would end the command and start another of the config's choosing.
TEST(Config, FolderNamesMayNotHoldLineBreaksOrNul) {
  const std::string text = TestConfigText();
  struct Bad {
    std::string from, to, key;
  };
  const Bad cases[] = {
      {"imap_url = \"imap://127.0.0.1:1143/INBOX\"\npassword = \"pw\"\n\n[smtp",
       "imap_url = \"imap://127.0.0.1:1143/INBOX%0D%0AA1 DELETE INBOX\"\npassword = "
       "\"pw\"\n\n[smtp",
       "intake.imap_url"},
      {"imap_url = \"imap://127.0.0.1:1143/INBOX\"\npassword = \"pw\"\n\n[smtp",
       "imap_url = \"imap://127.0.0.1:1143/IN%00BOX\"\npassword = \"pw\"\n\n[smtp",
       "intake.imap_url"},
      {"aliases = [\"Alex\"]\n", "aliases = [\"Alex\"]\nsent_folder = \"Sent\\r\\nA9 LOGOUT\"\n",
       "co_chair[1].sent_folder"},
      {"aliases = [\"Alex\"]\n", "aliases = [\"Alex\"]\nsent_folder = \"Sent\\n\"\n",
       "co_chair[1].sent_folder"},
      // Every other control character too: a tab, an escape sequence, DEL, C1's NEL.
      {"aliases = [\"Alex\"]\n", "aliases = [\"Alex\"]\nsent_folder = \"Sent\\tItems\"\n",
       "co_chair[1].sent_folder"},
      {"aliases = [\"Alex\"]\n", "aliases = [\"Alex\"]\nsent_folder = \"\\u001b[2JSent\"\n",
       "co_chair[1].sent_folder"},
      {"aliases = [\"Alex\"]\n", "aliases = [\"Alex\"]\nsent_folder = \"Sent\\u007f\"\n",
       "co_chair[1].sent_folder"},
      {"aliases = [\"Alex\"]\n", "aliases = [\"Alex\"]\nsent_folder = \"Sent\\u0085\"\n",
       "co_chair[1].sent_folder"},
  };
  for (const Bad& b : cases) {
    const size_t at = text.find(b.from);
    ASSERT_NE(at, std::string::npos) << b.from;
    const std::string bad = std::string(text).replace(at, b.from.size(), b.to);
    auto c = ParseConfig(bad, "f.toml");
    ASSERT_FALSE(c.ok()) << b.to;
    EXPECT_NE(c.status().message().find(b.key + ": the folder name may not hold"),
              std::string::npos)
        << c.status().message();
  }
  auto fine =
      ParseConfig(std::regex_replace(text, std::regex("aliases = \\[\"Alex\"\\]\n"),
                                     "aliases = [\"Alex\"]\nsent_folder = \"Sent Items\"\n"),
                  "f.toml");
  ASSERT_TRUE(fine.ok()) << fine.status().message();
  EXPECT_EQ(fine->co_chairs[0].mailbox->sent_folder, "Sent Items");
}

// Left out, a co-chair's Sent folder is the one their server marks \Sent; a
// name outside ASCII is taken as written (it is encoded when sent); an empty
// name is a mistake, not a way to say either.
TEST(Config, SentFolderIsOptionalAndMayBeNamedInAnyScript) {
  auto found = ParseConfig(TestConfigText(), "f.toml");
  ASSERT_TRUE(found.ok()) << found.status().message();
  EXPECT_EQ(found->co_chairs[0].mailbox->sent_folder, "");
  EXPECT_EQ(found->intake_mailbox.sent_folder, "") << "the intake mailbox has none";

  const std::string text = TestConfigText();
  const std::string alex = "aliases = [\"Alex\"]\n";
  const auto with = [&](const std::string& line) {
    return ParseConfig(std::string(text).replace(text.find(alex), alex.size(), alex + line),
                       "f.toml");
  };
  auto french = with("sent_folder = \"\u00c9l\u00e9ments envoy\u00e9s\"\n");
  ASSERT_TRUE(french.ok()) << french.status().message();
  EXPECT_EQ(french->co_chairs[0].mailbox->sent_folder, "\xc3\x89l\xc3\xa9ments envoy\xc3\xa9s");

  auto empty = with("sent_folder = \"\"\n");
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find(
                "co_chair[1].sent_folder: must not be empty; leave it out to use the folder the "
                "server marks \\Sent"),
            std::string::npos)
      << empty.status().message();
}

TEST(Config, MailboxesAreNamedAsPeopleKnowThem) {
  auto c = ParseConfig(TestConfigText(), "f.toml");
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->intake_mailbox.role, "the intake mailbox");
  EXPECT_EQ(c->co_chairs[0].mailbox->role, "co-chair Alex Able's mailbox");
  EXPECT_EQ(c->co_chairs[1].mailbox->role, "co-chair Bea Bright's mailbox");
}

TEST(Config, PasswordFilesMustBePrivate) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("intaked-config-test-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "pw") << "secret\n";
  std::string text =
      std::regex_replace(TestConfigText(), std::regex("address = \"info@pacts.test\"\n"),
                         "address = \"info@pacts.test\"\npassword_file = \"pw\"\n");
  text = std::regex_replace(
      text, std::regex("imap_url = \"imap://127.0.0.1:1143/INBOX\"\npassword = \"pw\"\n\n\\[smtp"),
      "imap_url = \"imap://127.0.0.1:1143/INBOX\"\n\n[smtp");
  chmod((dir / "pw").c_str(), 0644);
  auto open = ParseConfig(text, (dir / "intaked.toml").string());
  ASSERT_FALSE(open.ok());
  EXPECT_NE(open.status().message().find("intake.password_file: \"" + (dir / "pw").string() +
                                         "\" is readable by others"),
            std::string::npos)
      << open.status().message();
  chmod((dir / "pw").c_str(), 0600);
  auto closed = ParseConfig(text, (dir / "intaked.toml").string());
  ASSERT_TRUE(closed.ok()) << closed.status().message();
  EXPECT_EQ(closed->intake_mailbox.password, "secret");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace intaked

namespace intaked {
namespace {

std::string Replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("not in the test config: " + from);
  return text.replace(at, from.size(), to);
}

TEST(Config, PeopleInTheProcedureAreDistinctWhateverTheCase) {
  const auto dup = ParseConfig(Replaced(TestConfigText(), "address = \"chair.b@pacts.test\"",
                                        "address = \"Chair.A@PACTS.test\""),
                               "/tmp/x.toml");
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.status().message().find("two co-chairs share the address"), std::string::npos);
  const auto fallback = ParseConfig(Replaced(TestConfigText(), "address = \"steering@pacts.test\"",
                                             "address = \"chair.b@pacts.test\""),
                                    "/tmp/x.toml");
  ASSERT_FALSE(fallback.ok());
  EXPECT_NE(fallback.status().message().find("fallback must not be a co-chair (Bea Bright)"),
            std::string::npos)
      << fallback.status().message();
  const auto reviewer = ParseConfig(
      Replaced(TestConfigText(), "reviewer@outside.test", "CHAIR.A@pacts.test"), "/tmp/x.toml");
  ASSERT_FALSE(reviewer.ok());
  EXPECT_NE(reviewer.status().message().find("reviewer must not be a co-chair (Alex Able)"),
            std::string::npos);
}

}  // namespace
}  // namespace intaked

namespace intaked {
namespace {

// The people of the procedure are distinct (policy §5: identity goes only to
// those who need it). An address is compared as mail compares it: whatever
// its case, and without the spaces a config may have around it.
bool FailsAt(const Result<Config>& c, const std::string& pattern) {
  return !c.ok() && std::regex_search(c.status().message(), std::regex(pattern));
}

TEST(Config, TwoCoChairsWithOneAddressAreCaughtWhateverTheCase) {
  std::string text = Replaced(TestConfigText(), "address = \"chair.a@pacts.test\"",
                              "address = \"Alex@pacts.test\"");
  text = Replaced(text, "address = \"chair.b@pacts.test\"", "address = \"alex@PACTS.test\"");
  const auto c = ParseConfig(text, "/tmp/x.toml");
  EXPECT_TRUE(
      FailsAt(c, R"(^/tmp/x.toml:\d+:\d+: co_chair\[2\]\.address: two co-chairs share the address )"
                 R"(alex@PACTS.test \(Alex Able and Bea Bright\)$)"))
      << c.status().message();
}

TEST(Config, AddressesAreComparedWithoutSurroundingSpaces) {
  const auto reviewer = ParseConfig(
      Replaced(TestConfigText(), "\"reviewer@outside.test\"", "\" Chair.A@pacts.test \""),
      "/tmp/x.toml");
  EXPECT_TRUE(FailsAt(reviewer, R"(^/tmp/x.toml:\d+:\d+: stage_two\.reviewer_address: )"
                                R"(the reviewer must not be a co-chair \(Alex Able\)$)"))
      << reviewer.status().message();
  const auto fallback = ParseConfig(
      Replaced(TestConfigText(), "\"steering@pacts.test\"", "\"\\tCHAIR.B@pacts.test \""),
      "/tmp/x.toml");
  EXPECT_TRUE(FailsAt(fallback, R"(^/tmp/x.toml:\d+:\d+: fallback\.address: )"
                                R"(the fallback must not be a co-chair \(Bea Bright\)$)"))
      << fallback.status().message();
  const auto co_chair =
      ParseConfig(Replaced(TestConfigText(), "\"chair.b@pacts.test\"", "\" chair.a@pacts.test\""),
                  "/tmp/x.toml");
  EXPECT_TRUE(FailsAt(co_chair, R"(^/tmp/x.toml:\d+:\d+: co_chair\[2\]\.address: two co-chairs)"))
      << co_chair.status().message();
  // Spaces alone make no other person: the address is kept without them.
  const auto fine = ParseConfig(
      Replaced(TestConfigText(), "\"steering@pacts.test\"", "\" steering@pacts.test \""),
      "/tmp/x.toml");
  ASSERT_TRUE(fine.ok()) << fine.status().message();
  EXPECT_EQ(fine->fallback_address, "steering@pacts.test");
  const auto blank =
      ParseConfig(Replaced(TestConfigText(), "\"steering@pacts.test\"", "\"  \""), "/tmp/x.toml");
  EXPECT_TRUE(FailsAt(blank, R"(^/tmp/x.toml:\d+:\d+: fallback\.address: must not be empty$)"))
      << blank.status().message();
}

TEST(Config, TheReviewerIsNotTheFallback) {
  // Stage Two reviews how the procedure was run, escalations included.
  const auto c = ParseConfig(
      Replaced(TestConfigText(), "reviewer@outside.test", "Steering@PACTS.test"), "/tmp/x.toml");
  EXPECT_TRUE(FailsAt(c, R"(^/tmp/x.toml:\d+:\d+: stage_two\.reviewer_address: )"
                         R"(the reviewer must not be the fallback \(Steering Group\)$)"))
      << c.status().message();
}

TEST(Config, OverdueRepeatsDefaultsToThreeAndIsBounded) {
  const auto by_default = ParseConfig(TestConfigText(), "/tmp/x.toml");
  ASSERT_TRUE(by_default.ok()) << by_default.status().message();
  EXPECT_EQ(by_default->overdue_repeats, 3);
  for (int n : {0, 50}) {
    const auto c =
        ParseConfig(TestConfigText("[deadlines]\noverdue_repeats = " + std::to_string(n) + "\n"),
                    "/tmp/x.toml");
    ASSERT_TRUE(c.ok()) << c.status().message();
    EXPECT_EQ(c->overdue_repeats, n);
  }
  for (const char* bad : {"51", "-1", "2.5", "\"3\""}) {
    const auto c = ParseConfig(
        TestConfigText(std::string("[deadlines]\noverdue_repeats = ") + bad + "\n"), "/tmp/x.toml");
    EXPECT_TRUE(FailsAt(c, R"(^/tmp/x.toml:\d+:\d+: deadlines\.overdue_repeats: )"
                           R"(must be a whole number of repeats from 0 to 50, not )"))
        << bad << ": " << c.status().message();
  }
}

TEST(Config, AFloatWhereAWholeNumberBelongsIsAnError) {
  // Found by the config fuzzer: toml++ converted 1e35 to an integer with
  // undefined behaviour before the loader looked at the node's type.
  const auto c =
      ParseConfig(TestConfigText("[polling]\ninterval_seconds = 1.1e35\n"), "/tmp/x.toml");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("interval_seconds"), std::string::npos)
      << c.status().message();
}

}  // namespace
}  // namespace intaked

namespace intaked {
namespace {

// The intake address is the organisation's, nobody's own: mail from it is taken for intaked's
// own and never read, so a person given it could never act by email.
TEST(Config, TheIntakeAddressIsNoPersonsWhateverTheCase) {
  const std::string intake = "address = \"info@pacts.test\"";
  const auto co_chair = ParseConfig(
      Replaced(TestConfigText(), intake, "address = \" Chair.B@PACTS.test \""), "/tmp/x.toml");
  EXPECT_TRUE(FailsAt(co_chair, R"(^/tmp/x.toml:\d+:\d+: intake\.address: )"
                                R"(the intake address must not be a co-chair's \(Bea Bright\)$)"))
      << co_chair.status().message();
  const auto fallback = ParseConfig(
      Replaced(TestConfigText(), intake, "address = \"STEERING@pacts.test\""), "/tmp/x.toml");
  EXPECT_TRUE(FailsAt(fallback, R"(^/tmp/x.toml:\d+:\d+: intake\.address: )"
                                R"(the intake address must not be the fallback's )"
                                R"(\(Steering Group\)$)"))
      << fallback.status().message();
  const auto reviewer = ParseConfig(
      Replaced(TestConfigText(), intake, "address = \"Reviewer@Outside.test\""), "/tmp/x.toml");
  EXPECT_TRUE(FailsAt(reviewer, R"(^/tmp/x.toml:\d+:\d+: intake\.address: )"
                                R"(the intake address must not be the reviewer's \(Rita Review\)$)"))
      << reviewer.status().message();
}

}  // namespace
}  // namespace intaked
