// SPDX-License-Identifier: GPL-3.0-or-later
// Naming and anonymity measured on the labelled corpus (tests/data/corpus/*.eml).
//
// For every message labelled a complaint, the co-chairs it names and whether it
// asks for anonymity are read as intaked reads them (subject + own words after
// StripQuotedText; "sent straight to" from To/Cc) and compared with the labels
// X-Corpus-Names and X-Corpus-Anonymous. False and missed calls are printed with
// their file names, with the rates. Any miss on an n- file (written for these
// rules) fails; the rest of the corpus is reported only.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "base/text.h"
#include "mail/address.h"
#include "mail/mime_parser.h"
#include "mail/quoted_text.h"
#include "procedure/complainant_requests.h"
#include "procedure/naming.h"
#include "test_files.h"

namespace intaked {
namespace {

const std::vector<CoChairIdentity> kChairs = {{"Alex Able", "chair.a@pacts.test", {"Alex"}},
                                              {"Bea Bright", "chair.b@pacts.test", {"Bea"}}};
const char* const kSurnames[] = {"able", "bright"};

// The value of header `name` (lower case, with colon) in the raw message's header block.
std::string Label(const std::string& raw, const std::string& name) {
  std::istringstream in(raw);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) break;
    if (StartsWithNoCase(line, name)) return LowerAscii(Trim(line.substr(name.size())));
  }
  return {};
}

std::optional<size_t> SentStraightTo(const Message& m) {
  std::optional<size_t> only;
  size_t count = 0;
  for (size_t i = 0; i < kChairs.size(); ++i) {
    bool addressed = false;
    for (const auto* list : {&m.to, &m.cc}) {
      for (const Address& a : *list) addressed |= SameEmail(a.email, kChairs[i].address);
    }
    if (addressed) {
      only = i;
      ++count;
    }
  }
  return count == 1 ? only : std::nullopt;
}

std::vector<bool> LabelledNames(const std::string& raw) {
  const std::string names = Label(raw, "x-corpus-names:");
  std::vector<bool> out(kChairs.size(), false);
  for (size_t i = 0; i < kChairs.size(); ++i) {
    out[i] = names.find(kSurnames[i]) != std::string::npos;
  }
  return out;
}

struct Tally {
  size_t messages = 0, false_calls = 0, missed = 0;
  std::vector<std::string> n_failures;
  void Print(const char* what) const {
    std::cout << what << ": " << messages << " complaints, " << false_calls << " false, " << missed
              << " missed (false rate " << (messages ? 1.0 * false_calls / messages : 0.0)
              << ", missed rate " << (messages ? 1.0 * missed / messages : 0.0) << ")\n";
  }
};

TEST(NamingCorpus, NamingAndAnonymityAsLabelled) {
  const std::filesystem::path dir = std::filesystem::path(TEST_DATA_DIR) / "corpus";
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() == ".eml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  Tally naming, anonymity;
  size_t n_files = 0;
  for (const auto& path : files) {
    const std::string raw = ReadTestFile(path);
    if (Label(raw, "x-corpus-label:") != "complaint") continue;
    const std::string file = path.filename().string();
    const bool ours = file.rfind("n-", 0) == 0;
    n_files += ours;
    const Message m = ParseMessage(raw);
    const std::string own = m.subject + "\n" + StripQuotedText(m.body);
    const std::vector<bool> got = NamedCoChairs(NamingInput{own, SentStraightTo(m)}, kChairs);
    const std::vector<bool> want = LabelledNames(raw);
    ++naming.messages;
    for (size_t i = 0; i < kChairs.size(); ++i) {
      if (got[i] == want[i]) continue;
      (got[i] ? naming.false_calls : naming.missed)++;
      std::cout << (got[i] ? "false naming of " : "missed naming of ") << kSurnames[i] << ": "
                << file << "\n";
      if (ours) naming.n_failures.push_back(file);
    }
    const bool asks = AsksForAnonymity(own);
    const bool labelled = Label(raw, "x-corpus-anonymous:") == "yes";
    ++anonymity.messages;
    if (asks != labelled) {
      (asks ? anonymity.false_calls : anonymity.missed)++;
      std::cout << (asks ? "false anonymity: " : "missed anonymity: ") << file << "\n";
      if (ours) anonymity.n_failures.push_back(file);
    }
  }
  naming.Print("naming");
  anonymity.Print("anonymity");
  EXPECT_GE(n_files, 25u) << "the n- files are missing from " << dir;
  EXPECT_TRUE(naming.n_failures.empty())
      << "naming wrong on " << naming.n_failures.size() << " n- file(s), listed above";
  EXPECT_TRUE(anonymity.n_failures.empty())
      << "anonymity wrong on " << anonymity.n_failures.size() << " n- file(s), listed above";
}

}  // namespace
}  // namespace intaked
