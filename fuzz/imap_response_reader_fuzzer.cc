// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes ImapResponseReader (lib/transport/imap_response_reader.h) with the
// bytes a hostile server could send. The input is read twice: all at once, and
// in the chunk sizes the network might deliver (taken from the input's first
// bytes). Both readings must yield the same responses: where the bytes are cut
// must never change what they mean.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "transport/imap_response_reader.h"

namespace {

void Drain(intaked::ImapResponseReader& reader, std::vector<intaked::ImapResponse>& out) {
  while (auto r = reader.Next()) {
    intaked::ResponseStatus(*r);
    out.push_back(std::move(*r));
  }
}

bool Same(const intaked::ImapResponse& a, const intaked::ImapResponse& b) {
  return a.tag == b.tag && a.text == b.text && a.literals == b.literals;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  std::vector<size_t> chunks;
  for (int i = 0; i < 8; ++i) chunks.push_back(in.ConsumeIntegralInRange<size_t>(1, 64));
  const std::string bytes = in.ConsumeRemainingBytesAsString();

  intaked::ImapResponseReader whole;
  std::vector<intaked::ImapResponse> at_once;
  whole.Feed(bytes);
  Drain(whole, at_once);

  intaked::ImapResponseReader pieces;
  std::vector<intaked::ImapResponse> chunked;
  for (size_t pos = 0, i = 0; pos < bytes.size(); ++i) {
    const size_t n = std::min(chunks[i % chunks.size()], bytes.size() - pos);
    pieces.Feed(std::string_view(bytes).substr(pos, n));
    Drain(pieces, chunked);
    pos += n;
  }
  FUZZ_CHECK(at_once.size() == chunked.size(), "chunking changed the number of responses");
  for (size_t i = 0; i < at_once.size(); ++i)
    FUZZ_CHECK(Same(at_once[i], chunked[i]), "chunking changed a response");
  FUZZ_CHECK(whole.buffered() == pieces.buffered(), "chunking changed what is left buffered");
  return 0;
}
