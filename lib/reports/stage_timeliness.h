// SPDX-License-Identifier: GPL-3.0-or-later
// StageTimeliness: how one stage of one complaint went against the policy's
// clock: the report tells the truth about time (docs/ADMIN.md, "The annual report").
//
// A stage's clock starts when the stage starts (receipt of the complaint for
// Stage One, the start of Stage Two for the review) and runs for the policy's
// number of working days; a holding letter never restarts or moves it. A
// response after that clock ran out is reported apart - "by the holding
// letter's final date" - only when a holding letter had gone before the
// response and the response came on or before the final date that letter set.
// Pure: the caller supplies the calendar, the zone and today's local date.
#pragma once

#include <date/date.h>

#include <optional>
#include <vector>

#include "base/clock.h"
#include "calendar/local_zone.h"
#include "calendar/working_day_calendar.h"

namespace intaked {

enum class StageResult {
  kWithinTime,            // answered within the policy's working days of the stage's start
  kByHoldingDate,         // after that, but by the final date a holding letter set
  kLate,                  // after that, and not covered by a holding letter
  kAwaiting,              // not answered yet, and its (possibly moved) date has not passed
  kOverdueNow,            // not answered yet, and its (possibly moved) date has passed
  kEndedWithoutResponse,  // closed, withdrawn or escalated before any response
};

struct StageFacts {
  Instant start;                             // receipt, or the start of Stage Two
  std::optional<Instant> response;           // the first response in this stage
  std::vector<Instant> holding_letters;      // holding letters sent in this stage
  std::optional<date::sys_days> final_date;  // the stage's due date as holding letters left it
  bool still_open = false;                   // the case still waits in this stage
};

struct StageClock {
  const WorkingDayCalendar& calendar;
  const LocalZone& zone;
  int working_days;
};

StageResult ClassifyStage(const StageFacts& stage, const StageClock& clock, date::sys_days today);

}  // namespace intaked
