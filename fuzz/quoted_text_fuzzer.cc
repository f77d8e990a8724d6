// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes StripQuotedText (lib/mail/quoted_text.h) with mail bodies: attribution
// lines, Outlook separators and header blocks, '>' quoting. The writer's own
// words are a part of the body, so never longer than it.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "mail/quoted_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const std::string own = intaked::StripQuotedText(body);
  FUZZ_CHECK(own.size() <= body.size(), "own text longer than the body");
  return 0;
}
