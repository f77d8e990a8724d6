// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes the LIST response parser and the modified UTF-7 mailbox names
// (lib/transport/imap_list.h, imap_mailbox_name.h) with what a hostile server
// could send: its bytes go through ImapResponseReader, every LIST response is
// parsed and every listed name decoded. Promises checked: a name that decodes
// (and holds no control character) encodes back to exactly the bytes listed,
// so intaked opens the folder the server named; and the input taken as a
// UTF-8 name, when it encodes, decodes back to itself.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "transport/imap_list.h"
#include "transport/imap_mailbox_name.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  intaked::ImapResponseReader reader;
  reader.Feed(bytes);
  std::vector<intaked::ImapResponse> responses;
  while (auto r = reader.Next()) {
    if (!intaked::IsListResponse(*r)) continue;
    const intaked::Result<intaked::ListedMailbox> m = intaked::ParseListResponse(*r);
    if (!m.ok()) continue;
    FUZZ_CHECK(!m->name.empty(), "an empty mailbox name was accepted");
    intaked::Result<std::string> name = intaked::DecodeMailboxName(m->name);
    if (name.ok()) {
      intaked::Result<std::string> wire = intaked::EncodeMailboxName(*name);
      if (wire.ok()) FUZZ_CHECK(*wire == m->name, "a listed name does not encode back to itself");
    }
    responses.push_back(std::move(*r));
  }
  (void)intaked::FindMarkedMailbox(responses, "\\Sent");

  intaked::Result<std::string> wire = intaked::EncodeMailboxName(bytes);
  if (wire.ok()) {
    for (char c : *wire) FUZZ_CHECK(c >= 0x20 && c <= 0x7e, "an encoded name is not printable");
    intaked::Result<std::string> back = intaked::DecodeMailboxName(*wire);
    FUZZ_CHECK(back.ok() && *back == bytes, "an encoded name does not decode back to itself");
  }
  return 0;
}
