// SPDX-License-Identifier: GPL-3.0-or-later
// intaked.toml(5) documents every key the config loader accepts, under its
// table, and no key the loader does not accept.
//
// The man page's source (docs/man/intaked.toml.5.scd) gives each table a
// heading "## [table]" or "## [[table]]" (one heading may name several tables:
// the sign-in keys shared by [intake], [smtp] and [[co_chair]]) and starts each
// key's entry with a line "*key* = ".
//
// Two checks, because each alone can be fooled:
// 1. The loader reports the path of every key it reads or asks about
//    (ParseConfig's keys_read, e.g. "co_chair.aliases"), present in the file or
//    not. Loading every shipped example, plus the configs below that drive the
//    branches they do not, gives the keys with their tables: this is exact
//    about which table a key belongs to, and each must be documented under its
//    table. But it sees only the branches these configs drive.
// 2. So the loader's sources are scanned as well: every key name written as a
//    string literal in lib/config/*.cc, as the first argument of a TomlSection
//    read (String, StringOr, Path, Int, Bool, StringArray, IntArray, Table,
//    TableArray, Has, Fail), of the helpers that wrap them (ReadAddress,
//    ReadSecretFile) or in the key lists loops go through, must be among the
//    names check 1 saw, and the other way round. A key read only in a branch
//    no config here drives fails this, naming it: add a config that drives it.
//    The scan alone could not say which table a key is in; check 1 alone could
//    miss a branch; together they are exact.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>

#include "config/config_loader.h"
#include "test_files.h"

namespace intaked {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = fs::path(SOURCE_DIR);

// A config written into a directory of its own, with every secret file it
// names (relative, as the examples do) present and readable by its owner only.
class InstalledConfig {
 public:
  explicit InstalledConfig(const std::string& text) {
    std::string dir = (fs::temp_directory_path() / "intaked-man-XXXXXX").string();
    if (!mkdtemp(dir.data())) throw std::runtime_error("mkdtemp failed");
    dir_ = dir;
    std::ofstream(dir_ / "intaked.toml") << text;
    const std::regex secret(R"re((password_file|client_secret_file)\s*=\s*"([^"]+)")re");
    for (std::sregex_iterator m(text.begin(), text.end(), secret), end; m != end; ++m) {
      const fs::path file = dir_ / (*m)[2].str();
      fs::create_directories(file.parent_path());
      std::ofstream(file) << "secret\n";
      fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write);
    }
  }
  ~InstalledConfig() { fs::remove_all(dir_); }
  std::string path() const { return (dir_ / "intaked.toml").string(); }

 private:
  fs::path dir_;
};

// Branches the shipped examples leave alone: a custom identity provider, and a
// co-chair whose mailbox is not read (so its sign-in keys are only accepted).
constexpr char kCustomProvider[] = R"toml(
[organisation]
name = "Org"
reference_prefix = "ORG"
[oauth]
provider = "custom"
client_id = "intaked"
device_authorization_url = "https://idp.example/device"
token_url = "https://idp.example/token"
scopes = ["mail", "offline_access"]
[intake]
address = "info@example.org"
imap_url = "imaps://mail.example.org/INBOX"
auth = "oauth2"
[smtp]
url = "smtps://mail.example.org"
username = "info@example.org"
auth = "oauth2"
[[co_chair]]
name = "Alex Able"
address = "alex@example.org"
username = "alex@example.org"
[fallback]
name = "Steering Group"
address = "steering@example.org"
[stage_two]
reviewer_name = "Rita Review"
reviewer_address = "rita@reviewers.example.net"
[storage]
database = "intaked.db"
)toml";

// Every key path the loader reads over every config it is tested with here.
std::set<std::string> KeysTheLoaderReads() {
  std::vector<std::string> texts = {ReadTestFile(kSource / "config" / "intaked.toml"), kCustomProvider};
  for (const fs::directory_entry& e : fs::directory_iterator(kSource / "config" / "examples")) {
    if (e.path().extension() == ".toml") texts.push_back(ReadTestFile(e.path()));
  }
  std::set<std::string> keys;
  for (const std::string& text : texts) {
    InstalledConfig config(text);
    auto loaded = ParseConfig(text, config.path(), &keys);
    // A config that fails stops some reads early: every one must load.
    if (!loaded.ok()) throw std::runtime_error(loaded.status().message());
  }
  return keys;
}

// The key names written as literals where lib/config reads them.
std::set<std::string> KeyNamesInTheLoaderSource() {
  const std::regex read(
      R"re((?:\.|->)(?:String|StringOr|Path|Int|Bool|StringArray|IntArray|Table|TableArray|Has|Fail)\(\s*"([a-z_]+)")re");
  const std::regex helper(R"re((?:ReadAddress|ReadSecretFile)\(\s*\w+,\s*"([a-z_]+)")re");
  const std::regex key_list(R"re(for\s*\(\s*const char\*\s*\w+\s*:\s*\{([^}]*)\})re");
  const std::regex literal(R"re("([a-z_]+)")re");
  std::set<std::string> names;
  for (const fs::directory_entry& e : fs::directory_iterator(kSource / "lib" / "config")) {
    if (e.path().extension() != ".cc") continue;
    const std::string text = ReadTestFile(e.path());
    for (const std::regex* r : {&read, &helper}) {
      for (std::sregex_iterator m(text.begin(), text.end(), *r), end; m != end; ++m)
        names.insert((*m)[1].str());
    }
    for (std::sregex_iterator m(text.begin(), text.end(), key_list), end; m != end; ++m) {
      const std::string list = (*m)[1].str();
      for (std::sregex_iterator k(list.begin(), list.end(), literal); k != end; ++k)
        names.insert((*k)[1].str());
    }
  }
  return names;
}

// What the man page documents: its tables, and the keys under each.
struct ManPage {
  std::set<std::string> tables;
  std::map<std::string, std::set<std::string>> keys;  // table -> keys
};

ManPage ReadManPage() {
  const std::regex table(R"re(\[\[?([a-z_]+)\]\]?)re");
  const std::regex key(R"re(^\*([a-z_]+)\* = )re");
  ManPage page;
  std::set<std::string> current;
  std::istringstream lines(ReadTestFile(kSource / "docs" / "man" / "intaked.toml.5.scd"));
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (line.rfind('#', 0) == 0) {
      current.clear();
      if (line.rfind("## ", 0) != 0) continue;
      for (std::sregex_iterator t(line.begin(), line.end(), table), end; t != end; ++t)
        current.insert((*t)[1].str());
      page.tables.insert(current.begin(), current.end());
    } else if (std::regex_search(line, m, key)) {
      for (const std::string& t : current) page.keys[t].insert(m[1].str());
    }
  }
  return page;
}

