// SPDX-License-Identifier: GPL-3.0-or-later
// Words: a complainant's text read as a sequence of words, with what a reader
// notices about each (capital letter, start of a sentence or line, a comma
// before it), for the naming and request rules (naming.h,
// complainant_requests.h).
//
// Contractions are read out: "don't" is the two words "do" "not", "won't" is
// "will" "not", "you've" is "you" "have", "dont" and "cannot" likewise; "Bright's"
// is "bright". Curly apostrophes count as straight ones. Each read-out word keeps
// the span of the word as written. Pure, linear in the text, no regex.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace intaked {

struct Word {
  std::string lower;  // the word read out, ASCII lower case ("not" for the "n't" of "don't")
  size_t begin = 0;   // the written word's bytes in the text
  size_t end = 0;
  bool capitalised = false;      // "Bright" or "BRIGHT" among ordinary words, not a shouted run
  bool sentence_start = false;   // first word of the text, of a line, or after . ! ?
  bool line_start = false;       // first word of the text or of a line
  bool clause_start = false;     // sentence start, or after , ; : ( - or "and"/"but"
  bool title_case_line = false;  // on a line whose words are nearly all capitalised
};

std::vector<Word> ReadWords(std::string_view text);

// A set of phrases ("do not share my name"), each read with ReadWords, found
// word by word. Lookup is by first word, so finding every phrase is linear in
// the text for a fixed set.
class PhraseSet {
 public:
  explicit PhraseSet(const std::vector<std::string>& phrases);

  struct Hit {
    size_t first = 0;   // index of the phrase's first word in the words searched
    size_t count = 0;   // how many words it spans
    size_t phrase = 0;  // index into the phrases given to the constructor
  };
  // Every occurrence, in text order (overlapping ones included).
  std::vector<Hit> FindAll(const std::vector<Word>& words) const;
  // Whether the phrase `phrase` starts at words[at].
  bool MatchesAt(const std::vector<Word>& words, size_t at, size_t phrase) const;

 private:
  std::vector<std::vector<std::string>> phrases_;
  std::vector<std::pair<std::string, size_t>> by_first_word_;  // sorted
};

// Whether `words[at]` equals one of `set` (lower-case words).
bool WordIsOneOf(const std::vector<Word>& words, size_t at,
                 std::initializer_list<std::string_view> set);

}  // namespace intaked
