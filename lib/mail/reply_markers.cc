// SPDX-License-Identifier: GPL-3.0-or-later
#include "mail/reply_markers.h"

#include <array>

#include "base/text.h"

namespace intaked {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view Trimmed(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  // A non-breaking space in UTF-8 (C2 A0), as HTML mail leaves them.
  while (s.size() >= 2 && s[0] == '\xc2' && s[1] == '\xa0') s.remove_prefix(2);
  while (s.size() >= 2 && s[s.size() - 2] == '\xc2' && s.back() == '\xa0') s.remove_suffix(2);
  return s;
}

template <size_t N>
bool OneOf(std::string_view word, const std::array<std::string_view, N>& list) {
  for (std::string_view w : list) {
    if (word == w) return true;
  }
  return false;
}

template <size_t N>
bool ContainsAny(std::string_view text, const std::array<std::string_view, N>& list) {
  for (std::string_view w : list) {
    if (FindNoCase(text, w) != std::string_view::npos) return true;
  }
  return false;
}

// The closing verbs of attribution lines ("... Sam wrote:"), lower case.
constexpr std::array<std::string_view, 14> kWroteVerbs = {"wrote",
                                                          "writes",
                                                          "schrieb",
                                                          "a \xc3\xa9"
                                                          "crit",
                                                          "escribi\xc3\xb3",
                                                          "ha scritto",
                                                          "schreef",
                                                          "ysgrifennodd",
                                                          "skrev",
                                                          "escreveu",
                                                          "kirjoitti",
                                                          "napisa\xc5\x82",
                                                          "a scris",
                                                          "geschreven"};

// Words an attribution opens with ("On ...", "Le ...", "Am ...", "Ar ...").
constexpr std::array<std::string_view, 11> kOpeners = {"on", "le", "am",  "el",  "il", "op",
                                                       "ar", "em", "den", "dne", "w"};

// Words that name a forward, in separators and Apple's "Begin forwarded message:".
constexpr std::array<std::string_view, 10> kForwardWords = {"forward",
                                                            "weitergeleitet",
                                                            "transf\xc3\xa9r\xc3\xa9",
                                                            "r\xc3\xa9"
                                                            "exp\xc3\xa9"
                                                            "di\xc3\xa9",
                                                            "reenviado",
                                                            "inoltrato",
                                                            "doorgestuurd",
                                                            "ymlaen",
                                                            "vidarebefordr",
                                                            "videresend"};

// Words that name an original message in "-----Original Message-----".
constexpr std::array<std::string_view, 9> kOriginalWords = {
    "original",   "urspr\xc3\xbcngliche", "d'origine",     "wreiddiol",      "oorspronkelijk",
    "oprindelig", "ursprungligt",         "reply message", "message initial"};

bool EndsWithWord(std::string_view text, std::string_view word) {
  return EndsWithNoCase(text, word) &&
         (text.size() == word.size() || IsSpace(text[text.size() - word.size() - 1]));
}

bool StartsWithWord(std::string_view text, std::string_view word) {
  return StartsWithNoCase(text, word) && text.size() > word.size() && IsSpace(text[word.size()]);
}

// One candidate attribution (possibly joined from wrapped lines).
bool IsAttributionText(std::string_view text, bool quote_follows) {
  std::string_view t = Trimmed(text);
  if (t.size() > kMaxMarkerLine || t.empty() || t.back() != ':') return false;
  t.remove_suffix(1);
  t = Trimmed(t);
  bool verb = false;
  for (std::string_view v : kWroteVerbs) verb = verb || EndsWithWord(t, v);
  // German and Dutch put the name after the verb: "Am ... schrieb Sam Parent:".
  verb = verb || FindNoCase(t, " schrieb ") != std::string_view::npos ||
         FindNoCase(t, " schreef ") != std::string_view::npos;
  // "Sam Parent <sam@family.test> wrote:" above a quote needs no date.
  if (verb && quote_follows) return true;
  if (!MentionsDateOrTime(t)) return false;
  // A "wrote" verb we know, or an address (a language we list no verb for);
  // and the opening word of an attribution or the quote below it. "I emailed
  // head@school.test on 2 Nov 2026 and wrote:" has neither, and is the writer's.
  if (!verb && t.find('@') == std::string_view::npos) return false;
  bool opener = false;
  for (std::string_view o : kOpeners) opener = opener || StartsWithWord(t, o);
  return opener || quote_follows;
}

bool QuoteFollows(const Lines& lines, size_t after) {
  for (size_t k = after; k < lines.size() && k < after + 3; ++k) {
    if (IsQuoteLine(lines[k])) return true;
    if (!IsBlank(lines[k])) return false;
  }
  return false;
}

}  // namespace

