// SPDX-License-Identifier: GPL-3.0-or-later
#include "procedure/word_tokens.h"

#include <cctype>

namespace intaked {
namespace {

bool IsWordByte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// U+2019 RIGHT SINGLE QUOTATION MARK, which Outlook and phones type for "'".
bool IsCurlyApostrophe(const std::string& s, size_t i) {
  return i + 2 < s.size() && s[i] == '\xe2' && s[i + 1] == '\x80' && s[i + 2] == '\x99';
}

bool Matches(const std::string& pattern, const std::string& word) {
  if (!pattern.empty() && pattern.back() == '*') {
    return word.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0 &&
           word.size() >= pattern.size() - 1;
  }
  // "council" is also "council's".
  return word.size() == pattern.size() + 2 ? word.compare(0, pattern.size(), pattern) == 0 &&
                                                 word.compare(pattern.size(), 2, "'s") == 0
                                           : pattern == word;
}

}  // namespace

std::vector<Word> SplitWords(const std::string& text, size_t max_words) {
  std::vector<Word> words;
  std::string current;
  size_t sentence = 0, paragraph = 0, newlines = 0;
  auto flush = [&] {
    if (current.empty()) return;
    words.push_back({current, sentence, paragraph, false});
    current.clear();
  };
  for (size_t i = 0; i < text.size() && words.size() < max_words; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool apostrophe = c == '\'' || IsCurlyApostrophe(text, i);
    if (apostrophe && !current.empty() && i + (c == '\'' ? 1 : 3) < text.size() &&
        IsWordByte(static_cast<unsigned char>(text[i + (c == '\'' ? 1 : 3)]))) {
      current += '\'';
      if (c != '\'') i += 2;
      continue;
    }
    if (IsWordByte(c) && !apostrophe) {
      if (current.empty() && newlines >= 2 && !words.empty()) ++sentence, ++paragraph;
      newlines = 0;
      current += static_cast<char>(std::tolower(c));
      continue;
    }
    flush();
    if (c == '\n') ++newlines;
    if (c == '.' || c == '!' || c == '?' || c == ';') {
      if (c == '?' && !words.empty()) words.back().ends_question = true;
      if (!words.empty() && words.back().sentence == sentence) ++sentence;
    }
  }
  if (words.size() < max_words) flush();
  return words;
}

PhraseList::PhraseList(const std::vector<std::string>& phrases) {
  for (const std::string& p : phrases) {
    std::vector<std::string> split;
    for (Word& w : SplitWords(p, 16)) split.push_back(std::move(w.text));
    if (!p.empty() && p.back() == '*' && !split.empty()) split.back() += '*';
    if (split.empty()) continue;
    const size_t index = phrases_.size();
    if (split.front().back() == '*') {
      wildcard_first_.push_back(index);
    } else {
      by_first_word_[split.front()].push_back(index);
    }
    phrases_.push_back(std::move(split));
    texts_.push_back(p);
  }
}

bool PhraseList::MatchesAt(size_t p, const std::vector<Word>& words, size_t at) const {
  const auto& phrase = phrases_[p];
  if (at + phrase.size() > words.size()) return false;
  for (size_t k = 0; k < phrase.size(); ++k) {
    if (!Matches(phrase[k], words[at + k].text)) return false;
  }
  return true;
}

int PhraseList::MatchAt(const std::vector<Word>& words, size_t at, size_t* length) const {
  if (at >= words.size()) return -1;
  size_t best = phrases_.size();  // the first in list order wins
  auto consider = [&](const std::vector<size_t>& candidates) {
    for (size_t p : candidates) {
      if (p >= best) break;  // candidates are in list order
      if (MatchesAt(p, words, at)) best = p;
    }
  };
  const std::string& word = words[at].text;
  if (auto it = by_first_word_.find(word); it != by_first_word_.end()) consider(it->second);
  if (word.size() > 2 && word.compare(word.size() - 2, 2, "'s") == 0) {  // "council's"
    auto it = by_first_word_.find(word.substr(0, word.size() - 2));
    if (it != by_first_word_.end()) consider(it->second);
  }
  consider(wildcard_first_);
  if (best == phrases_.size()) return -1;
  if (length) *length = phrases_[best].size();
  return int(best);
}

bool PhraseList::AnyIn(const std::vector<Word>& words, size_t from, size_t to) const {
  for (size_t i = from; i < to && i < words.size(); ++i) {
    if (MatchAt(words, i) >= 0) return true;
  }
  return false;
}

}  // namespace intaked
