// SPDX-License-Identifier: GPL-3.0-or-later
// ContactDetails: where a text gives someone's email address, UK phone number or
// postal address, for anonymity_redaction.h.
//
// Found by shape, not by regex: an address is local@domain.tld; a phone number
// is 10-13 digits in groups ("07700 900123", "+44 (0)7700 900 123", "0161 496
// 0000", "(0161) 4960000"); a postal address is the line holding a UK postcode
// ("SK4 1AA") with the street lines just above it, or a house number followed
// by a street ("12 Acacia Avenue"). Pure, linear in the text.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace intaked {

enum class Withheld { kName, kPhone, kAddress, kEmail };

struct WithheldSpan {
  size_t begin = 0;  // bytes of the text
  size_t end = 0;
  Withheld what = Withheld::kName;
};

// Every email address, phone number and postal address in `text`, in no particular order.
std::vector<WithheldSpan> FindContactDetails(std::string_view text);

// A line of a text, as byte offsets [begin, end) without its "\n".
struct TextLine {
  size_t begin, end;
};
std::vector<TextLine> SplitLines(std::string_view text);

}  // namespace intaked
