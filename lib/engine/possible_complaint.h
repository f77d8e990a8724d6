// SPDX-License-Identifier: GPL-3.0-or-later
// PossibleComplaint: mail that might be a complaint goes to a person, never nowhere.
//
// A message the classifier cannot call either way is shown to whoever would
// handle it as a complaint (never a co-chair it names) in a note; "#complaint"
// in reply to that note - authenticated by the note's unguessable Message-ID,
// like any reply to intaked - opens the case from the original message, as if
// it had been read as a complaint when it arrived. Runs inside the caller's
// transaction; the caller records the original message (kind
// "possible_complaint", raw kept) right after the note, which ties the two.
#pragma once

#include <SQLiteCpp/Database.h>

#include <optional>
#include <string>

#include "base/clock.h"
#include "engine/case_opening.h"
#include "engine/message_reading.h"
#include "engine/procedure_context.h"

namespace intaked {

// Sends the note about `r` (read from the mailbox of co-chair `mailbox_owner`, if any);
// returns to whom it went.
std::string AskAboutPossibleComplaint(const ProcedureContext& ctx, SQLite::Database& db,
                                      TokenSource& tokens, Instant now, const MessageReading& r,
                                      std::optional<size_t> mailbox_owner);

struct PossibleComplaintAnswer {
  bool answers_a_note = false;       // `reply` answers a note sent to its writer
  std::optional<OpenedCase> opened;  // the case opened from the original message
  std::string detail;                // why nothing was opened, for the log
};

// `reply` (its keyword is #complaint) answers a possible-complaint note sent to its writer:
// opens the case from the message the note was about, once.
PossibleComplaintAnswer OpenPossibleComplaint(const ProcedureContext& ctx, SQLite::Database& db,
                                              TokenSource& tokens, Instant now,
                                              const MessageReading& reply);

}  // namespace intaked
