// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes ParseReplyCommand (lib/procedure/reply_command.h): the keyword line
// of a handler's reply, #holding's date, and the text after it.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "procedure/reply_command.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string own_text(reinterpret_cast<const char*>(data), size);
  const intaked::ReplyCommand cmd = intaked::ParseReplyCommand(own_text);
  FUZZ_CHECK(cmd.text.size() <= own_text.size(), "command text longer than the reply");
  FUZZ_CHECK(!cmd.date || cmd.keyword == intaked::Keyword::kHolding, "a date without #holding");
  intaked::KeywordName(cmd.keyword);
  return 0;
}
