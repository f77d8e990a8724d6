// SPDX-License-Identifier: GPL-3.0-or-later
// Email addresses: parsing header address lists, comparing, and masking for logs.
//
// The parser is forgiving, as real mail demands: a malformed item is skipped
// and the rest of the list still parses. Input is the header value as it came,
// NOT decoded: only display names are RFC 2047-decoded, never an addr-spec, so
// an encoded word cannot smuggle CR/LF or a second address into one.
//
// IsDeliverableAddress is the one rule for "an address we may write to": the
// parser keeps only such addresses, the outbox refuses others, and so does
// the SMTP layer (with its own check, as the last line of defence).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/text.h"
#include "mail/message.h"

namespace intaked {

std::vector<Address> ParseAddressList(std::string_view header_value);

// Like ParseAddressList, and also counts the items that held something but
// no deliverable address (`*unusable`), so a caller can say so.
std::vector<Address> ParseAddressList(std::string_view header_value, size_t* unusable);

// local@domain in printable ASCII, at most 254 bytes, one '@', no blanks,
// controls, quotes or the specials <>()[],;:\ ; the domain made of non-empty
// labels of letters, digits and '-'. Quoted local parts and address literals
// are refused: no complainant needs them, and every one is a parsing risk.
bool IsDeliverableAddress(std::string_view email);

// Case-insensitive comparison of addr-specs (local parts are case-insensitive
// on every server this product meets).
bool SameEmail(std::string_view a, std::string_view b);

// "p***@family.test": what logs at info level show instead of an address.
std::string MaskEmail(std::string_view email);

// The domain part of an address ("pacts.test"), empty when there is none.
std::string EmailDomain(std::string_view email);

// "Name <email>" for display, or just the email when there is no name.
std::string FormatAddress(const Address& a);

}  // namespace intaked
