// SPDX-License-Identifier: GPL-3.0-or-later
// ReplyCommand: the keyword a handler's reply starts with (docs/PROCEDURE.md, "Acting on a
// case by email"), or none.
//
// The keyword must be the first non-blank line of the writer's own text
// (quoted history already removed). "#1 apologies" is not a keyword: a keyword
// is '#' followed by letters. Pure; validating a #holding date against the
// calendar is separate so the parser needs no clock.
#pragma once

#include <date/date.h>

#include <optional>
#include <string>

#include "calendar/working_day_calendar.h"
#include "procedure/case_lifecycle.h"

namespace intaked {

enum class Keyword {
  kNone,
  kOutcome,
  kHolding,
  kNote,
  kEscalate,
  kReassign,
  kWithdrawn,
  kClose,
  kNotComplaint,
  kComplaint,   // intake command, or a co-chair correcting a wrong call
  kCompliment,  // intake command
};

const char* KeywordName(Keyword k);

struct ReplyCommand {
  Keyword keyword = Keyword::kNone;
  std::optional<date::sys_days> date;  // #holding's date
  std::string text;                    // the rest of the writer's text, keyword line removed
  std::string error;                   // set when the keyword line is wrong; say it to the writer
};

ReplyCommand ParseReplyCommand(const std::string& own_text);

// Why `day` cannot be a holding letter's final date, or "" when it can.
std::string HoldingDateProblem(date::sys_days day, date::sys_days today,
                               const WorkingDayCalendar& calendar);

// The keywords `role` may use in `phase` and what they do, for letters and error
// replies - derived from the life-cycle table, so a letter never offers what
// would be refused. Without arguments: the Stage One handler's.
std::string KeywordHelp(Role role, Phase phase);
std::string KeywordHelp();

}  // namespace intaked
