// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes SplitReply (lib/mail/reply_text.h) with mail bodies: attribution
// lines, separators, header blocks in several languages, '>' quoting, client
// footers and forwards. The first input byte picks the subject (a forward's
// or a reply's), so Outlook blocks are read both ways. Everything SplitReply
// returns is a part of the body, so no field is longer than it.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "mail/reply_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view subject = (data[0] & 1) ? "FW: x" : "RE: x";
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  const intaked::ReplyText r = intaked::SplitReply(body, subject);
  FUZZ_CHECK(r.own.size() <= body.size(), "own text longer than the body");
  FUZZ_CHECK(r.quoted.size() <= body.size() + body.size() / 2 + 2, "quoted text out of bounds");
  if (r.forwarded) {
    FUZZ_CHECK(r.forwarded->text.size() <= body.size(), "forwarded text longer than the body");
    FUZZ_CHECK(r.forwarded->subject.size() <= body.size(), "forwarded subject too long");
  }
  return 0;
}
