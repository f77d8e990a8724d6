// SPDX-License-Identifier: GPL-3.0-or-later
// CaseMail: the one door every letter about a case goes out through.
//
// It fills the fields all case letters share (reference, dates written for
// people, who the complainant is - or "Complainant (anonymous)" for staff),
// and it enforces, in one place, the rules no letter may break:
//  - a co-chair the complaint names receives nothing about it;
//  - staff never see an anonymous complainant's address or Message-ID;
//  - automatic mail to any outside address is capped (3 in 10 minutes, 20 a
//    day), and what is held back is recorded on the case.
// Runs inside the caller's transaction.
#pragma once

#include <SQLiteCpp/Database.h>

#include <map>
#include <optional>
#include <string>

#include "base/clock.h"
#include "engine/procedure_context.h"
#include "letters/letter_templates.h"
#include "store/case_store.h"

namespace intaked {

// Whether automatic answers to `recipient` (letters/automatic_answers.h:
// acknowledgements, thanks) have hit the loop-guard cap: 3 in 10 minutes, 20
// in a day.
bool AutomaticMailCapReached(SQLite::Database& db, const std::string& recipient, Instant now);

class CaseMail {
 public:
  CaseMail(const ProcedureContext& ctx, SQLite::Database& db, TokenSource& tokens, Instant now)
      : ctx_(ctx), db_(db), tokens_(tokens), now_(now) {}

  // Fields every case letter may use; `extra` adds or overrides.
  LetterFields Fields(const CaseRecord& c) const;
  // The complainant's words as staff may read them: an anonymous complainant's name,
  // sign-off and contact details withheld.
  std::string ForStaff(const CaseRecord& c, const std::string& complainant_words) const;

  // Renders `letter` for `to` and enqueues it. Returns false (and records why on
  // the case) when a rule above withholds it. Throws if the template fails.
  bool Send(const CaseRecord& c, const std::string& letter, const Address& to,
            const LetterFields& fields, const std::string& auto_submitted = "auto-replied",
            const std::vector<Attachment>& attachments = {});

  // Letters to the complainant. True when it went to them by email; a complainant
  // with no usable address (a phone complaint) has it sent to the handler instead,
  // to send by post or phone, and false is returned.
  bool ToComplainant(const CaseRecord& c, const std::string& letter, const LetterFields& fields);

  // Whether `email` is on the organisation's side (a co-chair, the fallback, the reviewer).
  bool IsStaff(const std::string& email) const;
  std::string NameOf(const std::string& staff_email) const;
  // The role `email` may act in on `c`, if any (the handler; the reviewer once the case
  // has reached Stage Two; the fallback).
  std::optional<Role> RoleOf(const CaseRecord& c, const std::string& email) const;

 private:
  const ProcedureContext& ctx_;
  SQLite::Database& db_;
  TokenSource& tokens_;
  Instant now_;
};

}  // namespace intaked
