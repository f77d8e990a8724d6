// CaseActions: the things that can happen to an open case after it is opened
// (SPEC §2.4-2.5) - each one a state change plus the letters it causes,
// written in the caller's transaction.
//
// Callers decide *whether* an action is allowed (authentication, keyword
// parsing); these functions only carry it out, and report a problem the
// handler must hear about as a non-empty string.
#pragma once

#include <SQLiteCpp/Database.h>

#include <string>

#include "base/clock.h"
#include "engine/case_mail.h"
#include "engine/procedure_context.h"
#include "store/case_store.h"

namespace intaked {

class CaseActions {
 public:
  CaseActions(const ProcedureContext& ctx, SQLite::Database& db, TokenSource& tokens, Instant now)
      : ctx_(ctx), db_(db), now_(now), mail_(ctx, db, tokens, now) {}

  std::string RelayToComplainant(CaseRecord& c, const std::string& by, const std::string& text);
  // The complainant's words to whoever is acting on the case (with an optional note).
  void ForwardToActors(CaseRecord& c, const std::string& text, const std::string& note);
  std::string Outcome(CaseRecord& c, const std::string& by, const std::string& text);
  std::string Holding(CaseRecord& c, const std::string& by, date::sys_days day,
                      const std::string& reason);
  void Note(CaseRecord& c, const std::string& by, const std::string& text);
  std::string StartStageTwo(CaseRecord& c, const std::string& why);
  std::string Reassign(CaseRecord& c, const std::string& by);
  void Close(CaseRecord& c, const std::string& reason);
  void Void(CaseRecord& c, const std::string& by);
  // Whether the case has relayed its day's worth of correspondence (SPEC §2.5).
  bool ReplyCapReached(const CaseRecord& c) const;
  // Records a reply the daily cap keeps back (`kind` is complainant_reply_held or
  // handler_reply_held) and, the first time that day, tells the handler.
  void HoldReply(const CaseRecord& c, const std::string& kind, const std::string& text);
  // Tells `to` what was wrong with their message; nothing else happens.
  void CommandError(const CaseRecord& c, const std::string& to, const std::string& error);

  CaseMail& mail() { return mail_; }
  date::sys_days Today() const { return ctx_.zone.LocalDate(now_); }

 private:
  std::string CasePack(const CaseRecord& c);

  const ProcedureContext& ctx_;
  SQLite::Database& db_;
  Instant now_;
  CaseMail mail_;
};

}  // namespace intaked
