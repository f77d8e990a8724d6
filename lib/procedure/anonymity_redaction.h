// RedactForStaff: the words of an anonymous complainant as staff may see them.
#pragma once

#include <string>
#include <string_view>

#include "mail/message.h"

namespace intaked {

// The text staff may see of an anonymous complainant's words: no name, sign-off, phone number,
// postal address, postcode or email address. `who` is the complainant (name and address as sent).
std::string RedactForStaff(std::string_view text, const Address& who);

}  // namespace intaked
