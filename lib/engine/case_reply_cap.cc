// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/case_reply_cap.h"

#include "store/case_store.h"

namespace intaked {
namespace {

// Events of `kinds` on the case during the local day of `now`.
int CountToday(SQLite::Database& db, const LocalZone& zone, int64_t case_id, Instant now,
               const std::vector<CaseEventKind>& kinds) {
  const date::sys_days today = zone.LocalDate(now);
  return CaseStore(db).CountEvents(case_id, kinds, zone.At(today, 0), zone.EndOfDay(today));
}

}  // namespace

bool CaseReplyCapReached(SQLite::Database& db, const LocalZone& zone, int64_t case_id,
                         Instant now) {
  // What was relayed: the handler's words to the complainant, the complainant's to the handler.
  return CountToday(db, zone, case_id, now, {CaseEventKind::kHandlerReply, CaseEventKind::kComplainantReply}) >=
         kCaseRepliesPerDay;
}

bool CaseReplyCapNoticeSent(SQLite::Database& db, const LocalZone& zone, int64_t case_id,
                            Instant now) {
  return CountToday(db, zone, case_id, now, {CaseEventKind::kReplyCapReached}) > 0;
}

}  // namespace intaked
