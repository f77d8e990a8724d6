// SPDX-License-Identifier: GPL-3.0-or-later
// Intake commands and compliments (docs/PROCEDURE.md, "What happens to each message").
//
// A co-chair records a complaint or compliment received by phone, in person or
// forwarded, by sending intake a message whose first line is #complaint or
// #compliment; a "Complainant: Name <address>" line (or the forwarded
// message's original From) names the person. Compliments - by email or logged
// this way - are recorded, thanked (if configured) and copied to the co-chairs.
// Runs inside the caller's transaction.
#pragma once

#include <SQLiteCpp/Database.h>

#include <optional>
#include <string>

#include "base/clock.h"
#include "engine/case_opening.h"
#include "engine/message_reading.h"
#include "engine/procedure_context.h"
#include "procedure/reply_command.h"

namespace intaked {

struct Compliment {
  Address from;  // the person paying it; email may be empty
  std::string subject;
  std::string text;
  std::string logged_by;  // a co-chair's name, when they logged it
};

// Thanks the person (if configured and possible) and copies the co-chairs.
void HandleCompliment(const ProcedureContext& ctx, SQLite::Database& db, TokenSource& tokens,
                      Instant now, const Compliment& compliment);

struct IntakeCommandResult {
  std::string kind;       // complaint | compliment
  std::string reference;  // for a complaint
  std::optional<int64_t> case_id;  // for a complaint: the co-chair's message belongs to it
};

IntakeCommandResult HandleIntakeCommand(const ProcedureContext& ctx, SQLite::Database& db,
                                        TokenSource& tokens, Instant now, const MessageReading& r,
                                        size_t co_chair, const Arrival& arrival);

// The complainant a co-chair's command names: "Complainant: Name <address>", or
// the From of a forwarded message in `text`. The name may come without an address.
Address NamedComplainant(const std::string& text);
// `text` without its "Complainant:" line.
std::string WithoutComplainantLine(const std::string& text);

}  // namespace intaked
