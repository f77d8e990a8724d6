// StripQuotedText: the writer's own words of a reply, without the earlier mail
// their client quoted below (or above) them.
//
// Recognises Gmail/Thunderbird/Apple attribution lines ("On ... wrote:"),
// Outlook's "-----Original Message-----" and "From: ... Sent: ..." header
// blocks, the underscore separator, and ">" quoted lines. Signatures are kept.
// Pure; input and output UTF-8 with "\n" line ends.
#pragma once

#include <string>
#include <string_view>

namespace intaked {

std::string StripQuotedText(std::string_view body);

}  // namespace intaked
