// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile input (docs/SECURITY.md, "No input stops the service"): thousands of
// mutated messages - flipped and 8-bit
// bytes, cut-off bodies, broken boundaries, duplicated headers - through the
// parser and through the whole engine. Nothing may crash, and every message
// must end up recorded exactly once, whatever it is.
#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "engine/intake_cycle.h"
#include "fake_mail.h"
#include "mail/charset.h"
#include "mail/quoted_text.h"
#include "procedure/classification.h"
#include "store/database.h"
#include "test_config.h"

namespace intaked {
namespace {

std::vector<std::string> Samples() {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(TEST_DATA_DIR)) {
    // The corpora below (tests/data/corpus, replies) have tests of their own.
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    out.push_back(ss.str());
  }
  return out;
}

std::string Mutate(std::string s, std::mt19937& rng) {
  const int ops = 1 + int(rng() % 6);
  for (int i = 0; i < ops && !s.empty(); ++i) {
    const size_t at = rng() % s.size();
    switch (rng() % 7) {
      case 0:
        s[at] = char(rng() % 256);
        break;  // any byte, NUL included
      case 1:
        s.resize(at);
        break;  // cut off
      case 2:
        s.insert(at, "\r\n--XYZ\r\nContent-Type: multipart/mixed; boundary=XYZ\r\n\r\n");
        break;
      case 3:
        s.insert(at, s.substr(0, std::min<size_t>(200, s.size())));
        break;  // duplicated headers
      case 4:
        s.insert(at, "=?UTF-8?B?" + std::string(rng() % 40, '\xff') + "?=");
        break;
      case 5:
        s.insert(at, std::string(rng() % 3000, 'A'));
        break;  // long line
      case 6:
        s.insert(at, "\r\n\r\n");
        break;  // early end of headers
    }
  }
  return s;
}

// Besides not crashing: Message promises UTF-8 in every text field, whatever came in.
TEST(HostileInput, TheParserSurvivesEveryMutationAndAlwaysYieldsUtf8) {
  std::mt19937 rng(42);
  const auto samples = Samples();
  int not_utf8 = 0;
  for (int round = 0; round < 400; ++round) {
    for (const std::string& sample : samples) {
      const Message m = ParseMessage(Mutate(sample, rng));
      Classify(m, ClassificationRules::Defaults());
      std::vector<std::string> texts = {m.subject, m.body, StripQuotedText(m.body)};
      if (m.from) texts.push_back(m.from->name);
      for (const Attachment& a : m.attachments) texts.push_back(a.filename);
      for (const std::string& t : texts) not_utf8 += IsValidUtf8(t) ? 0 : 1;
    }
  }
  EXPECT_EQ(not_utf8, 0);
}

TEST(HostileInput, TheEngineRecordsEveryMutatedMessageOnceAndNeverStops) {
  auto ctx = TestContext("", false);
  auto db = std::move(OpenDatabase(":memory:").value());
  FakeMailServer server;
  FakeSender sender;
  FixedClock clock(date::sys_days(date::year(2026) / 12 / 1) + std::chrono::hours(10));
  CountingTokens tokens;
  auto log = std::make_shared<spdlog::logger>("t", std::make_shared<spdlog::sinks::null_sink_mt>());
  OutageLog outages(log);
  std::mt19937 rng(7);
  const auto samples = Samples();
  constexpr int kMessages = 300;
  for (int i = 0; i < kMessages; ++i) {
    // A unique Message-ID first, so every message is distinct whatever the mutation does after it.
    server.Deliver("info@pacts.test", "Message-ID: <hostile" + std::to_string(i) + "@x>\r\n" +
                                          Mutate(samples[size_t(i) % samples.size()], rng));
  }
  IntakeCycle cycle(*db, server, sender, clock, tokens, outages, log);
  CycleReport report;
  ASSERT_TRUE(cycle.Run(*ctx, &report).ok());
  EXPECT_EQ(report.fetched, kMessages);
  EXPECT_EQ(db->execAndGet("SELECT COUNT(*) FROM messages").getInt(), kMessages);
  EXPECT_EQ(report.failed_messages, 0) << "recorded as unprocessable instead";
  // Nothing twice: a second pass over the same folder changes nothing.
  CycleReport again;
  ASSERT_TRUE(cycle.Run(*ctx, &again).ok());
  EXPECT_EQ(again.fetched, 0);
}

}  // namespace
}  // namespace intaked
