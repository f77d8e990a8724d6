// SPDX-License-Identifier: GPL-3.0-or-later
// Naming: which co-chairs a complaint is about (docs/READING_PEOPLE.md).
//
// A complaint names a co-chair when the complainant's own words use their
// full name, address or a configured alias, their surname used as a name, a
// role word with their surname ("the co-chair Mrs Bright"), or refer to the
// co-chairs as a group; or, in a complaint sent straight to one co-chair, when
// it finds fault with "you" ("the way you spoke to me", "your attitude").
//
// Read as a person reads: a surname that is also an ordinary word ("Able",
// "Bright", "Hope") names only when written as a name (capitalised after the
// first name or a title, or capitalised on its own in mid-sentence); names in
// a greeting line ("Dear Alex,", "Hello Alex and Bea") do not name.
//
// Pure. The caller passes the complainant's own text (subject and body with
// quoted earlier mail removed) and whom it was sent to.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace intaked {

struct CoChairIdentity {
  std::string name;     // "Alex Able"
  std::string address;  // "chair.a@pacts.test"
  std::vector<std::string> aliases;
};

struct NamingInput {
  std::string own_text;  // subject + "\n" + the complainant's own words (no quoted mail)
  std::optional<size_t> sent_straight_to;  // the one co-chair this was addressed to (To/Cc) when
                                           // no other co-chair was, else nullopt
};

// One flag per co-chair, in the order given.
std::vector<bool> NamedCoChairs(const NamingInput& in,
                                const std::vector<CoChairIdentity>& co_chairs);

// True when the text refers to the co-chairs as a group ("the co-chairs").
bool NamesAllCoChairs(const std::string& own_text);

// Whether `word` (lower case) is an ordinary English word that is also a
// surname or first name ("able", "bright", "hope", "will"); such a name counts
// only when written as a name.
bool IsOrdinaryWord(const std::string& word);

}  // namespace intaked
