// SPDX-License-Identifier: GPL-3.0-or-later
// The classifier measured against the labelled corpus (tests/data/corpus).
//
// Every message there carries the label a person gave it (X-Corpus-Label).
// This test reads each one as intake does (ReadMessage: parse, split off quoted and
// forwarded mail, classify, with the test organisation's co-chairs as its people),
// prints a confusion table and precision/recall for each file prefix (a- was
// written next to the rules, b- blind to them, n- for naming) and overall, and
// fails when the overall figures fall below what docs/CLASSIFICATION.md
// promises. Strict: "doubtful" (a person is asked) is not a complaint here;
// "complaints reaching a person" counts both.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "base/text.h"
#include "engine/message_reading.h"
#include "procedure/classification.h"
#include "test_config.h"

namespace intaked {
namespace {

constexpr double kMinComplaintRecall = 0.98;
constexpr double kMinComplaintPrecision = 0.95;
constexpr double kMinComplimentPrecision = 0.95;

const char* const kLabels[] = {"complaint", "compliment", "other", "automated"};
const char* const kVerdicts[] = {"complaint", "doubtful", "compliment", "other", "automated"};

struct Sample {
  std::string file;
  std::string prefix;  // "a", "b", "n"
  std::string label;
  std::string verdict;
  std::string reason;
};

// The value of `name` in the header block of `raw`, or "".
std::string CorpusHeader(const std::string& raw, const std::string& name) {
  std::istringstream in(raw);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) break;
    if (line.size() > name.size() && line[name.size()] == ':' &&
        LowerAscii(line.substr(0, name.size())) == LowerAscii(name)) {
      std::string v = line.substr(name.size() + 1);
      v.erase(0, v.find_first_not_of(" \t"));
      v.erase(v.find_last_not_of(" \t") + 1);
      return LowerAscii(v);
    }
  }
  return {};
}

std::vector<Sample> ReadCorpus() {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(CORPUS_DIR)) {
    if (e.path().extension() == ".eml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  // The organisation of the corpus: co-chairs Alex Able and Bea Bright (aliases Alex, Bea).
  const std::shared_ptr<const ProcedureContext> ctx = TestContext();
  const Instant now = date::sys_days(date::November / 30 / 2026) + std::chrono::hours(12);
  std::vector<Sample> out;
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string raw = ss.str();
    FetchedMail fm;
    fm.raw = raw;
    const Classification c = ReadMessage(fm, *ctx, now).verdict;
    const std::string name = path.filename().string();
    out.push_back({name, name.substr(0, name.find('-')), CorpusHeader(raw, "X-Corpus-Label"),
                   MessageKindName(c.kind), c.reason});
  }
  return out;
}

struct Figures {
  std::map<std::string, std::map<std::string, int>> table;  // label -> verdict -> count
  int total = 0;
  int Count(const std::string& label, const std::string& verdict) const {
    auto row = table.find(label);
    if (row == table.end()) return 0;
    auto cell = row->second.find(verdict);
    return cell == row->second.end() ? 0 : cell->second;
  }
  int Labelled(const std::string& label) const {
    int n = 0;
    for (const char* v : kVerdicts) n += Count(label, v);
    return n;
  }
  int Called(const std::string& verdict) const {
    int n = 0;
    for (const char* l : kLabels) n += Count(l, verdict);
    return n;
  }
  // 1 when there is nothing to get wrong.
  double Recall(const std::string& k) const {
    return Labelled(k) ? double(Count(k, k)) / Labelled(k) : 1.0;
  }
  double Precision(const std::string& k) const {
    return Called(k) ? double(Count(k, k)) / Called(k) : 1.0;
  }
  double ReachingAPerson() const {
    const int n = Labelled("complaint");
    return n ? double(Count("complaint", "complaint") + Count("complaint", "doubtful")) / n : 1.0;
  }
};

Figures Measure(const std::vector<Sample>& samples, const std::string& prefix) {
  Figures f;
  for (const Sample& s : samples) {
    if (!prefix.empty() && s.prefix != prefix) continue;
    ++f.table[s.label][s.verdict];
    ++f.total;
  }
  return f;
}

void Print(const std::string& title, const Figures& f) {
  std::printf("\n%s: %d messages\n%-12s", title.c_str(), f.total, "label \\ got");
  for (const char* v : kVerdicts) std::printf("%11s", v);
  std::printf("\n");
  for (const char* l : kLabels) {
    std::printf("%-12s", l);
    for (const char* v : kVerdicts) std::printf("%11d", f.Count(l, v));
    std::printf("\n");
  }
  for (const char* k : {"complaint", "compliment", "automated", "other"}) {
    std::printf("%-11s precision %.3f (%d called)  recall %.3f (%d labelled)\n", k, f.Precision(k),
                f.Called(k), f.Recall(k), f.Labelled(k));
  }
  std::printf("complaints reaching a person (complaint or doubtful): %.3f\n", f.ReachingAPerson());
}

TEST(ClassificationCorpus, EveryFileHasALabel) {
  for (const Sample& s : ReadCorpus()) {
    const bool known =
        std::find(std::begin(kLabels), std::end(kLabels), s.label) != std::end(kLabels);
    EXPECT_TRUE(known) << s.file << ": X-Corpus-Label \"" << s.label << "\"";
  }
}

TEST(ClassificationCorpus, MeetsTheFiguresPromised) {
  const std::vector<Sample> samples = ReadCorpus();
  ASSERT_GE(samples.size(), 110u) << "corpus not found in " << CORPUS_DIR;
  for (const char* prefix : {"a", "b", "n"}) {
    const Figures f = Measure(samples, prefix);
    if (f.total) Print(std::string(prefix) + "- files", f);
  }
  const Figures all = Measure(samples, "");
  Print("all files", all);
  std::printf("\nwrong calls (file: label -> verdict, rule):\n");
  for (const Sample& s : samples) {
    if (s.label == s.verdict) continue;
    std::printf("  %s: %s -> %s, %s\n", s.file.c_str(), s.label.c_str(), s.verdict.c_str(),
                s.reason.c_str());
  }
  EXPECT_GE(all.Recall("complaint"), kMinComplaintRecall);
  EXPECT_GE(all.Precision("complaint"), kMinComplaintPrecision);
  EXPECT_GE(all.Precision("compliment"), kMinComplimentPrecision);
}

}  // namespace
}  // namespace intaked
