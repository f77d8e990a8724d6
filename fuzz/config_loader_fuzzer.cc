// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes ParseConfig (lib/config/config_loader.h), the loader's in-memory entry
// point, with TOML text: toml++'s parser and every section's validation.
// Every error must name the config file, as the loader promises.
//
// The loader reads the files a config names (password_file, bank_holidays_file).
// Relative names resolve beside the config path, a directory that does not
// exist; inputs naming /dev, /proc or /sys are skipped so that the fuzzer never
// reads a device or blocks on one (a name spelt with TOML \u escapes could
// still get there, which libFuzzer is most unlikely to build).
#include <cstddef>
#include <cstdint>
#include <string>

#include "config/config_loader.h"
#include "fuzz_check.h"

namespace {

constexpr const char* kPath = "/nonexistent-intaked-fuzz/intaked.toml";

bool NamesSystemFiles(const std::string& text) {
  for (const char* dir : {"/dev", "/proc", "/sys"}) {
    if (text.find(dir) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (NamesSystemFiles(text)) return 0;
  const auto config = intaked::ParseConfig(text, kPath);
  if (!config.ok())
    FUZZ_CHECK(config.status().message().rfind(kPath, 0) == 0, "an error not naming the file");
  return 0;
}
