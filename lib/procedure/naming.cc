// SPDX-License-Identifier: GPL-3.0-or-later
#include "procedure/naming.h"

#include <algorithm>
#include <string_view>

#include "procedure/classification.h"
#include "procedure/fault_with_reader.h"
#include "procedure/words.h"

namespace intaked {
namespace {

// English words that are also common surnames or first names. A name in this
// list needs to look like a name to count; any other name counts in any case.
constexpr std::string_view kOrdinaryWords[] = {
    "able",   "abbott",  "amber",  "april",  "art",    "august", "autumn",  "baker",  "bank",
    "banks",  "bell",    "best",   "bill",   "bird",   "bishop", "black",   "bold",   "bond",
    "bridge", "bridges", "bright", "brook",  "brooks", "brown",  "bull",    "butler", "carter",
    "case",   "cash",    "chance", "chase",  "church", "clay",   "cook",    "cross",  "crow",
    "dawn",   "day",     "dean",   "drake",  "drew",   "east",   "eve",     "fair",   "faith",
    "field",  "fields",  "finch",  "fish",   "fisher", "ford",   "fox",     "frank",  "free",
    "french", "frost",   "gate",   "gates",  "gay",    "gold",   "good",    "grace",  "green",
    "grey",   "guy",     "hall",   "hand",   "hardy",  "hart",   "head",    "heart",  "hill",
    "holly",  "hope",    "house",  "hunt",   "hunter", "iris",   "ivy",     "jack",   "joy",
    "june",   "keen",    "king",   "knight", "lamb",   "lane",   "law",     "little", "long",
    "love",   "low",     "lucky",  "mark",   "marsh",  "mason",  "may",     "mercy",  "miles",
    "moody",  "moss",    "noble",  "north",  "page",   "park",   "parks",   "pat",    "patience",
    "pearl",  "penny",   "pike",   "pool",   "pope",   "porter", "price",   "rain",   "ray",
    "read",   "rich",    "rivers", "rob",    "rock",   "rose",   "ruby",    "sage",   "sands",
    "savage", "sharp",   "short",  "silver", "sky",    "small",  "snow",    "south",  "sparrow",
    "spring", "steel",   "stone",  "storm",  "strong", "summer", "summers", "swan",   "sweet",
    "swift",  "tanner",  "turner", "wall",   "walker", "ward",   "webb",    "well",   "wells",
    "west",   "white",   "wild",   "will",   "winter", "wise",   "wood",    "woods",  "wren",
    "young"};

// Greeting words that open a line ("Dear Alex,", "Hi Bea", "Good morning Alex").
bool IsGreeting(const std::vector<Word>& w, size_t at) {
  return WordIsOneOf(w, at,
                     {"dear", "hi", "hello", "hey", "hiya", "morning", "afternoon", "evening",
                      "greetings", "good", "to", "attn", "attention", "fao"});
}

bool IsTitle(std::string_view word) {
  return word == "mr" || word == "mrs" || word == "ms" || word == "miss" || word == "dr" ||
         word == "mx";
}

bool IsRoleWord(std::string_view word) {
  return word == "chair" || word == "chairs" || word == "cochair" || word == "chairperson" ||
         word == "chairwoman" || word == "chairman";
}

std::vector<std::string> WordsOf(const std::string& s) {
  std::vector<std::string> out;
  for (Word& w : ReadWords(s)) out.push_back(std::move(w.lower));
  return out;
}

// Every word each co-chair may be called by: first name, surname, aliases.
std::vector<std::string> AllNameWords(const std::vector<CoChairIdentity>& co_chairs) {
  std::vector<std::string> all;
  for (const CoChairIdentity& c : co_chairs) {
    for (std::string& w : WordsOf(c.name)) all.push_back(std::move(w));
    for (const std::string& a : c.aliases) {
      for (std::string& w : WordsOf(a)) all.push_back(std::move(w));
    }
  }
  return all;
}

// Marks the words of greeting lines that only address people: "Dear Alex and
// Bea," "Hello both co-chairs". The greeting ends at the first word that is not
// a name, title, role or joining word, or at a comma or line end.
std::vector<bool> GreetingMask(const std::vector<Word>& w,
                               const std::vector<CoChairIdentity>& co_chairs) {
  const std::vector<std::string> names = AllNameWords(co_chairs);
  auto addressing = [&](const std::string& x) {
    return std::find(names.begin(), names.end(), x) != names.end() || IsTitle(x) || IsRoleWord(x) ||
           x == "co" || x == "and" || x == "both" || x == "all" || x == "team" || x == "the" ||
           x == "there" || x == "you";
  };
  std::vector<bool> mask(w.size(), false);
  for (size_t at = 0; at < w.size(); ++at) {
    if (!w[at].line_start) continue;
    // A body line of nothing but names ("Alex," "Bea") greets; the subject line is not one.
    size_t end = at + 1;
    while (end < w.size() && !w[end].line_start) ++end;
    const bool only_names = at > 0 && end - at <= 4 &&
                            std::all_of(w.begin() + at, w.begin() + end,
                                        [&](const Word& x) { return addressing(x.lower); });
    if (only_names) std::fill(mask.begin() + at, mask.begin() + end, true);
    if (!IsGreeting(w, at)) continue;
    size_t k = at + 1;
    if (w[at].lower == "good" && WordIsOneOf(w, k, {"morning", "afternoon", "evening"})) ++k;
    for (; k < w.size() && !w[k].line_start; ++k) {
      if (w[k].clause_start && w[k - 1].lower != "and") break;  // a comma ends the greeting
      if (!addressing(w[k].lower)) break;
      mask[k] = true;
    }
  }
  return mask;
}

// Whether name word `name` at words[at] is used as a name.
bool UsedAsName(const std::vector<Word>& w, size_t at,
                const std::vector<std::string>& first_names) {
  if (!IsOrdinaryWord(w[at].lower)) return true;
  if (at > 0 && !w[at].clause_start) {
    const std::string& before = w[at - 1].lower;
    const bool plain_title =
        before == "mr" || before == "mrs" || before == "ms" || before == "dr" || before == "mx";
    if (plain_title) return true;  // "mrs bright" is a name however it is typed
    const bool after_name =
        IsTitle(before) || IsRoleWord(before) ||
        std::find(first_names.begin(), first_names.end(), before) != first_names.end();
    if (after_name && w[at].capitalised) return true;
  }
  return w[at].capitalised && !w[at].sentence_start && !w[at].title_case_line;
}

// Whether `needle` (words) occurs in `w` outside the greeting, used as a name.
// `own_words`: every word of this co-chair's names, which may follow one another.
bool Mentions(const std::vector<Word>& w, const std::vector<bool>& greeting,
              const std::vector<std::string>& needle, const std::vector<std::string>& first_names,
              const std::vector<std::string>& own_words) {
  if (needle.empty()) return false;
  for (size_t at = 0; at + needle.size() <= w.size(); ++at) {
    bool match = true;
    for (size_t k = 0; k < needle.size() && match; ++k) {
      match = w[at + k].lower == needle[k] && !greeting[at + k];
    }
    if (!match) continue;
    if (needle.size() > 1) return true;  // a name of several words is a name
    // "Alex Turner" is someone else called Alex.
    const size_t next = at + 1;
    const bool other_surname =
        next < w.size() && w[next].capitalised && !w[next].clause_start && !w[next].line_start &&
        w[next].lower != "i" &&
        std::find(own_words.begin(), own_words.end(), w[next].lower) == own_words.end();
    if (!other_surname && UsedAsName(w, at, first_names)) return true;
  }
  return false;
}

bool NamesAllIn(const std::vector<Word>& w, const std::vector<bool>& greeting) {
  static const PhraseSet kAll({"the co-chairs", "both co-chairs", "the cochairs", "both cochairs",
                               "both of the co-chairs", "both your co-chairs",
                               "both of your co-chairs", "the two co-chairs"});
  for (const PhraseSet::Hit& h : kAll.FindAll(w)) {
    if (!greeting[h.first]) return true;
  }
  return false;
}

bool NamesCoChair(const std::vector<Word>& w, const std::vector<bool>& greeting,
                  const std::string& own_text, const CoChairIdentity& c) {
  const std::vector<std::string> full = WordsOf(c.name);
  std::vector<std::string> first_names;
  if (!full.empty()) first_names.push_back(full.front());
  for (const std::string& a : c.aliases) {
    for (std::string& x : WordsOf(a)) first_names.push_back(std::move(x));
  }
  std::vector<std::string> own_words = first_names;
  own_words.insert(own_words.end(), full.begin(), full.end());
  if (Mentions(w, greeting, full, first_names, own_words)) return true;
  if (full.size() > 1 && full.back().size() > 1 &&
      Mentions(w, greeting, {full.back()}, first_names, own_words)) {
    return true;
  }
  for (const std::string& a : c.aliases) {
    if (Mentions(w, greeting, WordsOf(a), first_names, own_words)) return true;
  }
  return !c.address.empty() && !FindPhrase(own_text, {c.address}).empty();
}

}  // namespace

bool IsOrdinaryWord(const std::string& word) {
  return std::find(std::begin(kOrdinaryWords), std::end(kOrdinaryWords), word) !=
         std::end(kOrdinaryWords);
}

bool NamesAllCoChairs(const std::string& own_text) {
  const std::vector<Word> w = ReadWords(own_text);
  return NamesAllIn(w, std::vector<bool>(w.size(), false));
}

std::vector<bool> NamedCoChairs(const NamingInput& in,
                                const std::vector<CoChairIdentity>& co_chairs) {
  const std::vector<Word> w = ReadWords(in.own_text);
  const std::vector<bool> greeting = GreetingMask(w, co_chairs);
  if (NamesAllIn(w, greeting)) return std::vector<bool>(co_chairs.size(), true);
  std::vector<bool> named(co_chairs.size(), false);
  for (size_t i = 0; i < co_chairs.size(); ++i) {
    named[i] = NamesCoChair(w, greeting, in.own_text, co_chairs[i]);
  }
  const std::optional<size_t> to = in.sent_straight_to;
  if (to && *to < co_chairs.size() && FindsFaultWithReader(w)) named[*to] = true;
  return named;
}

}  // namespace intaked
