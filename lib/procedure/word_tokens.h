// SPDX-License-Identifier: GPL-3.0-or-later
// Words of a message, read once, and phrases found among them.
//
// Classification (classification.h) reads mail as a sequence of lower-case
// words instead of searching the raw text again for every phrase: the text is
// tokenised once, in one linear pass, and every phrase is compared word by word
// at each position, so the cost is (words x phrases) with no backtracking,
// whatever the sender wrote. A word is a run of letters and digits (any
// non-ASCII byte counts as a letter, so UTF-8 words stay whole); an apostrophe
// inside a word is kept ("don't"), the curly one (U+2019) read as "'".
// Sentences end at . ! ? ; and at a blank line; paragraphs at a blank line.
//
// A phrase is written as its words ("let down", "co-chair" = "co chair"); a
// final "*" matches any word starting with what precedes it ("frustrat*"), and
// a word also matches its possessive ("council" matches "council's").
// Pure; the values own their data.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

namespace intaked {

struct Word {
  std::string text;            // lower case ASCII; other bytes as written
  size_t sentence = 0;         // index of the sentence it is in
  size_t paragraph = 0;        // index of the paragraph it is in
  bool ends_question = false;  // a "?" follows it
};

// At most `max_words` words are read; the rest of the text is ignored.
std::vector<Word> SplitWords(const std::string& text, size_t max_words = 20000);

// A list of phrases, split into words once, to find among Words.
class PhraseList {
 public:
  PhraseList() = default;
  explicit PhraseList(const std::vector<std::string>& phrases);

  // The index of the first phrase (in list order) that starts at `at`, or -1.
  // `length` receives the number of words it covers.
  int MatchAt(const std::vector<Word>& words, size_t at, size_t* length = nullptr) const;
  // Whether a phrase starts at some position in [from, to).
  bool AnyIn(const std::vector<Word>& words, size_t from, size_t to) const;
  const std::string& Text(int index) const { return texts_[size_t(index)]; }
  bool empty() const { return phrases_.empty(); }

 private:
  bool MatchesAt(size_t p, const std::vector<Word>& words, size_t at) const;

  std::vector<std::vector<std::string>> phrases_;
  std::vector<std::string> texts_;
  // Phrases by their first word, so a position is compared only with the
  // phrases that can start there; those starting with a "*" word are tried everywhere.
  std::unordered_map<std::string, std::vector<size_t>> by_first_word_;
  std::vector<size_t> wildcard_first_;
};

}  // namespace intaked
