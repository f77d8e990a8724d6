// SPDX-License-Identifier: GPL-3.0-or-later
#include "procedure/anonymity_redaction.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "base/text.h"
#include "procedure/contact_details.h"
#include "procedure/naming.h"
#include "procedure/words.h"

namespace intaked {
namespace {

const char* Marker(Withheld w) {
  switch (w) {
    case Withheld::kPhone:
      return "[phone withheld]";
    case Withheld::kAddress:
      return "[address withheld]";
    case Withheld::kEmail:
      return "[email withheld]";
    default:
      return "[name withheld]";
  }
}

bool IsTitle(const std::string& w) {
  return w == "mr" || w == "mrs" || w == "ms" || w == "miss" || w == "dr" || w == "mx";
}

// The words of a line that read as a name: capitalised, not a title.
void LearnNames(std::string_view line, std::vector<std::string>& names) {
  const std::string lower = LowerAscii(Trim(line));
  if (lower.rfind("sent from", 0) == 0 || lower.rfind("get outlook", 0) == 0) return;
  for (const Word& w : ReadWords(line)) {
    if (w.capitalised && w.lower.size() > 1 && !IsTitle(w.lower)) names.push_back(w.lower);
  }
}

size_t WordCount(std::string_view s) { return ReadWords(s).size(); }

// Whether `line` closes a letter ("Kind regards,", "Thanks, Sam", "Sent from my
// iPhone"). Sets `inline_name` to where a name on the same line starts, or npos.
bool IsClosingLine(std::string_view line, size_t& inline_name) {
  static constexpr std::string_view kClosings[] = {"kind regards",
                                                   "best regards",
                                                   "warm regards",
                                                   "warmest regards",
                                                   "many thanks",
                                                   "thanks again",
                                                   "thanks so much",
                                                   "thank you",
                                                   "thankyou",
                                                   "thanks",
                                                   "regards",
                                                   "best wishes",
                                                   "all the best",
                                                   "best",
                                                   "cheers",
                                                   "yours sincerely",
                                                   "yours faithfully",
                                                   "yours truly",
                                                   "yours",
                                                   "sincerely",
                                                   "with thanks",
                                                   "with best wishes",
                                                   "love",
                                                   "sent from my",
                                                   "get outlook for",
                                                   "take care",
                                                   "speak soon",
                                                   "ta",
                                                   "many kind regards",
                                                   "kindest regards",
                                                   "thx"};
  inline_name = std::string_view::npos;
  const std::string trimmed = Trim(line);
  if (trimmed.empty() || trimmed.size() > 80) return false;
  const std::string lower = LowerAscii(trimmed);
  for (std::string_view c : kClosings) {
    if (lower.rfind(c, 0) != 0) continue;
    const std::string_view rest = std::string_view(trimmed).substr(c.size());
    if (!rest.empty() && std::isalnum(static_cast<unsigned char>(rest[0]))) continue;  // "bestow"
    if (c == "sent from my" || c == "get outlook for") return true;
    const std::string after = Trim(rest);
    if (after.empty() || after == "," || after == "." || after == "!" || after == ",," ||
        after == "!!") {
      return true;
    }
    if (after[0] == ',' && WordCount(after) <= 3) {  // "Thanks, Sam Taylor"
      inline_name = line.find(after) + 1;
      while (inline_name < line.size() && line[inline_name] == ' ') ++inline_name;
      return true;
    }
    return trimmed.back() == ',' && WordCount(trimmed) <= 8;  // "Thanks for your help,"
  }
  return false;
}

bool HoldsContact(std::string_view line) { return !FindContactDetails(line).empty(); }

// The sign-off blocks: the short lines after each closing line, and a name
// written on the closing line itself.
void FindSignOffs(std::string_view t, std::vector<WithheldSpan>& spans,
                  std::vector<std::string>& names) {
  const std::vector<TextLine> lines = SplitLines(t);
  for (size_t n = 0; n < lines.size(); ++n) {
    const std::string_view line = t.substr(lines[n].begin, lines[n].end - lines[n].begin);
    size_t inline_name = 0;
    if (!IsClosingLine(line, inline_name)) continue;
    if (inline_name != std::string_view::npos) {
      spans.push_back({lines[n].begin + inline_name, lines[n].end, Withheld::kName});
      LearnNames(line.substr(inline_name), names);
    }
    size_t k = n + 1;
    if (k < lines.size() && Trim(t.substr(lines[k].begin, lines[k].end - lines[k].begin)).empty())
      ++k;
    const size_t first = k;
    for (; k < lines.size() && k < first + 6; ++k) {
      const std::string_view l = t.substr(lines[k].begin, lines[k].end - lines[k].begin);
      if (Trim(l).empty() || (WordCount(l) > 5 && !HoldsContact(l))) break;
      if (k == first) LearnNames(l, names);
    }
    if (k > first) spans.push_back({lines[first].begin, lines[k - 1].end, Withheld::kName});
    if (k > n + 1) n = k - 1;  // a closing inside this block is part of it
  }
}

// A last line that is only a name ("Sam Taylor", "Sam x").
void FindTrailingName(std::string_view t, std::vector<WithheldSpan>& spans,
                      std::vector<std::string>& names) {
  const std::vector<TextLine> lines = SplitLines(t);
  size_t n = lines.size();
  while (n > 0 && Trim(t.substr(lines[n - 1].begin, lines[n - 1].end - lines[n - 1].begin)).empty())
    --n;
  if (n < 2) return;
  const std::string_view last = t.substr(lines[n - 1].begin, lines[n - 1].end - lines[n - 1].begin);
  const std::vector<Word> w = ReadWords(last);
  size_t inline_name = 0;
  if (w.empty() || w.size() > 3 || Trim(last).size() > 40 || IsClosingLine(last, inline_name))
    return;
  for (const Word& x : w) {
    if (!x.capitalised && x.lower != "x") return;
  }
  for (char c : last) {
    if (c == '.' || c == '?' || c == ':' || std::isdigit(static_cast<unsigned char>(c))) return;
  }
  spans.push_back({lines[n - 1].begin, lines[n - 1].end, Withheld::kName});
  LearnNames(last, names);
}

// "My name is Sam Taylor", "I'm Sam, Jo's mum".
void FindSelfIntroductions(const std::vector<Word>& w, std::vector<std::string>& names) {
  for (size_t at = 0; at + 2 < w.size(); ++at) {
    size_t k = 0;
    if (w[at].lower == "my" && w[at + 1].lower == "name" && w[at + 2].lower == "is") {
      k = at + 3;
    } else if (w[at].lower == "i" && w[at + 1].lower == "am" && w[at + 2].capitalised &&
               w[at + 2].lower != "i" && !IsOrdinaryWord(w[at + 2].lower)) {
      k = at + 2;
    } else {
      continue;
    }
    for (size_t n = 0; k < w.size() && n < 3 && w[k].capitalised; ++k, ++n) {
      if (n > 0 && w[k].clause_start) break;
      names.push_back(w[k].lower);
    }
  }
}

// The complainant's name parts from the From header (or, without a display
// name, from the address's local part: "sam.taylor").
void NamesOf(const Address& who, std::vector<std::string>& names) {
  std::string source = who.name;
  if (Trim(source).empty()) {
    const std::string local = who.email.substr(0, who.email.find('@'));
    for (char c : local) source += std::isalpha(static_cast<unsigned char>(c)) ? c : ' ';
  }
  for (const Word& w : ReadWords(source)) {
    if (w.lower.size() > 1 && !IsTitle(w.lower)) names.push_back(w.lower);
  }
}

void SortUnique(std::vector<std::string>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

// `given`: from the From header, withheld in any case unless an ordinary word;
// `learned`: read off the text (sign-off, "my name is"), withheld where capitalised.
void FindNames(const std::vector<Word>& w, std::vector<std::string> given,
               std::vector<std::string> learned, std::vector<WithheldSpan>& spans) {
  SortUnique(given);
  SortUnique(learned);
  for (const Word& x : w) {
    const bool strong = std::binary_search(given.begin(), given.end(), x.lower) &&
                        (x.capitalised || !IsOrdinaryWord(x.lower));
    const bool weak = x.capitalised && std::binary_search(learned.begin(), learned.end(), x.lower);
    if (strong || weak) spans.push_back({x.begin, x.end, Withheld::kName});
  }
}

// Sorted, overlapping spans merged; two names with only spaces between are one.
std::vector<WithheldSpan> Merge(std::string_view t, std::vector<WithheldSpan> spans) {
  std::sort(spans.begin(), spans.end(),
            [](const WithheldSpan& a, const WithheldSpan& b) { return a.begin < b.begin; });
  std::vector<WithheldSpan> out;
  for (const WithheldSpan& s : spans) {
    if (!out.empty()) {
      WithheldSpan& last = out.back();
      bool joins = s.begin < last.end;
      if (!joins && last.what == Withheld::kName && s.what == Withheld::kName) {
        joins =
            t.substr(last.end, s.begin - last.end).find_first_not_of(' ') == std::string_view::npos;
      }
      if (joins) {
        last.end = std::max(last.end, s.end);
        continue;
      }
    }
    out.push_back(s);
  }
  return out;
}

}  // namespace

std::string RedactForStaff(std::string_view text, const Address& who) {
  std::vector<WithheldSpan> spans = FindContactDetails(text);
  std::vector<std::string> given, learned;
  NamesOf(who, given);
  FindSignOffs(text, spans, learned);
  FindTrailingName(text, spans, learned);
  const std::vector<Word> words = ReadWords(text);
  FindSelfIntroductions(words, learned);
  FindNames(words, std::move(given), std::move(learned), spans);
  std::string out;
  out.reserve(text.size());
  size_t at = 0;
  for (const WithheldSpan& s : Merge(text, std::move(spans))) {
    out.append(text.substr(at, s.begin - at));
    out += Marker(s.what);
    at = s.end;
  }
  out.append(text.substr(at));
  return out;
}

}  // namespace intaked
