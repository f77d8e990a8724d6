// SPDX-License-Identifier: GPL-3.0-or-later
// Automatic answers: the letters intaked sends by itself in answer to incoming
// mail - nobody decided to send them, the arrival of a message did.
//
// Only these can feed a mail loop (an auto-responder answering our answer, and
// so on), so only these count towards, and are held back by, the loop guard's
// cap on automatic mail to one address (CaseMail, Outbox::AutomaticAnswersTo).
// Letters a person caused (a relayed reply, an outcome) are not on the list and
// always go. The one list; a new letter that answers mail by itself belongs here.
#pragma once

#include <algorithm>
#include <array>
#include <string_view>

namespace intaked {

inline constexpr std::array<std::string_view, 3> kAutomaticAnswers = {
    "acknowledgement",         // a complaint arrived
    "stage2_acknowledgement",  // a request for the Independent Review arrived
    "compliment_thanks",       // a compliment arrived
};

// Whether `letter` (a template name, as in the outbox's purpose) is one of them.
constexpr bool AnswersIncomingMail(std::string_view letter) {
  return std::find(kAutomaticAnswers.begin(), kAutomaticAnswers.end(), letter) !=
         kAutomaticAnswers.end();
}

}  // namespace intaked