bool IsBlank(std::string_view line) { return Trimmed(line).empty(); }

bool IsQuoteLine(std::string_view line) {
  for (size_t i = 0; i < line.size() && i < 4; ++i) {
    if (line[i] == '>') return true;
    if (line[i] != ' ') return false;
  }
  return false;
}

std::string_view Unquote(std::string_view line) {
  const size_t gt = line.find('>');
  if (gt == std::string_view::npos || gt > 3) return line;
  line.remove_prefix(gt + 1);
  if (!line.empty() && line[0] == ' ') line.remove_prefix(1);
  return line;
}

size_t AttributionAt(const Lines& lines, size_t i) {
  if (lines[i].size() > kMaxMarkerLine || IsBlank(lines[i]) || IsQuoteLine(lines[i])) return 0;
  std::string joined(lines[i]);
  // Only an attribution that opens as one ("On ...", "Am ...") is looked for
  // over wrapped lines: "Yes." above "On ... wrote:" is the writer's.
  bool opener = false;
  for (std::string_view o : kOpeners) opener = opener || StartsWithWord(Trimmed(lines[i]), o);
  for (size_t span = 1; span <= 3; ++span) {
    if (span > 1) {
      if (!opener) return 0;
      const size_t k = i + span - 1;
      // Only a line that does not end the attribution is joined to the next.
      if (k >= lines.size() || IsBlank(lines[k]) || IsQuoteLine(lines[k]) ||
          joined.size() + lines[k].size() > kMaxMarkerLine)
        return 0;
      joined += ' ';
      joined += Trimmed(lines[k]);
    }
    const std::string_view t = Trimmed(joined);
    if (!t.empty() && t.back() == ':') {
      return IsAttributionText(t, QuoteFollows(lines, i + span)) ? span : 0;
    }
  }
  return 0;
}

Separator SeparatorOf(std::string_view line) {
  if (line.size() > kMaxMarkerLine) return Separator::kNone;
  const std::string_view t = Trimmed(line);
  if (t.size() >= 20 && t.find_first_not_of('_') == std::string_view::npos) return Separator::kRule;
  // "-----Original Message-----", "---------- Forwarded message ---------".
  if (t.size() >= 8 && t.substr(0, 2) == "--" && t.substr(t.size() - 2) == "--") {
    const size_t first = t.find_first_not_of('-');
    const size_t last = t.find_last_not_of('-');
    if (first == std::string_view::npos || last - first > 60) return Separator::kNone;
    const std::string_view words = t.substr(first, last - first + 1);
    if (ContainsAny(words, kForwardWords)) return Separator::kForward;
    if (ContainsAny(words, kOriginalWords)) return Separator::kOriginal;
    return Separator::kNone;
  }
  // Apple Mail: "Begin forwarded message:", "Anfang der weitergeleiteten Nachricht:".
  if (t.size() <= 80 && !t.empty() && t.back() == ':' && ContainsAny(t, kForwardWords) &&
      t.find('@') == std::string_view::npos && !MentionsDateOrTime(t))
    return Separator::kForward;
  return Separator::kNone;
}

