// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes ParseAddressList (lib/mail/address.h) with raw header values, and
// the helpers every parsed address then meets: masking for logs, the domain,
// formatting for display, comparison.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "mail/address.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view value(reinterpret_cast<const char*>(data), size);
  for (const intaked::Address& a : intaked::ParseAddressList(value)) {
    FUZZ_CHECK(a.email.find('@') != std::string::npos, "an address without '@'");
    FUZZ_CHECK(intaked::IsDeliverableAddress(a.email), "a parsed address we may not write to");
    for (const char c : a.name)
      FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f, "a control in a name");
    FUZZ_CHECK(intaked::SameEmail(a.email, a.email), "an address differs from itself");
    intaked::MaskEmail(a.email);
    intaked::EmailDomain(a.email);
    intaked::FormatAddress(a);
  }
  return 0;
}
