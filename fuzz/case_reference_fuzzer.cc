// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes FindCaseReference (lib/procedure/case_reference.h) with subject lines,
// for the prefix every test uses. A reference found is one the subject holds,
// in the prefix's own spelling.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "procedure/case_reference.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view subject(reinterpret_cast<const char*>(data), size);
  const auto ref = intaked::FindCaseReference(subject, "PACTS");
  if (ref) {
    FUZZ_CHECK(ref->rfind("PACTS-", 0) == 0, "a reference without the prefix");
    FUZZ_CHECK(ref->size() <= subject.size(), "a reference longer than the subject");
  }
  return 0;
}
