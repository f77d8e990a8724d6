// SPDX-License-Identifier: GPL-3.0-or-later
#include "procedure/words.h"

#include <algorithm>
#include <cctype>

namespace intaked {
namespace {

bool IsAsciiAlnum(unsigned char c) { return std::isalnum(c) != 0; }

// Length of the apostrophe at text[i] (' or U+2019 / U+2018), or 0.
size_t ApostropheAt(std::string_view text, size_t i) {
  if (text[i] == '\'') return 1;
  if (i + 2 < text.size() && static_cast<unsigned char>(text[i]) == 0xE2 &&
      static_cast<unsigned char>(text[i + 1]) == 0x80 &&
      (static_cast<unsigned char>(text[i + 2]) == 0x99 ||
       static_cast<unsigned char>(text[i + 2]) == 0x98)) {
    return 3;
  }
  return 0;
}

// Length of the letter (ASCII alnum or a non-punctuation UTF-8 character) at
// text[i], or 0. U+00A0-U+00BF and U+2000-U+206F (spaces, dashes, quotes) are not letters.
// Bytes in the UTF-8 character starting text[i] (1 for a stray byte), within the text.
size_t CharLen(std::string_view text, size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  const size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  return std::min(len, text.size() - i);
}

size_t LetterAt(std::string_view text, size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return IsAsciiAlnum(c) ? 1 : 0;
  const size_t len = CharLen(text, i);
  const auto c1 = len > 1 ? static_cast<unsigned char>(text[i + 1]) : 0;
  if (c == 0xC2 && c1 >= 0xA0) return 0;
  if (c == 0xE2 && (c1 == 0x80 || c1 == 0x81)) return 0;
  return len;
}

bool IsTitleWord(std::string_view lower) {
  return lower == "mr" || lower == "mrs" || lower == "ms" || lower == "dr" || lower == "st";
}

// The written word `w` read out as one or more words (contractions expanded).
std::vector<std::string> ReadOut(std::string w) {
  if (w == "cannot") return {"can", "not"};
  static const std::pair<const char*, const char*> kNoApostrophe[] = {
      {"dont", "do"},   {"didnt", "did"},     {"doesnt", "does"},   {"isnt", "is"},
      {"wasnt", "was"}, {"wouldnt", "would"}, {"couldnt", "could"}, {"shouldnt", "should"},
      {"cant", "can"},  {"havent", "have"},   {"hasnt", "has"},     {"werent", "were"},
      {"arent", "are"}, {"wont", "will"}};
  for (const auto& [written, base] : kNoApostrophe) {
    if (w == written) return {base, "not"};
  }
  if (w == "im") return {"i", "am"};
  if (w == "ive") return {"i", "have"};
  const size_t ap = w.find('\'');
  if (ap == std::string::npos) return {w};
  std::string base = w.substr(0, ap);
  const std::string tail = w.substr(ap + 1);
  if (tail == "t" && !base.empty() && base.back() == 'n') {
    if (base == "don") return {"do", "not"};
    if (base == "won") return {"will", "not"};
    if (base == "can") return {"can", "not"};
    if (base == "shan") return {"shall", "not"};
    if (base == "ain") return {"am", "not"};
    base.pop_back();
    return {base, "not"};
  }
  if (tail == "ve") return {base, "have"};
  if (tail == "re") return {base, "are"};
  if (tail == "m") return {base, "am"};
  if (tail == "ll") return {base, "will"};
  if (tail == "d") return {base, "would"};
  if (tail == "s") {
    if (base == "it" || base == "that" || base == "he" || base == "she" || base == "there" ||
        base == "what" || base == "who" || base == "here" || base == "where") {
      return {base, "is"};
    }
    return {base};  // possessive: "Bright's" is about Bright
  }
  return {w};  // "O'Brien"
}

// Whether ReadOut would return the word unchanged: no apostrophe, and not one
// of the contractions people type without one ("dont", "cannot").
bool IsPlain(const std::string& w) {
  if (w.find('\'') != std::string::npos) return false;
  if (w.size() < 2 || w.size() > 8) return true;
  const char last = w.back();
  if (last != 't' && last != 'm' && last != 'e') return true;
  return ReadOut(w).size() == 1;
}

struct Written {
  size_t begin, end;
  std::string lower;
  bool upper_first, all_caps;
  bool line_start, sentence_start, clause_start;
};

// Marks, line by line, words on lines written in Title Case (subjects, headings).
void MarkTitleCaseLines(std::vector<Written>& written, std::vector<bool>& title_line) {
  title_line.assign(written.size(), false);
  size_t line_begin = 0;
  for (size_t i = 0; i <= written.size(); ++i) {
    if (i < written.size() && !(written[i].line_start && i > line_begin)) continue;
    size_t long_words = 0, capitalised = 0;
    for (size_t k = line_begin; k < i; ++k) {
      if (written[k].lower.size() < 3) continue;
      ++long_words;
      if (written[k].upper_first) ++capitalised;
    }
    const bool title = long_words >= 3 && capitalised * 4 >= long_words * 3;
    for (size_t k = line_begin; k < i; ++k) title_line[k] = title;
    line_begin = i;
  }
}

}  // namespace

std::vector<Word> ReadWords(std::string_view text) {
  std::vector<Written> written;
  bool line_start = true, sentence_start = true, clause_start = true;
  size_t i = 0;
  while (i < text.size()) {
    size_t len = LetterAt(text, i);
    if (len == 0) {
      const char c = text[i];
      if (c == '\n') line_start = sentence_start = clause_start = true;
      if (c == '!' || c == '?') sentence_start = clause_start = true;
      if (c == '.' &&
          !(written.size() && IsTitleWord(written.back().lower) && written.back().end == i)) {
        sentence_start = clause_start = true;
      }
      if (c == ',' || c == ';' || c == ':' || c == '(' || c == '-') clause_start = true;
      i += CharLen(text, i);
      continue;
    }
    Written w{i, i, "", false, true, line_start, sentence_start, clause_start};
    bool any_lower = false, any_upper = false;
    while (i < text.size()) {
      if ((len = LetterAt(text, i)) > 0) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (len == 1) {
          any_lower |= std::islower(c) != 0;
          any_upper |= std::isupper(c) != 0;
          w.lower += static_cast<char>(std::tolower(c));
        } else {
          w.lower.append(text.substr(i, len));
        }
        i += len;
        continue;
      }
      const size_t ap = ApostropheAt(text, i);
      if (ap > 0 && i + ap < text.size() && LetterAt(text, i + ap) > 0) {
        w.lower += '\'';
        i += ap;
        continue;
      }
      break;
    }
    w.end = i;
    w.upper_first = std::isupper(static_cast<unsigned char>(text[w.begin])) != 0;
    w.all_caps = any_upper && !any_lower && w.lower.size() > 1;
    written.push_back(std::move(w));
    line_start = sentence_start = clause_start = false;
    if (written.back().lower == "and" || written.back().lower == "but") clause_start = true;
  }
  std::vector<bool> title_line;
  MarkTitleCaseLines(written, title_line);
  std::vector<Word> words;
  words.reserve(written.size());
  for (size_t k = 0; k < written.size(); ++k) {
    const Written& w = written[k];
    const bool shouted = w.all_caps && ((k > 0 && written[k - 1].all_caps) ||
                                        (k + 1 < written.size() && written[k + 1].all_caps));
    const Word base{"", w.begin, w.end, w.upper_first && !shouted, w.sentence_start,
                    w.line_start, w.clause_start, title_line[k]};
    if (IsPlain(w.lower)) {  // most words: no contraction to read out
      words.push_back(base);
      words.back().lower = w.lower;
      continue;
    }
    for (std::string& part : ReadOut(w.lower)) {
      words.push_back(base);
      words.back().lower = std::move(part);
    }
  }
  return words;
}

