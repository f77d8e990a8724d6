// SPDX-License-Identifier: GPL-3.0-or-later
// ProcedureContext: everything the engine derives once from a Config - the
// calendar, the time zone, the letters, the classification rules - so a
// reload can build a new one completely (and reject it whole) before use.
#pragma once

#include <memory>

#include "calendar/local_zone.h"
#include "calendar/working_day_calendar.h"
#include "config/config.h"
#include "letters/letter_templates.h"
#include "procedure/classification.h"

namespace intaked {

struct ProcedureContext {
  Config config;
  WorkingDayCalendar calendar;
  LocalZone zone;
  LetterTemplates templates;
  ClassificationRules rules;

  static Result<std::shared_ptr<const ProcedureContext>> Build(const Config& config);
  std::vector<CoChairIdentity> CoChairIdentities() const;
  // The name of a member of staff (a co-chair, the reviewer, the fallback) by address;
  // any other address is returned as it is.
  std::string StaffName(const std::string& email) const;
};

}  // namespace intaked
