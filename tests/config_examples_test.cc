// SPDX-License-Identifier: GPL-3.0-or-later
// The ready configs in config/examples/ (docs/ACCOUNTS.md) load as they stand
// once the secret files they name exist: an admin who copies one and puts in
// their own names starts from a file intaked accepts, with every account
// signing in the way its provider needs.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>

#include "config/config_loader.h"
#include "test_files.h"

namespace intaked {
namespace {

namespace fs = std::filesystem;

const fs::path kExamples = fs::path(SOURCE_DIR) / "config" / "examples";

// The value of `key = "value"` when the line sets that key (not in a comment), else "".
std::string QuotedValue(const std::string& line, const std::string& key) {
  size_t i = line.find_first_not_of(" \t");
  if (i == std::string::npos || line.compare(i, key.size(), key) != 0) return "";
  i = line.find_first_not_of(" \t", i + key.size());
  if (i == std::string::npos || line[i] != '=') return "";
  const size_t open = line.find('"', i);
  const size_t close = open == std::string::npos ? open : line.find('"', open + 1);
  if (close == std::string::npos) return "";
  return line.substr(open + 1, close - open - 1);
}

bool SetsKey(const std::string& text, const std::string& key) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const size_t i = line.find_first_not_of(" \t");
    if (i != std::string::npos && line.compare(i, key.size(), key) == 0) return true;
  }
  return false;
}

// An example copied into a directory of its own, with every secret file it
// names written as the admin is told to: mode 0600, in a directory only its
// owner may enter. Each file holds "secret of PATH".
class InstalledExample {
 public:
  explicit InstalledExample(const std::string& name) : text_(ReadTestFile(kExamples / name)) {
    std::string dir = (fs::temp_directory_path() / "intaked-example-XXXXXX").string();
    if (!mkdtemp(dir.data())) throw std::runtime_error("mkdtemp failed");
    dir_ = dir;
    std::ofstream(dir_ / "intaked.toml") << text_;
    std::istringstream lines(text_);
    for (std::string line; std::getline(lines, line);) {
      for (const char* key : {"password_file", "client_secret_file"}) {
        if (std::string file = QuotedValue(line, key); !file.empty()) secrets_.insert(file);
      }
    }
    for (const std::string& file : secrets_) WriteSecret(file);
  }
  ~InstalledExample() { fs::remove_all(dir_); }

  std::string path() const { return (dir_ / "intaked.toml").string(); }
  const std::string& text() const { return text_; }
  const std::set<std::string>& secrets() const { return secrets_; }
  static std::string SecretOf(const std::string& file) { return "secret of " + file; }

 private:
  void WriteSecret(const std::string& file) const {
    const fs::path p = dir_ / file;
    fs::create_directories(p.parent_path());
    fs::permissions(p.parent_path(), fs::perms::owner_all);
    const int fd = open(p.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) throw std::runtime_error("cannot write " + p.string());
    const std::string body = SecretOf(file) + "\n";
    const bool written = write(fd, body.data(), body.size()) == ssize_t(body.size());
    fchmod(fd, 0600);
    close(fd);
    if (!written) throw std::runtime_error("cannot write " + p.string());
  }

  std::string text_;
  fs::path dir_;
  std::set<std::string> secrets_;
};

TEST(ConfigExamples, EveryExampleLoadsOnceItsSecretFilesExist) {
  int examples = 0;
  for (const fs::directory_entry& e : fs::directory_iterator(kExamples)) {
    if (e.path().extension() != ".toml") continue;
    ++examples;
    InstalledExample ex(e.path().filename().string());
    auto c = LoadConfig(ex.path());
    ASSERT_TRUE(c.ok()) << e.path() << ": " << c.status().message();
    EXPECT_FALSE(c->inline_password) << e.path() << ": a secret is written in the file itself";
  }
  EXPECT_GE(examples, 3);
}

