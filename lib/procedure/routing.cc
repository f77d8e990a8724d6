// SPDX-License-Identifier: GPL-3.0-or-later
#include "procedure/routing.h"

namespace intaked {

RoutingDecision Route(const RoutingInput& in) {
  const size_t n = in.named.size();
  std::optional<size_t> best;
  for (size_t i = 0; i < n; ++i) {
    if (in.named[i] || !in.received_directly[i]) continue;
    best = i;
    break;
  }
  if (best) return {best, "received directly by an un-named co-chair"};
  for (size_t i = 0; i < n; ++i) {
    if (in.named[i]) continue;
    if (!best || in.open_cases[i] < in.open_cases[*best]) best = i;
  }
  if (best) {
    bool any_named = false;
    for (bool b : in.named) any_named = any_named || b;
    return {best, any_named ? "the co-chair not named" : "fewer open cases"};
  }
  return {std::nullopt, n == 0 ? "no co-chairs configured" : "every co-chair is named"};
}

}  // namespace intaked
