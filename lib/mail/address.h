// Email addresses: parsing header address lists, comparing, and masking for logs.
//
// The parser is forgiving, as real mail demands: a malformed item is skipped
// and the rest of the list still parses. Input is a decoded (UTF-8) header value.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mail/message.h"

namespace intaked {

std::vector<Address> ParseAddressList(std::string_view header_value);

// Case-insensitive comparison of addr-specs (local parts are case-insensitive
// on every server this product meets).
bool SameEmail(std::string_view a, std::string_view b);
std::string LowerAscii(std::string_view s);

// "p***@family.test": what logs at info level show instead of an address.
std::string MaskEmail(std::string_view email);

// The domain part of an address ("pacts.test"), empty when there is none.
std::string EmailDomain(std::string_view email);

// "Name <email>" for display, or just the email when there is no name.
std::string FormatAddress(const Address& a);

}  // namespace intaked