std::string Leaf(const std::string& path) {
  const size_t dot = path.rfind('.');
  return dot == std::string::npos ? path : path.substr(dot + 1);
}

TEST(ManConfigKeys, EveryKeyTheLoaderReadsIsUnderItsTableInTheManPage) {
  const ManPage page = ReadManPage();
  const std::set<std::string> read = KeysTheLoaderReads();
  ASSERT_GT(read.size(), 60u) << "the loader reported too few keys to be all of them";
  for (const std::string& path : read) {
    const size_t dot = path.rfind('.');
    if (dot == std::string::npos) {
      EXPECT_TRUE(page.tables.count(path))
          << "[" << path << "] has no \"## [" << path << "]\" heading in intaked.toml.5.scd";
      continue;
    }
    const std::string table = path.substr(0, dot);
    const auto keys = page.keys.find(table);
    EXPECT_TRUE(keys != page.keys.end() && keys->second.count(Leaf(path)))
        << path << " is not documented as \"*" << Leaf(path) << "* = \" under [" << table
        << "] in intaked.toml.5.scd";
  }
}

TEST(ManConfigKeys, TheManPageDocumentsNoKeyTheLoaderRefuses) {
  const ManPage page = ReadManPage();
  const std::set<std::string> read = KeysTheLoaderReads();
  for (const std::string& table : page.tables)
    EXPECT_TRUE(read.count(table))
        << "intaked.toml.5.scd documents [" << table << "], which the loader does not read";
  for (const auto& [table, keys] : page.keys) {
    for (const std::string& key : keys)
      EXPECT_TRUE(read.count(table + "." + key)) << "intaked.toml.5.scd documents " << table << "."
                                                 << key << ", which the loader does not read";
  }
}

TEST(ManConfigKeys, TheConfigsHereDriveEveryKeyTheLoaderSourceNames) {
  const std::set<std::string> in_source = KeyNamesInTheLoaderSource();
  ASSERT_GT(in_source.size(), 50u) << "the scan of lib/config found too few keys";
  std::set<std::string> leaves;
  for (const std::string& path : KeysTheLoaderReads()) leaves.insert(Leaf(path));
  for (const std::string& name : in_source)
    EXPECT_TRUE(leaves.count(name))
        << "lib/config reads \"" << name
        << "\" in a branch none of this test's configs drives: add a config that does, so the "
           "man page test sees which table it is in";
  for (const std::string& name : leaves)
    EXPECT_TRUE(in_source.count(name))
        << "the loader read \"" << name
        << "\", which the scan of lib/config did not find: teach KeyNamesInTheLoaderSource how "
           "it is read";
}

// The EXAMPLE an admin may copy from is a config intaked accepts.
TEST(ManConfigKeys, TheManPageExampleLoads) {
  const std::string page = ReadTestFile(kSource / "docs" / "man" / "intaked.toml.5.scd");
  const size_t section = page.find("\n# EXAMPLE\n");
  ASSERT_NE(section, std::string::npos);
  const size_t open = page.find("```\n", section);
  const size_t close = page.find("\n```", open + 4);
  ASSERT_TRUE(open != std::string::npos && close != std::string::npos);
  const std::string text = page.substr(open + 4, close - open - 3);
  InstalledConfig config(text);
  const auto loaded = ParseConfig(text, config.path());
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded->co_chairs.size(), 2u);
}

}  // namespace
}  // namespace intaked
