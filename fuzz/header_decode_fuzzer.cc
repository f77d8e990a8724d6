// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes the header decoders (lib/mail/header_decode.h): RFC 2047 encoded
// words, RFC 2231 extended values, base64 and quoted-printable. The first byte
// picks the decoder, the rest is its input. Header text must come out UTF-8.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "mail/charset.h"
#include "mail/header_decode.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 5) {
    case 0:
      FUZZ_CHECK(intaked::IsValidUtf8(intaked::DecodeHeaderValue(in)),
                 "DecodeHeaderValue output is not UTF-8");
      break;
    case 1:
      FUZZ_CHECK(intaked::IsValidUtf8(intaked::DecodeRfc2231Value(in)),
                 "DecodeRfc2231Value output is not UTF-8");
      break;
    case 2:
      FUZZ_CHECK(intaked::DecodeBase64(in).size() <= in.size(), "base64 decoded to more bytes");
      break;
    case 3:
      FUZZ_CHECK(intaked::DecodeQuotedPrintable(in, false).size() <= in.size(),
                 "quoted-printable decoded to more bytes");
      break;
    case 4:
      FUZZ_CHECK(intaked::DecodeQuotedPrintable(in, true).size() <= in.size(),
                 "Q encoding decoded to more bytes");
      break;
  }
  return 0;
}
