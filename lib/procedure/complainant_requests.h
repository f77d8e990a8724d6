// What a complainant's own words ask for: an independent review (Stage Two),
// or anonymity. Phrase lists are whole-word, case- and space-insensitive. Pure.
#pragma once

#include <string>

namespace intaked {

// "independent review", "appeal", "stage two", "not satisfied", "dissatisfied", ...
bool AsksForReview(const std::string& own_text);
enum class ReviewRequest { kNone, kAsks, kDeclines };
ReviewRequest ReadReviewRequest(const std::string& own_text);
// "anonymous", "don't share my name", "keep my name out of it", ...
bool AsksForAnonymity(const std::string& own_text);

}  // namespace intaked
