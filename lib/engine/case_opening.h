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

namespace intaked {

struct Arrival {
  std::string mailbox;             // state key of the folder it was read from
  std::optional<size_t> co_chair;  // the co-chair whose mailbox it came from
  Instant received;                // server receipt time (or Date header)
};

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

  OpenedCase OpenComplaint(const Message& m, const Arrival& arrival, const std::string& raw,
                           const std::string& why);

 private:
  const ProcedureContext& ctx_;
  SQLite::Database& db_;
  TokenSource& tokens_;
  Instant now_;
};

// Whether `m` is addressed (To or Cc) to `email`.
bool AddressedTo(const Message& m, const std::string& email);
std::string TrimTrailing(std::string s);

}  // namespace intaked
