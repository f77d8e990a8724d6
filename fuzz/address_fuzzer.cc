// Fuzzes ParseAddressList (lib/mail/address.h) with decoded header values, and
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
    FUZZ_CHECK(intaked::SameEmail(a.email, a.email), "an address differs from itself");
    intaked::MaskEmail(a.email);
    intaked::EmailDomain(a.email);
    intaked::FormatAddress(a);
  }
  return 0;
}
