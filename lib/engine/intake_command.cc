// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/intake_command.h"

#include <cctype>
#include <optional>
#include <string_view>

#include "base/text.h"
#include "engine/case_mail.h"
#include "engine/letter_post.h"
#include "letters/automatic_answers.h"
#include "mail/address.h"
#include "procedure/complainant_requests.h"
#include "store/outbox.h"

namespace intaked {
namespace {

// "Fwd: Re: FW: subject" -> "subject".
std::string StripForwardPrefix(const std::string& subject) {
  static constexpr std::string_view kPrefixes[] = {"fwd", "fw", "tr", "wg", "re", "aw"};
  std::string_view rest = subject;
  for (;;) {
    std::string_view t = rest;
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front()))) t.remove_prefix(1);
    bool found = false;
    for (std::string_view p : kPrefixes) {
      if (!StartsWithNoCase(t, p)) continue;
      std::string_view after = t.substr(p.size());
      while (!after.empty() && std::isspace(static_cast<unsigned char>(after.front())))
        after.remove_prefix(1);
      if (after.empty() || after.front() != ':') continue;
      rest = after.substr(1);
      found = true;
      break;
    }
    if (!found) return std::string(t);
  }
}

// The value of a "<label>: value" line (label matched ignoring case and the
// blanks around it, after an optional quote mark '>' when `quoted` allows).
std::optional<std::string_view> LabelledLine(std::string_view line, std::string_view label,
                                             bool quoted) {
  auto skip_blanks = [](std::string_view& v) {
    while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.remove_prefix(1);
  };
  skip_blanks(line);
  if (quoted && !line.empty() && line.front() == '>') {
    line.remove_prefix(1);
    skip_blanks(line);
  }
  if (!StartsWithNoCase(line, label)) return std::nullopt;
  line.remove_prefix(label.size());
  skip_blanks(line);
  if (line.empty() || line.front() != ':') return std::nullopt;
  return line.substr(1);
}

// Calls `f(line, start)` for each line of `text` until it returns true.
template <typename F>
void EachLine(std::string_view text, F f) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    if (f(text.substr(start, nl - start), start)) return;
    start = nl + 1;
  }
}

}  // namespace

Address NamedComplainant(const std::string& text) {
  std::optional<Address> named;
  EachLine(text, [&](std::string_view line, size_t) {
    const auto value = LabelledLine(line, "complainant", false);
    if (!value) return false;
    const std::string v = Trim(*value);
    const auto list = ParseAddressList(v);
    named = list.empty() ? Address{Trim(v.substr(0, v.find('<'))), ""} : list.front();
    return true;
  });
  if (named) return *named;
  EachLine(text, [&](std::string_view line, size_t) {
    const auto value = LabelledLine(line, "from", true);
    if (!value) return false;
    const auto list = ParseAddressList(Trim(*value));
    if (!list.empty()) named = list.front();
    return !list.empty();
  });
  return named.value_or(Address{});
}

std::string WithoutComplainantLine(const std::string& text) {
  std::string out = text;
  EachLine(text, [&](std::string_view line, size_t start) {
    if (!LabelledLine(line, "complainant", false)) return false;
    out.erase(start, line.size() + (start + line.size() < text.size() ? 1 : 0));
    return true;
  });
  return Trim(out);
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
  // Thanks answer mail by themselves: the loop guard counts them and holds them back.
  static_assert(AnswersIncomingMail("compliment_thanks"));
  if (cfg.thank_compliments && IsDeliverableAddress(c.from.email) &&
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

namespace {

// When the forwarded complaint was made: when its writer sent it, if the forward shows a
// plausible time (not after the forward itself arrived), else when the forward arrived.
Instant ForwardedReceipt(const ProcedureContext& ctx, const ForwardedMessage& f,
                         Instant forwarded) {
  const std::optional<Instant> sent = ForwardedSentAt(f, ctx.zone);
  return sent && *sent <= forwarded ? *sent : forwarded;
}

}  // namespace

IntakeCommandResult HandleIntakeCommand(const ProcedureContext& ctx, SQLite::Database& db,
                                        TokenSource& tokens, Instant now, const MessageReading& r,
                                        size_t co_chair, const Arrival& arrival) {
  const std::string logged_by = ctx.config.co_chairs[co_chair].identity.name;
  const ReplyCommand& cmd = r.command;
  const std::optional<ForwardedMessage>& fwd = r.forwarded;
  // A "Complainant:" line wins; otherwise a forwarded message's writer is the person.
  Address person = NamedComplainant(cmd.text);
  if (person.name.empty() && person.email.empty() && fwd) person = fwd->from;
  // The complaint is what its writer wrote, not the co-chair's covering note.
  const std::string text = fwd ? Trim(fwd->text) : WithoutComplainantLine(cmd.text);
  const std::string subject =
      StripForwardPrefix(fwd && !fwd->subject.empty() ? fwd->subject : r.message.subject);
  if (cmd.keyword == Keyword::kCompliment) {
    HandleCompliment(ctx, db, tokens, now, {person, subject, text, logged_by});
    return {"compliment", "", std::nullopt};
  }
  Arrival when = arrival;
  if (fwd) when.received = ForwardedReceipt(ctx, *fwd, arrival.received);
  NewComplaint n{
      person, subject.empty() ? "Complaint logged by " + logged_by : subject, text,
      r.message.attachments, "", nullptr,
      "logged by " + logged_by + (fwd ? " (#complaint on a forwarded message)" : " (#complaint)"),
      // A complaint forwarded by the co-chair it was written to: "you" is them.
      fwd ? std::optional<size_t>(co_chair) : std::nullopt,
      AsksForAnonymity(subject + "\n" + text)};
  const OpenedCase opened = CaseOpening(ctx, db, tokens, now).Open(n, when);
  return {"complaint", opened.reference, opened.id};
}

}  // namespace intaked
