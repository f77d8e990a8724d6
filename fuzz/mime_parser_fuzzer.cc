// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes ParseMessage (lib/mail/mime_parser.h) with whole raw messages: MIME
// structure, headers, transfer encodings, charsets, attachments. Besides not
// crashing, every text field of the result must be UTF-8, as Message promises.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "mail/charset.h"
#include "mail/mime_parser.h"

namespace {

void CheckAddress(const intaked::Address& a) {
  FUZZ_CHECK(intaked::IsValidUtf8(a.name), "address name is not UTF-8");
  FUZZ_CHECK(intaked::IsValidUtf8(a.email), "address email is not UTF-8");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  const intaked::Message m = intaked::ParseMessage(raw);
  FUZZ_CHECK(intaked::IsValidUtf8(m.subject), "subject is not UTF-8");
  FUZZ_CHECK(intaked::IsValidUtf8(m.body), "body is not UTF-8");
  if (m.from) CheckAddress(*m.from);
  if (m.sender) CheckAddress(*m.sender);
  for (const auto* list : {&m.reply_to, &m.to, &m.cc}) {
    for (const intaked::Address& a : *list) CheckAddress(a);
  }
  for (const intaked::Attachment& a : m.attachments) {
    FUZZ_CHECK(intaked::IsValidUtf8(a.filename), "attachment filename is not UTF-8");
    FUZZ_CHECK(a.size == a.data.size(), "attachment size differs from its data");
  }
  intaked::ParseMessageIds(raw);
  return 0;
}
