// SPDX-License-Identifier: GPL-3.0-or-later
// CaseReplyCap: how much correspondence one case may relay in a day (docs/SECURITY.md,
// "Mail on a case"). Two people - or two auto-responders that ignore Auto-Submitted - can
// bounce mail through intaked without end; past the cap, replies in either
// direction are still recorded on the case, but not sent on, until the
// organisation's next local day. The handler hears about it once a day.
//
// Counts what the case's timeline says was relayed, so the cap survives
// restarts and needs no state of its own. Runs inside the caller's
// transaction.
#pragma once

#include <SQLiteCpp/Database.h>

#include <cstdint>

#include "base/clock.h"
#include "calendar/local_zone.h"

namespace intaked {

// Replies relayed on one case per local day, both directions together.
inline constexpr int kCaseRepliesPerDay = 20;

// Whether case `case_id` has relayed its day's worth of replies by `now`.
bool CaseReplyCapReached(SQLite::Database& db, const LocalZone& zone, int64_t case_id, Instant now);

// Whether the handler was already told today that the cap was reached.
bool CaseReplyCapNoticeSent(SQLite::Database& db, const LocalZone& zone, int64_t case_id,
                            Instant now);

}  // namespace intaked