std::optional<HeaderLine> HeaderLineOf(std::string_view line) {
  if (line.size() > kMaxMarkerLine) return std::nullopt;
  std::string_view t = Trimmed(line);
  while (!t.empty() && t.front() == '*') t.remove_prefix(1);
  const size_t colon = t.substr(0, 32).find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  std::string_view key = Trimmed(t.substr(0, colon));
  while (!key.empty() && key.back() == '*') key.remove_suffix(1);
  size_t spaces = 0;
  for (char c : key) {
    if (c == ' ') ++spaces;
    const bool letter =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c & 0x80) || c == '-' || c == ' ';
    if (!letter) return std::nullopt;
  }
  if (key.empty() || spaces > 2) return std::nullopt;
  std::string_view value = t.substr(colon + 1);
  while (!value.empty() && value.front() == '*') value.remove_prefix(1);
  return HeaderLine{LowerAscii(key), Trimmed(value)};
}

HeaderRole RoleOf(std::string_view key) {
  static constexpr std::array<std::string_view, 11> kFrom = {
      "from", "von", "de", "o", "da", "van", "fr\xc3\xa5n", "fra", "od", "expéditeur", "remitente"};
  static constexpr std::array<std::string_view, 16> kDate = {
      "sent",    "date",     "gesendet",         "datum",     "envoy\xc3\xa9", "enviado",
      "fecha",   "anfonwyd", "dyddiad",          "inviato",   "data",          "verzonden",
      "skickat", "sendt",    "envoy\xc3\xa9 le", "enviado el"};
  static constexpr std::array<std::string_view, 11> kTo = {
      "to", "an", "\xc3\xa0", "\xc3\x80", "a", "para", "at", "aan", "till", "til", "cc"};
  static constexpr std::array<std::string_view, 11> kSubject = {
      "subject",   "betreff",     "objet", "asunto", "pwnc",   "oggetto",
      "onderwerp", "\xc3\xa4mne", "emne",  "temat",  "assunto"};
  if (OneOf(key, kFrom)) return HeaderRole::kFrom;
  if (OneOf(key, kDate)) return HeaderRole::kDate;
  if (OneOf(key, kTo)) return HeaderRole::kTo;
  if (OneOf(key, kSubject)) return HeaderRole::kSubject;
  return HeaderRole::kOther;
}

size_t HeaderBlockAt(const Lines& lines, size_t i) {
  const auto first = HeaderLineOf(lines[i]);
  if (!first) return 0;
  // The block starts with its sender: a "From" in some language, or, in a
  // language we do not list, a value holding an address.
  if (RoleOf(first->key) != HeaderRole::kFrom && first->value.find('@') == std::string_view::npos)
    return 0;
  bool date = false, to_or_subject = false;
  size_t n = 1;
  for (size_t k = i + 1; k < lines.size() && n < kMaxHeaderLines; ++k, ++n) {
    const auto h = HeaderLineOf(lines[k]);
    if (!h) break;
    const HeaderRole role = RoleOf(h->key);
    if (role == HeaderRole::kDate || (role == HeaderRole::kOther && ParseShownDate(h->value)))
      date = true;
    if (role == HeaderRole::kTo || role == HeaderRole::kSubject) to_or_subject = true;
  }
  return date && to_or_subject && n >= 3 ? n : 0;
}

bool IsClientFooter(std::string_view line) {
  const std::string_view t = Trimmed(line);
  if (t.size() > 100) return false;
  static constexpr std::array<std::string_view, 12> kFooters = {
      "sent from my ",     "sent from yahoo mail",  "sent from mail for windows",
      "sent from outlook", "sent from aol",         "sent from samsung",
      "get outlook for ",  "envoy\xc3\xa9 de mon ", "von meinem ",
      "enviado desde mi ", "anfonwyd o fy ",        "sent via the samsung"};
  for (std::string_view f : kFooters) {
    if (StartsWithNoCase(t, f)) return true;
  }
  return false;
}

bool IsForwardSubject(std::string_view subject) {
  const std::string_view t = Trimmed(subject);
  static constexpr std::array<std::string_view, 10> kPrefixes = {
      "fw:", "fwd:", "fw :", "fwd :", "wg:", "tr:", "tr :", "rv:", "enc:", "ymlaen:"};
  for (std::string_view p : kPrefixes) {
    if (StartsWithNoCase(t, p)) return true;
  }
  return false;
}

}  // namespace intaked
