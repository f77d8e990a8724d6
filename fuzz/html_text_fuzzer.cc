// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes HtmlToText (lib/mail/html_text.h): tags, comments, scripts and
// styles, entities. For UTF-8 input the text must come out UTF-8.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "mail/charset.h"
#include "mail/html_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view html(reinterpret_cast<const char*>(data), size);
  const std::string text = intaked::HtmlToText(html);
  if (intaked::IsValidUtf8(html))
    FUZZ_CHECK(intaked::IsValidUtf8(text), "UTF-8 HTML gave text that is not UTF-8");
  return 0;
}