bool WordIsOneOf(const std::vector<Word>& words, size_t at,
                 std::initializer_list<std::string_view> set) {
  if (at >= words.size()) return false;
  return std::find(set.begin(), set.end(), words[at].lower) != set.end();
}

PhraseSet::PhraseSet(const std::vector<std::string>& phrases) {
  for (const std::string& p : phrases) {
    std::vector<std::string> read;
    for (Word& w : ReadWords(p)) read.push_back(std::move(w.lower));
    if (!read.empty()) by_first_word_.emplace_back(read.front(), phrases_.size());
    phrases_.push_back(std::move(read));
  }
  std::sort(by_first_word_.begin(), by_first_word_.end());
}

bool PhraseSet::MatchesAt(const std::vector<Word>& words, size_t at, size_t phrase) const {
  const std::vector<std::string>& p = phrases_[phrase];
  if (p.empty() || at + p.size() > words.size()) return false;
  for (size_t k = 0; k < p.size(); ++k) {
    if (words[at + k].lower != p[k]) return false;
  }
  return true;
}

std::vector<PhraseSet::Hit> PhraseSet::FindAll(const std::vector<Word>& words) const {
  std::vector<Hit> hits;
  for (size_t at = 0; at < words.size(); ++at) {
    auto range = std::equal_range(by_first_word_.begin(), by_first_word_.end(),
                                  std::make_pair(words[at].lower, size_t{0}),
                                  [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto it = range.first; it != range.second; ++it) {
      if (MatchesAt(words, at, it->second))
        hits.push_back({at, phrases_[it->second].size(), it->second});
    }
  }
  return hits;
}

}  // namespace intaked
