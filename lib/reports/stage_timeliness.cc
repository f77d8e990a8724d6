// SPDX-License-Identifier: GPL-3.0-or-later
#include "reports/stage_timeliness.h"

#include <algorithm>

#include "procedure/deadlines.h"

namespace intaked {
namespace {

bool HeldBefore(const StageFacts& stage, Instant response) {
  return std::any_of(stage.holding_letters.begin(), stage.holding_letters.end(),
                     [&](Instant sent) { return sent < response; });
}

}  // namespace

StageResult ClassifyStage(const StageFacts& stage, const StageClock& clock, date::sys_days today) {
  const Deadline deadline =
      WorkingDaysAfter(clock.calendar, clock.zone, stage.start, clock.working_days);
  if (!stage.response) {
    if (!stage.still_open) return StageResult::kEndedWithoutResponse;
    const date::sys_days due = stage.final_date.value_or(deadline.day);
    return today > due ? StageResult::kOverdueNow : StageResult::kAwaiting;
  }
  if (*stage.response <= deadline.at) return StageResult::kWithinTime;
  // The moved date counts only when a holding letter really went before the response.
  if (HeldBefore(stage, *stage.response) && stage.final_date &&
      clock.zone.LocalDate(*stage.response) <= *stage.final_date) {
    return StageResult::kByHoldingDate;
  }
  return StageResult::kLate;
}

}  // namespace intaked
