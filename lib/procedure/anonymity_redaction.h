// SPDX-License-Identifier: GPL-3.0-or-later
// RedactForStaff: the text staff may see of an anonymous complainant's words
// (docs/READING_PEOPLE.md, "Anonymity").
//
// Withheld, each replaced by a bracketed marker:
//   - the complainant's name: every part of the From display name, of a name
//     in the sign-off, and of "my name is ..." -> "[name withheld]";
//   - the sign-off block after a closing ("Kind regards", "Thanks", "Best
//     wishes", "Sent from my iPhone", ...) -> "[name withheld]";
//   - UK phone numbers in any common spelling -> "[phone withheld]";
//   - email addresses -> "[email withheld]";
//   - a UK postcode with its street lines, or "12 Acacia Avenue" -> "[address withheld]".
// A name part that is an ordinary word ("Hope", "Will") is withheld only where
// it is capitalised. Pure, linear in the text, no regex.
#pragma once

#include <string>
#include <string_view>

#include "mail/message.h"

namespace intaked {

// The text staff may see of an anonymous complainant's words: no name, sign-off,
// phone number, postal address, postcode or email address. `who` is the
// complainant (name and address as sent).
std::string RedactForStaff(std::string_view text, const Address& who);

}  // namespace intaked
