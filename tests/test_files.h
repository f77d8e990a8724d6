// SPDX-License-Identifier: GPL-3.0-or-later
// ReadTestFile: the whole of a file the tests read (fixtures, examples, the
// man pages), as bytes. A file that cannot be read throws, so a missing
// fixture fails its test loudly instead of reading as empty.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace intaked {

inline std::string ReadTestFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace intaked
