// SPDX-License-Identifier: GPL-3.0-or-later
#include "procedure/complainant_requests.h"

#include <optional>
#include <vector>

#include "procedure/words.h"

namespace intaked {
namespace {

// Whether a "not"/"no"/"never" stands within `window` words before words[at] in
// the same clause: "I will not appeal", "no need for an independent review".
bool NegatedBefore(const std::vector<Word>& w, size_t at, size_t window) {
  for (size_t k = at; k > 0 && at - k < window; --k) {
    if (w[k].clause_start && k != at) break;
    const std::string& x = w[k - 1].lower;
    if (x == "not" || x == "no" || x == "never" || x == "without" || x == "nor") return true;
    if (w[k - 1].clause_start) break;
  }
  return false;
}

// Requests that stand on their own; "not satisfied" and the like only complain.
const PhraseSet& ExplicitAsks() {
  static const PhraseSet kSet({"independent review", "appeal", "appealing", "appeals", "stage two",
                               "stage 2", "stage ii", "take this further", "take it further",
                               "take the matter further", "take my complaint further", "escalate",
                               "escalated", "review my complaint", "a review", "be reviewed",
                               "reviewed independently", "someone independent"});
  return kSet;
}

const PhraseSet& SoftAsks() {
  static const PhraseSet kSet(
      {"not satisfied", "dissatisfied", "unsatisfied", "not happy with the outcome",
       "not happy with the response", "not happy with your response", "not happy with the decision",
       "not accept the outcome", "not accept your response", "do not agree with the outcome"});
  return kSet;
}

// Acceptances: a preceding "not" turns them into complaints, handled by the caller.
const PhraseSet& Acceptances() {
  static const PhraseSet kSet({"happy with this",
                               "happy with that",
                               "happy with the outcome",
                               "happy with the response",
                               "happy with your response",
                               "happy with the decision",
                               "happy with how",
                               "satisfied with the outcome",
                               "satisfied with the response",
                               "satisfied with your response",
                               "satisfied with this",
                               "i accept",
                               "we accept",
                               "i am satisfied",
                               "we are satisfied",
                               "no further action is needed",
                               "no further action needed",
                               "no further action required",
                               "no further action is required",
                               "no further action please",
                               "that resolves it",
                               "that resolves this",
                               "consider this closed",
                               "consider the matter closed",
                               "happy to leave it there",
                               "happy to close",
                               "accept the outcome",
                               "accept your response",
                               "content with the outcome"});
  return kSet;
}

// "there will be anonymous feedback forms", "it was meant to be anonymous": the
// word describes a thing, not how the writer wants to be treated.
bool DescribesSomethingAnonymous(const std::vector<Word>& w, const PhraseSet::Hit& h) {
  const size_t last = h.first + h.count - 1;
  if (w[last].lower != "anonymous") return false;  // "anonymously" qualifies the writer's act
  const size_t next = last + 1;
  if (next < w.size() && !w[next].clause_start && !w[next].line_start &&
      !WordIsOneOf(w, next,
                   {"please", "if", "as", "because", "so", "and", "but", "for", "on", "when",
                    "thanks", "thank", "i", "to", "from", "with"})) {
    return true;
  }
  return h.first >= 2 && w[h.first - 1].lower == "to" &&
         WordIsOneOf(w, h.first - 2, {"meant", "supposed", "designed", "said", "promised"});
}

// "don't give them my name", "don't put my name on it", "please don't tell Bea it
// was me": "do not" and, within a few words of the same clause, "my name",
// "my details" or "it was me".
bool AsksNotToBeNamed(const std::vector<Word>& w) {
  for (size_t at = 0; at + 1 < w.size(); ++at) {
    if (w[at].lower != "do" || w[at + 1].lower != "not") continue;
    for (size_t k = at + 2; k + 1 < w.size() && k < at + 8; ++k) {
      if (w[k].clause_start && w[k].sentence_start) break;
      if (w[k].lower == "my" && WordIsOneOf(w, k + 1, {"name", "details", "identity"})) {
        return true;
      }
      if (k + 2 < w.size() && w[k].lower == "it" && WordIsOneOf(w, k + 1, {"was", "is"}) &&
          WordIsOneOf(w, k + 2, {"me", "us"})) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

ReviewRequest ReadReviewRequest(const std::string& own_text) {
  const std::vector<Word> w = ReadWords(own_text);
  std::optional<size_t> last_decline, last_explicit_ask;
  bool asks = false;
  for (const PhraseSet::Hit& h : ExplicitAsks().FindAll(w)) {
    if (NegatedBefore(w, h.first, 4)) {
      last_decline = h.first;
    } else {
      asks = true;
      last_explicit_ask = h.first;
    }
  }
  for (const PhraseSet::Hit& h : SoftAsks().FindAll(w)) {
    if (!NegatedBefore(w, h.first, 2)) asks = true;
  }
  for (const PhraseSet::Hit& h : Acceptances().FindAll(w)) {
    // "not happy with the outcome" is a soft ask, found above.
    if (NegatedBefore(w, h.first, 3)) continue;
    if (!last_decline || *last_decline < h.first) last_decline = h.first;
  }
  if (last_decline) {
    const bool asks_after = last_explicit_ask && *last_explicit_ask > *last_decline;
    return asks_after ? ReviewRequest::kAsks : ReviewRequest::kDeclines;
  }
  return asks ? ReviewRequest::kAsks : ReviewRequest::kNone;
}

bool AsksForAnonymity(const std::string& own_text) {
  // Requests that a "not" before them would cancel ("I don't need to be anonymous").
  static const PhraseSet kPositive({"remain anonymous",
                                    "stay anonymous",
                                    "be anonymous",
                                    "kept anonymous",
                                    "keep this anonymous",
                                    "keep it anonymous",
                                    "keep me anonymous",
                                    "keep my complaint anonymous",
                                    "keep my name anonymous",
                                    "keep this confidential",
                                    "keep my name confidential",
                                    "keep my identity",
                                    "treated anonymously",
                                    "treat this anonymously",
                                    "anonymously please",
                                    "anonymously if possible",
                                    "anonymous please",
                                    "anonymous if possible",
                                    "complain anonymously",
                                    "complaining anonymously",
                                    "raise this anonymously",
                                    "report this anonymously",
                                    "make an anonymous complaint",
                                    "making an anonymous complaint",
                                    "this is an anonymous complaint",
                                    "submit this anonymously",
                                    "keep my name out",
                                    "without my name",
                                    "withhold my name",
                                    "prefer not to be named",
                                    "rather not be named",
                                    "rather not be identified",
                                    "prefer not to be identified",
                                    "rather they did not know",
                                    "rather it was anonymous",
                                    "rather remain anonymous",
                                    "wish to be anonymous",
                                    "want this anonymous",
                                    "want it anonymous",
                                    "make this anonymous",
                                    "make it anonymous",
                                    "keep it confidential",
                                    "like this anonymous",
                                    "like it anonymous"});
  // Requests that carry their own "not".
  static const PhraseSet kNegative({"do not share my name",
                                    "do not use my name",
                                    "do not give my name",
                                    "do not pass on my name",
                                    "do not mention my name",
                                    "do not name me",
                                    "do not tell them it was me",
                                    "do not tell them it is me",
                                    "do not tell anyone it was me",
                                    "do not tell her it was me",
                                    "do not tell him it was me",
                                    "do not say it was me",
                                    "do not want them to know it was me",
                                    "do not want them to know it is me",
                                    "do not want anyone to know it was me",
                                    "do not want my name",
                                    "not want my name",
                                    "not be named",
                                    "not to be named",
                                    "not be identified",
                                    "not to be identified",
                                    "do not identify me",
                                    "do not reveal my name",
                                    "do not want to be named",
                                    "do not want to be identified",
                                    "not want her name",
                                    "not want his name",
                                    "not want their name",
                                    "rather you did not know",
                                    "rather nobody knew",
                                    "rather no one knew"});
  const std::vector<Word> w = ReadWords(own_text);
  if (!kNegative.FindAll(w).empty() || AsksNotToBeNamed(w)) return true;
  for (const PhraseSet::Hit& h : kPositive.FindAll(w)) {
    if (!NegatedBefore(w, h.first, 4) && !DescribesSomethingAnonymous(w, h)) return true;
  }
  return false;
}

}  // namespace intaked
