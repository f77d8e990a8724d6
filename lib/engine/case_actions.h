// SPDX-License-Identifier: GPL-3.0-or-later
// CaseActions: the things that can happen to a case after it is opened
// (docs/PROCEDURE.md, "Acting on a case by email") - each one a state change plus the letters it causes,
// written in the caller's transaction.
//
// Whether an act is allowed is decided once, by Permit(), from the life-cycle
// table (procedure/case_lifecycle.h): every refusal is on the timeline and
// its sender is told why. The act functions then only carry it out, and
// report a problem the sender must hear about (an empty text, a date that
// does not fit) as a non-empty string. Every timeline entry names the role
// that caused it.
#pragma once

#include <SQLiteCpp/Database.h>

#include <optional>
#include <string>

#include "base/clock.h"
#include "engine/case_mail.h"
#include "engine/procedure_context.h"
#include "procedure/case_lifecycle.h"
#include "store/case_store.h"

namespace intaked {

// Who is acting on a case: their role on it, and their address (empty for the admin).
struct Actor {
  Role role = Role::kIntaked;
  std::string email;
};

class CaseActions {
 public:
  CaseActions(const ProcedureContext& ctx, SQLite::Database& db, TokenSource& tokens, Instant now)
      : ctx_(ctx), db_(db), now_(now), mail_(ctx, db, tokens, now) {}

  // Whether `by` may take `act` on `c` now. When not: the refusal goes on the
  // timeline, `by` is told why (unless it is the admin, who reads it on the
  // command line: see `refusal`), and a holding letter the handler or reviewer
  // may not send is reported to the fallback.
  bool Permit(const CaseRecord& c, const Actor& by, CaseAct act, std::string* refusal = nullptr);

  std::string RelayToComplainant(CaseRecord& c, const Actor& by, const std::string& text);
  // The complainant's words to whoever is acting on the case (with an optional note).
  void ForwardToActors(CaseRecord& c, const std::string& text, const std::string& note);
  std::string Outcome(CaseRecord& c, const Actor& by, const std::string& text);
  // `day` must be a working day after the current due date (the caller checked it is a
  // future working day).
  std::string Holding(CaseRecord& c, const Actor& by, date::sys_days day,
                      const std::string& reason);
  void Note(CaseRecord& c, const Actor& by, const std::string& text);
  std::string StartStageTwo(CaseRecord& c, const Actor& by, const std::string& why);
  // To `to` when given (the admin's choice), else to the co-chair the complaint does
  // not name with the fewest open cases.
  std::string Reassign(CaseRecord& c, const Actor& by,
                       const std::optional<std::string>& to = std::nullopt);
  void Close(CaseRecord& c, const Actor& by, CloseCause cause, const std::string& note = {});
  void Void(CaseRecord& c, const Actor& by);
  // `intaked close`: closes the case and tells whoever held it (nothing to the complainant).
  void CloseByAdmin(CaseRecord& c, const std::string& reason);
  // After the fallback acted on a case it does not handle: whoever holds it (the handler,
  // or the reviewer in Stage Two) is told what was done, so nobody works blind.
  void TellHolderOfFallbackAct(const CaseRecord& c, CaseAct act);
  // A letter to the complainant did not reach them: the mail server refused it for good
  // (`purpose` is the letter), or a delivery failure report came back (`purpose` empty).
  // The handler is told, once a day at most, to reach them by phone or post; an
  // acknowledgement that bounced no longer counts as given.
  void ComplainantLetterUndelivered(CaseRecord& c, const std::string& purpose);
  // Whether the case has relayed its day's worth of correspondence (CaseReplyCap).
  bool ReplyCapReached(const CaseRecord& c) const;
  // Records a reply the daily cap keeps back and, the first time that day, tells the handler.
  void HoldReply(const CaseRecord& c, CaseEventKind kind, Role by, const std::string& text);
  // Tells `to` what was wrong with their message; nothing else happens.
  void CommandError(const CaseRecord& c, const Actor& to, const std::string& error);

  // The dates a stage's deadline had before any holding letter moved it.
  date::sys_days OriginalRespondDate(const CaseRecord& c) const;
  date::sys_days OriginalReviewDate(const CaseRecord& c) const;

  CaseMail& mail() { return mail_; }
  date::sys_days Today() const { return ctx_.zone.LocalDate(now_); }

 private:
  std::string CasePack(const CaseRecord& c);
  ActFacts FactsFor(const CaseRecord& c, const Actor& by, CaseAct act);
  void TellFallbackOfRefusedHolding(const CaseRecord& c, const Actor& by, const std::string& why);
  std::string WhoIs(const Actor& a) const;

  const ProcedureContext& ctx_;
  SQLite::Database& db_;
  Instant now_;
  CaseMail mail_;
};

}  // namespace intaked
