// SPDX-License-Identifier: GPL-3.0-or-later
#include "year_simulation_doc.h"

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

namespace intaked {

std::string Thousands(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string MarkdownTable(const std::vector<std::string>& header,
                          const std::vector<std::vector<std::string>>& rows) {
  const auto line = [](const std::vector<std::string>& cells) {
    std::string s = "|";
    for (const std::string& c : cells) s += " " + c + " |";
    return s + "\n";
  };
  std::string table = line(header);
  table += line(std::vector<std::string>(header.size(), "---"));
  for (const auto& row : rows) table += line(row);
  return table;
}

::testing::AssertionResult RenderTemplate(const std::string& tmpl,
                                          const std::map<std::string, std::string>& values,
                                          std::string* out) {
  std::set<std::string> used;
  out->clear();
  size_t at = 0;
  while (true) {
    const size_t open = tmpl.find("{{", at);
    if (open == std::string::npos) break;
    const size_t close = tmpl.find("}}", open);
    if (close == std::string::npos)
      return ::testing::AssertionFailure() << "an unclosed {{ at offset " << open;
    const std::string name = tmpl.substr(open + 2, close - open - 2);
    const auto value = values.find(name);
    if (value == values.end())
      return ::testing::AssertionFailure()
             << "the template uses {{" << name << "}}, which the test does not count";
    used.insert(name);
    *out += tmpl.substr(at, open - at) + value->second;
    at = close + 2;
  }
  *out += tmpl.substr(at);
  for (const auto& [name, value] : values) {
    if (!used.count(name))
      return ::testing::AssertionFailure()
             << "the test counts " << name << " but the template never explains it";
  }
  return ::testing::AssertionSuccess();
}

std::string ReadWholeFile(const std::string& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  *ok = bool(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

namespace {

// "line N: the file says '...', the test renders '...'" for the first difference.
std::string FirstDifference(const std::string& file, const std::string& rendered) {
  std::istringstream a(file), b(rendered);
  std::string la, lb;
  for (int n = 1;; ++n) {
    const bool more_a = bool(std::getline(a, la)), more_b = bool(std::getline(b, lb));
    if (!more_a && !more_b) return "they differ only in the final line end";
    if (more_a != more_b || la != lb) {
      return "first difference at line " + std::to_string(n) +
             ":\n  the file has:   " + (more_a ? la : "(end of file)") +
             "\n  the test wrote: " + (more_b ? lb : "(end of file)");
    }
  }
}

}  // namespace

::testing::AssertionResult WriteOrCompareDoc(const std::string& path, const std::string& rendered) {
  const char* write = std::getenv("INTAKED_WRITE_DOCS");
  if (write && std::string(write) == "1") {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << rendered;
    out.close();
    if (!out) return ::testing::AssertionFailure() << "could not write " << path;
    return ::testing::AssertionSuccess();
  }
  bool ok = false;
  const std::string file = ReadWholeFile(path, &ok);
  if (ok && file == rendered) return ::testing::AssertionSuccess();
  const std::string copy = ::testing::TempDir() + "YEAR_SIMULATION.md";
  std::ofstream(copy, std::ios::binary | std::ios::trunc) << rendered;
  return ::testing::AssertionFailure()
         << path << (ok ? " is not what the year simulation renders" : " cannot be read")
         << ". The document is written by this test, so it cannot disagree with it: rerun the "
            "test with INTAKED_WRITE_DOCS=1 in the environment (e.g. INTAKED_WRITE_DOCS=1 "
            "build/tests/unit_tests --gtest_filter='YearSimulation.*'), review the change "
            "with git diff, and commit it.\nWhat the test rendered is in "
         << copy << " (diff -u " << path << " " << copy << ").\n"
         << (ok ? FirstDifference(file, rendered) : "");
}

}  // namespace intaked
