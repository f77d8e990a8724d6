// SPDX-License-Identifier: GPL-3.0-or-later
// YearSimulationDoc: docs/YEAR_SIMULATION.md is written by the year
// simulation test, from its prose template (tests/year_simulation_doc.md.in)
// and the counts of the run, so the document cannot state numbers the test
// did not produce.
//
// The test renders the whole document on every run. With INTAKED_WRITE_DOCS=1
// in the environment it writes it into the source tree; otherwise it only
// compares, and a difference fails the test with the first differing line and
// a copy of the rendered document in the test's temporary directory (never in
// the source tree or the working directory).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace intaked {

// "2,971"
std::string Thousands(int64_t n);

// A markdown table: `header`, then one line per row (cells in the same order).
std::string MarkdownTable(const std::vector<std::string>& header,
                          const std::vector<std::vector<std::string>>& rows);

// `tmpl` with each {{name}} replaced by values.at(name). A name the template uses that has
// no value, or a value the template never uses, is an error: the document explains every
// count it is given.
::testing::AssertionResult RenderTemplate(const std::string& tmpl,
                                          const std::map<std::string, std::string>& values,
                                          std::string* out);

// Writes `rendered` to `path` when INTAKED_WRITE_DOCS=1, else checks that `path` holds it.
::testing::AssertionResult WriteOrCompareDoc(const std::string& path, const std::string& rendered);

// The whole of a text file (empty, and *ok false, when it cannot be read).
std::string ReadWholeFile(const std::string& path, bool* ok);

}  // namespace intaked
