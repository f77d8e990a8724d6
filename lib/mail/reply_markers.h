// SPDX-License-Identifier: GPL-3.0-or-later
// The shapes SplitReply (reply_text.h) looks for in a line of mail text:
// quote prefixes, attribution lines, separators, header lines, client
// footers, and the dates written in them. Owned by reply_text.cc; kept apart
// so that each shape can be tested, and the splitter stays a short loop.
//
// Every function is pure and reads at most kMaxMarkerLine bytes of a line
// (longer lines answer "no"); none uses a regular expression.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mail/shown_date.h"

namespace intaked {

using Lines = std::vector<std::string_view>;

// Lines longer than this are never attribution lines, separators or header
// lines: real ones are short, and the bound keeps the work per line fixed.
inline constexpr size_t kMaxMarkerLine = 1000;
// A forwarded or quoted header block ("From:", "Sent:", "To:", "Cc:",
// "Subject:"...) is read for at most this many lines.
inline constexpr size_t kMaxHeaderLines = 12;

// "> text", " > text", ">> text": a line quoted by the writer's client.
bool IsQuoteLine(std::string_view line);
// The line without one level of quoting ("> a" and ">a" -> "a", ">> a" -> "> a").
std::string_view Unquote(std::string_view line);
bool IsBlank(std::string_view line);

// How many lines (1 to 3) starting at lines[i] form an attribution such as
// "On Mon, 2 Nov 2026 at 09:14, Sam Parent <sam@family.test> wrote:",
// "Le lun. 2 nov. 2026 à 09:14, Sam <sam@family.test> a écrit :" or
// "Am 02.11.2026 um 09:14 schrieb Sam Parent:"; 0 if none. Recognised by
// shape: a trailing colon, a date or time, and a closing verb or an address.
size_t AttributionAt(const Lines& lines, size_t i);

enum class Separator {
  kNone,
  kOriginal,  // "-----Original Message-----", "----- Ursprüngliche Nachricht -----"
  kRule,      // Outlook's line of underscores
  kForward,   // "---------- Forwarded message ---------", "Begin forwarded message:"
};
Separator SeparatorOf(std::string_view line);

// A header line of a quoted or forwarded block: "From: x", "*Von:* x",
// "De : x" (French spacing), "Sent:\tx". `key` is lower case, trimmed.
struct HeaderLine {
  std::string key;
  std::string_view value;
};
std::optional<HeaderLine> HeaderLineOf(std::string_view line);

enum class HeaderRole { kOther, kFrom, kDate, kTo, kSubject };
HeaderRole RoleOf(std::string_view key);  // in English, German, French, Spanish, Welsh and more

// The number of header lines of a block such as Outlook's "From:/Sent:/To:/
// Subject:" that starts at lines[i] (in any language: a sender, a date, and a
// recipient or subject); 0 if none starts there.
size_t HeaderBlockAt(const Lines& lines, size_t i);

// "Sent from my iPhone", "Get Outlook for Android", "Envoyé de mon iPad":
// a line the writer's client added, not the writer.
bool IsClientFooter(std::string_view line);

// A subject that says its mail is a forward: "FW:", "Fwd:", "WG:", "TR:", "RV:".
bool IsForwardSubject(std::string_view subject);

}  // namespace intaked
