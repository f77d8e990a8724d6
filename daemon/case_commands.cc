// SPDX-License-Identifier: GPL-3.0-or-later
// The admin's two commands on a stuck case (docs/PROCEDURE.md, "Acting on a case by
// email"): `reassign REF --to
// ADDRESS` and `close REF --reason TEXT` - for a co-chair who is ill, away or
// conflicted. The life-cycle table decides whether the act fits the case's
// phase, exactly as for a keyword by email; what the admin did goes on the
// case's timeline as the admin's, in one transaction with the letters it
// causes (sent by the running service's next cycle).
#include <SQLiteCpp/Transaction.h>

#include <iostream>

#include "base/text.h"
#include "command_session.h"
#include "commands.h"
#include "engine/case_actions.h"
#include "mail/address.h"
#include "store/case_store.h"

namespace intaked {
namespace {

// The people a case may be handed to: the co-chairs and the fallback.
bool IsConfiguredHandler(const Config& cfg, const std::string& email) {
  if (SameEmail(email, cfg.fallback_address)) return true;
  for (const CoChairSettings& cc : cfg.co_chairs) {
    if (SameEmail(email, cc.identity.address)) return true;
  }
  return false;
}

// Runs `act` on case `reference` as the admin, in one transaction.
template <typename Act>
int AsAdmin(const std::string& config_path, const std::string& reference,
            std::optional<Instant> now, CaseAct what, Act act) {
  CommandSession s = OpenCommandSession(config_path);
  if (!s.ok()) return s.Refuse();
  SystemClock clock;
  RandomTokenSource tokens;
  const Instant at = now.value_or(clock.Now());
  SQLite::Transaction tx(*s.db, SQLite::TransactionBehavior::IMMEDIATE);
  auto c = CaseStore(*s.db).FindByReference(reference);
  if (!c) {
    std::cerr << "intaked: no case " << WithoutControls(reference, false) << "\n";
    return kExitFailure;
  }
  CaseActions actions(*s.ctx, *s.db, tokens, at);
  std::string refusal;
  if (!actions.Permit(*c, {Role::kAdmin, ""}, what, &refusal)) {
    tx.commit();  // the refusal is on the timeline
    std::cerr << "intaked: " << c->reference << ": " << refusal << "\n";
    return kExitFailure;
  }
  const std::string problem = act(actions, *c, s.ctx->config);
  if (!problem.empty()) {
    std::cerr << "intaked: " << c->reference << ": " << problem << "\n";
    return kExitFailure;
  }
  tx.commit();
  return kExitOk;
}

}  // namespace

int ReassignCommand(const std::string& config_path, const std::string& reference,
                    const std::string& to, std::optional<Instant> now) {
  return AsAdmin(
      config_path, reference, now, CaseAct::kReassign,
      [&](CaseActions& act, CaseRecord& c, const Config& cfg) -> std::string {
        if (!IsConfiguredHandler(cfg, to))
          return WithoutControls(to, false) +
                 " is not a co-chair or the fallback in the config; a case can be "
                 "handed only to one of them.";
        if (c.Names(to))
          return "the complaint names " + act.mail().NameOf(to) +
                 ", so they may not handle it or see it.";
        const std::string from = act.mail().NameOf(c.handler_email);
        if (std::string problem = act.Reassign(c, {Role::kAdmin, ""}, to); !problem.empty())
          return problem;
        std::cout << c.reference << ": reassigned from " << from << " to " << act.mail().NameOf(to)
                  << "; they will be sent the case by the next cycle\n";
        return {};
      });
}

int CloseCommand(const std::string& config_path, const std::string& reference,
                 const std::string& reason, std::optional<Instant> now) {
  if (Trim(reason).empty()) {
    std::cerr << "intaked: close: --reason must say why the case is closed\n";
    return kExitUsage;
  }
  return AsAdmin(config_path, reference, now, CaseAct::kClose,
                 [&](CaseActions& act, CaseRecord& c, const Config&) -> std::string {
                   act.CloseByAdmin(c, Trim(reason));
                   std::cout << c.reference
                             << ": closed; whoever held it will be told by the next cycle\n";
                   return {};
                 });
}

}  // namespace intaked
