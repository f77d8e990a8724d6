// SPDX-License-Identifier: GPL-3.0-or-later
// What a complainant's own words ask for: an independent review (Stage Two),
// or anonymity (docs/READING_PEOPLE.md). Read word by word (words.h), so "don't",
// "do not", "dont" and curly apostrophes are all the same. Pure, linear.
#pragma once

#include <string>

namespace intaked {

// kAsks: "independent review", "appeal", "stage two", "not satisfied", "take this
// further", ... kDeclines: the same negated ("will not appeal", "don't want a
// review", "no need for an independent review") or an acceptance ("I am happy
// with this", "I accept", "no further action").
//
// When a text both declines and asks, declining wins, unless an explicit
// request (independent review, appeal, stage two, take it further, escalate -
// not the softer "not satisfied") comes after the last thing declined: "I accept
// the apology about the venue, but I want an independent review of the rest".
enum class ReviewRequest { kNone, kAsks, kDeclines };
ReviewRequest ReadReviewRequest(const std::string& own_text);

// The writer asks not to be named: "I want to remain anonymous", "keep this
// anonymous", "can this be anonymous", "don't share my name", "don't tell them it
// was me", "I'd rather they didn't know it was me". A mention of something
// anonymous ("an anonymous post about my son") is not a request, nor is a negated
// one ("I don't need to be anonymous").
bool AsksForAnonymity(const std::string& own_text);

}  // namespace intaked
