#include "engine/intake_command.h"

#include <regex>

#include "base/text.h"
#include "engine/case_mail.h"
#include "engine/letter_post.h"
#include "mail/address.h"
#include "store/outbox.h"

namespace intaked {
namespace {

std::string StripForwardPrefix(std::string subject) {
  static const std::regex re(R"re(^\s*((fwd?|fw|tr|wg|re|aw)\s*:\s*)+)re", std::regex::icase);
  return std::regex_replace(subject, re, "");
}

}  // namespace

Address NamedComplainant(const std::string& text) {
  static const std::regex line(R"re((^|\n)\s*complainant\s*:\s*([^\n]+))re", std::regex::icase);
  static const std::regex forwarded(R"re((^|\n)\s*>?\s*from\s*:\s*([^\n]+))re", std::regex::icase);
  std::smatch m;
  for (const std::regex* re : {&line, &forwarded}) {
    if (!std::regex_search(text, m, *re)) continue;
    const std::string value = Trim(m[2].str());
    const auto list = ParseAddressList(value);
    if (!list.empty()) return list.front();
    if (re == &line) return {Trim(value.substr(0, value.find('<'))), ""};
  }
  return {};
}

std::string WithoutComplainantLine(const std::string& text) {
  static const std::regex line(R"re((^|\n)\s*complainant\s*:[^\n]*)re", std::regex::icase);
  return Trim(std::regex_replace(text, line, "", std::regex_constants::format_first_only));
}

void HandleCompliment(const ProcedureContext& ctx, SQLite::Database& db, TokenSource& tokens,
                      Instant now, const Compliment& c) {
  const Config& cfg = ctx.config;
  Outbox outbox(db);
  LetterPost post(ctx, outbox, tokens, now);
  LetterFields f;
  f.values = {{"organisation", cfg.organisation_name},
              {"name", c.from.name.empty() ? (c.from.email.empty() ? "someone" : c.from.email)
                                           : c.from.name},
              {"sender_name", c.from.name.empty() ? "there" : c.from.name},
              {"subject", c.subject},
              {"text", c.text},
              {"logged_by", c.logged_by}};
  f.flags = {{"logged", !c.logged_by.empty()}};
  auto render = [&](const char* name) {
    auto letter = ctx.templates.Render(name, f);
    if (!letter.ok()) throw std::runtime_error(letter.status().message());
    return letter.value();
  };
  if (cfg.thank_compliments && !c.from.email.empty() &&
      !AutomaticMailCapReached(db, c.from.email, now)) {
    post.Enqueue({"compliment_thanks", std::nullopt, "", c.from, "", {}, "auto-replied", {}},
                 render("compliment_thanks"));
  }
  for (const CoChairSettings& cc : cfg.co_chairs) {
    post.Enqueue({"compliment_copy",
                  std::nullopt,
                  "",
                  {cc.identity.name, cc.identity.address},
                  "",
                  {},
                  "auto-generated",
                  {}},
                 render("compliment_copy"));
  }
}

IntakeCommandResult HandleIntakeCommand(const ProcedureContext& ctx, SQLite::Database& db,
                                        TokenSource& tokens, Instant now, const Message& m,
                                        size_t co_chair, const ReplyCommand& cmd,
                                        const Arrival& arrival) {
  const std::string logged_by = ctx.config.co_chairs[co_chair].identity.name;
  const Address person = NamedComplainant(cmd.text);
  const std::string text = WithoutComplainantLine(cmd.text);
  const std::string subject = StripForwardPrefix(m.subject);
  if (cmd.keyword == Keyword::kCompliment) {
    HandleCompliment(ctx, db, tokens, now, {person, subject, text, logged_by});
    return {"compliment", ""};
  }
  NewComplaint n{person,
                 subject.empty() ? "Complaint logged by " + logged_by : subject,
                 text,
                 m.attachments,
                 "",
                 nullptr,
                 "logged by " + logged_by + " (#complaint)"};
  const OpenedCase opened = CaseOpening(ctx, db, tokens, now).Open(n, arrival);
  return {"complaint", opened.reference};
}

}  // namespace intaked
