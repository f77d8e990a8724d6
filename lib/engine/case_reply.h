// SPDX-License-Identifier: GPL-3.0-or-later
// CaseReply: a message that belongs to an existing case - who wrote it, may
// they act, and what follows (docs/PROCEDURE.md, "Acting on a case by email").
//
// A keyword is acted on only when the sender has a role on the case (the
// handler; the reviewer; the fallback, once told of the case by an overdue or
// refusal notice) AND the message answers a letter intaked sent that very
// person about that very case (the token in its Message-ID), or was read from
// the handler's own Sent folder. Anything else - a forged From, a complainant
// typing #close, a named co-chair - is recorded and never executed. What an
// authenticated role may then do is the life-cycle table's to decide
// (CaseActions::Permit). Automated mail (out-of-office replies, bounces) is
// recorded and nothing else, and correspondence beyond the daily cap
// (case_reply_cap.h) is recorded but not relayed. Runs inside the caller's
// transaction.
#pragma once

#include <SQLiteCpp/Database.h>

#include <string>

#include "base/clock.h"
#include "engine/procedure_context.h"
#include "engine/message_reading.h"
#include "store/case_store.h"

namespace intaked {

struct CaseMessage {
  const MessageReading& reading;  // the message, read once
  std::string sent_folder_owner;  // set when read from that co-chair's Sent folder
};

enum class CaseReplyKind {
  kHandlerCommand,    // a keyword (acted on, or refused and its sender told)
  kRelayed,           // sent on to the complainant
  kComplainantReply,  // forwarded to whoever holds the case
  kStageTwo,          // the complainant asked for the independent review in time
  kUnauthenticated,   // an actor's address, but no proof it answers our letter
  kRecorded,          // kept on the case, nothing else
  kAutomated,         // recorded, never relayed or acted on
  kHeld,              // over the daily reply cap
  kDeferred,          // not recorded: the copy in the writer's Sent folder is acted on instead
};

// Whether a request for review received at `received` was made in time on case `c`: in its
// appeal window, or by its last day when intaked read it after the window closed (an outage).
bool AppealInTime(const ProcedureContext& ctx, const CaseRecord& c, Instant received);

// The kind's name in the message log.
const char* StorageName(CaseReplyKind k);

struct CaseReplyOutcome {
  CaseReplyKind kind;
  std::string detail;  // for the log: no bodies, no addresses
};

CaseReplyOutcome HandleCaseMessage(const ProcedureContext& ctx, SQLite::Database& db,
                                   TokenSource& tokens, Instant now, CaseRecord c,
                                   const CaseMessage& in);

}  // namespace intaked
