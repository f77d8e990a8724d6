// SPDX-License-Identifier: GPL-3.0-or-later
// The export's directory: fresh and private, never through a symbolic link,
// every write checked (PrivateDirectory).
#include "base/private_directory.h"
#include "test_files.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace intaked {
namespace {

mode_t Mode(const std::string& path) {
  struct stat st {};
  lstat(path.c_str(), &st);
  return st.st_mode & 0777;
}

class PrivateDirectoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/intaked-private-XXXXXX";
    root_ = mkdtemp(tmpl);
    victim_ = root_ + "/victim.txt";
    std::ofstream(victim_) << "untouched";
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  std::string root_, victim_;
};

TEST_F(PrivateDirectoryTest, MakesADirectoryOnly0700AndFilesOnly0600WhateverTheUmask) {
  const mode_t old = umask(0);
  auto dir = PrivateDirectory::Create(root_ + "/out");
  umask(old);
  ASSERT_TRUE(dir.ok()) << dir.status().message();
  ASSERT_TRUE(dir.value()->Write("record.json", "{}\n").ok());
  EXPECT_EQ(Mode(root_ + "/out"), 0700u);
  EXPECT_EQ(Mode(root_ + "/out/record.json"), 0600u);
  EXPECT_EQ(ReadTestFile(root_ + "/out/record.json"), "{}\n");
}

TEST_F(PrivateDirectoryTest, AnEmptyDirectoryOfOursIsUsedAndMadePrivate) {
  mkdir((root_ + "/out").c_str(), 0755);
  auto dir = PrivateDirectory::Create(root_ + "/out");
  ASSERT_TRUE(dir.ok()) << dir.status().message();
  EXPECT_EQ(Mode(root_ + "/out"), 0700u);
}

TEST_F(PrivateDirectoryTest, ADirectoryHoldingAPlantedLinkIsRefusedAndTheLinkNotFollowed) {
  chmod(victim_.c_str(), 0640);
  mkdir((root_ + "/out").c_str(), 0700);
  ASSERT_EQ(symlink(victim_.c_str(), (root_ + "/out/record.json").c_str()), 0);
  auto dir = PrivateDirectory::Create(root_ + "/out");
  ASSERT_FALSE(dir.ok());
  EXPECT_EQ(dir.status().message(),
            root_ + "/out: exists and is not empty; give --out a new directory");
  EXPECT_EQ(ReadTestFile(victim_), "untouched");
  EXPECT_EQ(Mode(victim_), 0640u) << "and its mode unchanged";
}

TEST_F(PrivateDirectoryTest, ALinkPlantedAfterCreationIsNotWrittenThrough) {
  auto dir = PrivateDirectory::Create(root_ + "/out");
  ASSERT_TRUE(dir.ok());
  ASSERT_EQ(symlink(victim_.c_str(), (root_ + "/out/record.json").c_str()), 0);
  const Status s = dir.value()->Write("record.json", "personal data");
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find(root_ + "/out/record.json: cannot create"), std::string::npos)
      << s.message();
  EXPECT_EQ(ReadTestFile(victim_), "untouched");
}

TEST_F(PrivateDirectoryTest, TheDirectoryItselfBeingALinkIsRefused) {
  mkdir((root_ + "/elsewhere").c_str(), 0700);
  ASSERT_EQ(symlink((root_ + "/elsewhere").c_str(), (root_ + "/out").c_str()), 0);
  auto dir = PrivateDirectory::Create(root_ + "/out");
  ASSERT_FALSE(dir.ok());
  EXPECT_NE(dir.status().message().find("is a symbolic link"), std::string::npos);
  EXPECT_TRUE(std::filesystem::is_empty(root_ + "/elsewhere"));
}

TEST_F(PrivateDirectoryTest, AnotherUsersDirectoryIsRefused) {
  if (geteuid() != 0) GTEST_FAIL() << "needs root to give a directory away (tests run as root)";
  mkdir((root_ + "/out").c_str(), 0777);
  ASSERT_EQ(chown((root_ + "/out").c_str(), 65534, 65534), 0);
  auto dir = PrivateDirectory::Create(root_ + "/out");
  ASSERT_FALSE(dir.ok());
  EXPECT_NE(dir.status().message().find("belongs to another user"), std::string::npos);
}

TEST_F(PrivateDirectoryTest, AnImpossiblePathIsAnErrorNamingIt) {
  auto dir = PrivateDirectory::Create(victim_ + "/out");  // under a plain file
  ASSERT_FALSE(dir.ok());
  EXPECT_EQ(dir.status().message(), victim_ + "/out: cannot create the directory: Not a directory");
}

TEST_F(PrivateDirectoryTest, AShortWriteIsAnErrorNamingTheFile) {
  auto dir = PrivateDirectory::Create(root_ + "/out");
  ASSERT_TRUE(dir.ok());
  // The disk "fills up" after 4 KiB: the kernel writes what fits, then refuses.
  struct rlimit old {};
  getrlimit(RLIMIT_FSIZE, &old);
  struct rlimit small = old;
  small.rlim_cur = 4096;
  const sighandler_t old_handler = signal(SIGXFSZ, SIG_IGN);
  setrlimit(RLIMIT_FSIZE, &small);
  const Status s = dir.value()->Write("message-001.eml", std::string(100000, 'x'));
  setrlimit(RLIMIT_FSIZE, &old);
  signal(SIGXFSZ, old_handler);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(), root_ +
                             "/out/message-001.eml: write failed after 4096 of 100000 bytes: "
                             "File too large");
}

}  // namespace
}  // namespace intaked