TEST(ConfigExamples, Microsoft365SignsEveryAccountInThroughItsOwnTenant) {
  InstalledExample ex("microsoft365.toml");
  EXPECT_TRUE(ex.secrets().empty()) << "the device code flow needs no client secret";
  auto c = LoadConfig(ex.path());
  ASSERT_TRUE(c.ok()) << c.status().message();
  ASSERT_TRUE(c->oauth);
  EXPECT_EQ(c->oauth->provider, OAuthProviderKind::kMicrosoft);
  EXPECT_NE(c->oauth->tenant, "organizations") << "a single-tenant app signs in through its tenant";
  EXPECT_EQ(c->intake_mailbox.auth, AuthMethod::kOAuth2);
  EXPECT_EQ(c->intake_mailbox.imap_url, "imaps://outlook.office365.com/INBOX");
  // The shared mailbox is opened by its own address; SMTP signs in as the person
  // who has "Send as" on it.
  EXPECT_EQ(c->intake_mailbox.username, c->intake_address);
  EXPECT_EQ(c->smtp_auth, AuthMethod::kOAuth2);
  EXPECT_EQ(c->smtp_url, "smtp://smtp.office365.com:587");
  EXPECT_FALSE(c->smtp_username.empty());
  EXPECT_NE(c->smtp_username, c->intake_address);
  ASSERT_EQ(c->co_chairs.size(), 2u);
  for (const CoChairSettings& cc : c->co_chairs) {
    ASSERT_TRUE(cc.mailbox) << cc.identity.name;
    EXPECT_EQ(cc.mailbox->auth, AuthMethod::kOAuth2) << cc.identity.name;
    EXPECT_EQ(cc.mailbox->username, cc.identity.address) << cc.identity.name;
  }
  EXPECT_FALSE(SetsKey(ex.text(), "sent_folder")) << "\"Sent Items\" is found by its \\Sent mark";
}

TEST(ConfigExamples, GoogleWorkspaceReadsItsClientSecretFromItsFile) {
  InstalledExample ex("google-workspace.toml");
  EXPECT_EQ(ex.secrets(), std::set<std::string>{"secrets/google-client-secret"});
  auto c = LoadConfig(ex.path());
  ASSERT_TRUE(c.ok()) << c.status().message();
  ASSERT_TRUE(c->oauth);
  EXPECT_EQ(c->oauth->provider, OAuthProviderKind::kGoogle);
  EXPECT_EQ(c->oauth->client_secret, InstalledExample::SecretOf("secrets/google-client-secret"));
  EXPECT_EQ(c->intake_mailbox.auth, AuthMethod::kOAuth2);
  EXPECT_EQ(c->intake_mailbox.imap_url, "imaps://imap.gmail.com/INBOX");
  // info@ is a user of its own and sends as itself.
  EXPECT_EQ(c->smtp_auth, AuthMethod::kOAuth2);
  EXPECT_EQ(c->smtp_url, "smtps://smtp.gmail.com:465");
  EXPECT_EQ(c->smtp_username, c->intake_address);
  ASSERT_EQ(c->co_chairs.size(), 2u);
  for (const CoChairSettings& cc : c->co_chairs) {
    ASSERT_TRUE(cc.mailbox) << cc.identity.name;
    EXPECT_EQ(cc.mailbox->auth, AuthMethod::kOAuth2) << cc.identity.name;
  }
  EXPECT_FALSE(SetsKey(ex.text(), "sent_folder"))
      << "\"[Gmail]/Sent Mail\" is found by its \\Sent mark";
}

TEST(ConfigExamples, PlainImapReadsPasswordFilesAndKeepsThePasswordCommandForLater) {
  InstalledExample ex("plain-imap.toml");
  EXPECT_EQ(ex.secrets(), (std::set<std::string>{"secrets/alex", "secrets/info"}));
  auto c = LoadConfig(ex.path());
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_FALSE(c->oauth) << "no account signs in with oauth2";
  EXPECT_EQ(c->intake_mailbox.auth, AuthMethod::kPassword);
  EXPECT_EQ(c->intake_mailbox.password, InstalledExample::SecretOf("secrets/info"));
  EXPECT_EQ(c->smtp_auth, AuthMethod::kPassword);
  EXPECT_EQ(c->smtp_password, InstalledExample::SecretOf("secrets/info"));
  ASSERT_EQ(c->co_chairs.size(), 2u);
  ASSERT_TRUE(c->co_chairs[0].mailbox && c->co_chairs[1].mailbox);
  EXPECT_EQ(c->co_chairs[0].mailbox->password, InstalledExample::SecretOf("secrets/alex"));
  // Loading the config runs nothing: the command runs when the password is needed.
  EXPECT_EQ(c->co_chairs[1].mailbox->password_command, "pass show intaked/bea");
  EXPECT_TRUE(c->co_chairs[1].mailbox->password.empty());
}

}  // namespace
}  // namespace intaked
