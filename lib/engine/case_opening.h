// SPDX-License-Identifier: GPL-3.0-or-later
// CaseOpening: a new complaint becomes a case - numbered, routed away from any
// co-chair it names, given its deadlines - and its first letters (the
// acknowledgement and the handler's notification) go into the outbox.
//
// Runs inside the caller's transaction; throws SQLite::Exception on storage
// failure so the whole transaction rolls back.
#pragma once

#include <SQLiteCpp/Database.h>

#include <optional>
#include <string>

#include "base/clock.h"
#include "engine/procedure_context.h"
#include "mail/message.h"
#include "procedure/routing.h"

namespace intaked {

struct Arrival {
  std::string mailbox;             // state key of the folder it was read from
  std::optional<size_t> co_chair;  // the co-chair whose mailbox it came from (or who logged it)
  Instant received;                // server receipt time (or Date header)
};

// What a complaint consists of, whether it came by email or was logged by a co-chair.
struct NewComplaint {
  Address complainant;  // email may be empty (a phone complaint without an address)
  std::string subject;
  std::string own_text;  // the complainant's own words
  std::vector<Attachment> attachments;
  std::string thread_id;             // the Message-ID letters to the complainant thread under
  const Message* message = nullptr;  // the mail itself, for To/Cc routing; may be null
  std::string why;
  std::optional<size_t> sent_straight_to;  // the one co-chair it was addressed to, if only one
  bool anonymous = false;                  // the complainant asked not to be named
};

// Who would handle a complaint, and why: away from every co-chair it names.
struct ComplaintRoute {
  std::vector<bool> named;  // per co-chair
  RoutingDecision decision;
};
ComplaintRoute RouteComplaint(const ProcedureContext& ctx, SQLite::Database& db,
                              const NewComplaint& complaint, const Arrival& arrival);

struct OpenedCase {
  int64_t id = 0;
  std::string reference;
  std::string handler_email;
  std::string route_reason;
};

class CaseOpening {
 public:
  CaseOpening(const ProcedureContext& ctx, SQLite::Database& db, TokenSource& tokens, Instant now)
      : ctx_(ctx), db_(db), tokens_(tokens), now_(now) {}

  OpenedCase Open(const NewComplaint& complaint, const Arrival& arrival);

 private:
  const ProcedureContext& ctx_;
  SQLite::Database& db_;
  TokenSource& tokens_;
  Instant now_;
};

// Whether `m` is addressed (To or Cc) to `email`.
bool AddressedTo(const Message& m, const std::string& email);
std::string HumanSize(size_t bytes);

}  // namespace intaked
