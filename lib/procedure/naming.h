// Naming: which co-chairs a complaint is about (README.md, "What happens to each
// message").
//
// A complaint names a co-chair when the complainant's own text contains their
// full name, surname, a configured alias, or their address, whole-word and
// case- and whitespace-insensitively, or refers to the co-chairs collectively.
// Pure. The caller passes the complainant's own text (subject and body with
// quoted earlier mail removed).
#pragma once

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
  std::optional<size_t> sent_straight_to;  // the one co-chair it was addressed to, if only one
};

// One flag per co-chair, in the order given.
std::vector<bool> NamedCoChairs(const NamingInput& in,
                                const std::vector<CoChairIdentity>& co_chairs);

// True when the text refers to the co-chairs as a group ("the co-chairs").
bool NamesAllCoChairs(const std::string& own_text);

}  // namespace intaked
