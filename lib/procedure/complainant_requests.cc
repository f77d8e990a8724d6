#include "procedure/complainant_requests.h"

#include "procedure/classification.h"

namespace intaked {

bool AsksForReview(const std::string& own_text) {
  return !FindPhrase(own_text, {"independent review", "appeal", "appealing", "stage two", "stage 2",
                                "not satisfied", "dissatisfied", "unsatisfied",
                                "review my complaint", "take this further",
                                "not happy with the outcome", "not happy with the response"})
              .empty();
}

ReviewRequest ReadReviewRequest(const std::string& own_text) {
  return AsksForReview(own_text) ? ReviewRequest::kAsks : ReviewRequest::kNone;
}

bool AsksForAnonymity(const std::string& own_text) {
  return !FindPhrase(own_text,
                     {"anonymous", "anonymously", "don't share my name", "do not share my name",
                      "don't use my name", "do not use my name", "keep my name out",
                      "without my name", "withhold my name", "not be named", "don't name me",
                      "do not name me", "don’t share my name", "don’t use my name",
                      "don't tell them it was me", "do not tell them it was me",
                      "don’t tell them it was me", "don't say it was me", "do not say it was me"})
              .empty();
}

}  // namespace intaked
