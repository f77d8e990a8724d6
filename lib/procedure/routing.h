// SPDX-License-Identifier: GPL-3.0-or-later
// Routing: who handles a new complaint (docs/PROCEDURE.md, "What happens to each message").
//
// The handler is a co-chair the complaint does not name: the one whose own
// mailbox received it, else the one with fewer open cases (ties: the first in
// the config). When every co-chair is named, the configured fallback handles
// it and no co-chair does. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace intaked {

struct RoutingInput {
  std::vector<bool> named;              // per co-chair
  std::vector<bool> received_directly;  // per co-chair: in their mailbox or To/Cc
  std::vector<int> open_cases;          // per co-chair
};

struct RoutingDecision {
  std::optional<size_t> co_chair;  // the handling co-chair; empty: the fallback
  std::string reason;
};

RoutingDecision Route(const RoutingInput& input);

}  // namespace intaked
