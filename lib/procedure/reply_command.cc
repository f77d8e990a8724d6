// SPDX-License-Identifier: GPL-3.0-or-later
#include "procedure/reply_command.h"

#include <cctype>

#include "base/text.h"
#include "calendar/local_zone.h"

namespace intaked {
namespace {

struct Entry {
  const char* word;
  Keyword keyword;
};

constexpr Entry kWords[] = {
    {"outcome", Keyword::kOutcome},     {"holding", Keyword::kHolding},
    {"note", Keyword::kNote},           {"escalate", Keyword::kEscalate},
    {"reassign", Keyword::kReassign},   {"withdrawn", Keyword::kWithdrawn},
    {"close", Keyword::kClose},         {"not-complaint", Keyword::kNotComplaint},
    {"complaint", Keyword::kComplaint}, {"compliment", Keyword::kCompliment}};

}  // namespace

const char* KeywordName(Keyword k) {
  for (const Entry& e : kWords) {
    if (e.keyword == k) return e.word;
  }
  return "";
}

namespace {

// One line of help per act, in the order people need them.
std::string HelpLine(CaseAct act, Role role) {
  switch (act) {
    case CaseAct::kOutcome:
      return role == Role::kReviewer
                 ? "  #outcome              your recommendation: it goes to the complainant and "
                   "closes the case\n"
                 : "  #outcome              the written response (ends Stage One)\n";
    case CaseAct::kHolding:
      return std::string(
                 "  #holding 2027-01-29   a holding letter with a new final date (a "
                 "working day after the\n"
                 "                        current one); the rest of your text is the "
                 "reason") +
             (role == Role::kFallback ? "\n" : ". One per stage, on or before the original date\n");
    case CaseAct::kNote:
      return "  #note                 an internal note, not sent to the complainant\n";
    case CaseAct::kEscalate:
      return "  #escalate             start Stage Two (independent review) now\n";
    case CaseAct::kReassign:
      return "  #reassign             hand the case to another co-chair it does not name\n";
    case CaseAct::kClose:
      return "  #withdrawn or #close  close the case without writing to the complainant\n";
    case CaseAct::kVoid:
      return "  #not-complaint        this was not a complaint: void the case\n";
    case CaseAct::kCorrespond:
      break;
  }
  return {};
}

}  // namespace

std::string KeywordHelp(Role role, Phase phase) {
  std::string out;
  for (CaseAct act : {CaseAct::kOutcome, CaseAct::kHolding, CaseAct::kNote, CaseAct::kEscalate,
                      CaseAct::kReassign, CaseAct::kClose, CaseAct::kVoid}) {
    if (MayAct(role, act, phase, CaseState::kOpen).allowed) out += HelpLine(act, role);
  }
  if (out.empty()) return "  (none: this case is closed to further action)\n";
  if (MayAct(role, CaseAct::kCorrespond, phase, CaseState::kOpen).allowed)
    out += "  (no keyword)          your text is sent on to the complainant\n";
  return out;
}

std::string KeywordHelp() { return KeywordHelp(Role::kHandler, Phase::kStageOne); }

ReplyCommand ParseReplyCommand(const std::string& own_text) {
  ReplyCommand cmd;
  size_t pos = 0;
  std::string first;
  while (pos <= own_text.size()) {
    size_t nl = own_text.find('\n', pos);
    if (nl == std::string::npos) nl = own_text.size();
    first = Trim(own_text.substr(pos, nl - pos));
    pos = nl + 1;
    if (!first.empty()) break;
  }
  const bool keyword_like =
      first.size() >= 2 && first[0] == '#' && std::isalpha(static_cast<unsigned char>(first[1]));
  if (!keyword_like) {
    cmd.text = Trim(own_text);
    return cmd;
  }
  cmd.text = pos < own_text.size() ? Trim(own_text.substr(pos)) : "";
  const size_t sp = first.find_first_of(" \t");
  std::string word = first.substr(1, sp == std::string::npos ? std::string::npos : sp - 1);
  for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (word == "notcomplaint" || word == "not_complaint") word = "not-complaint";
  const std::string arg = sp == std::string::npos ? "" : Trim(first.substr(sp));
  for (const Entry& e : kWords) {
    if (word == e.word) cmd.keyword = e.keyword;
  }
  if (cmd.keyword == Keyword::kNone) {
    cmd.error =
        "\"#" + word + "\" is not a keyword intaked knows (the ones you may use are below).";
    return cmd;
  }
  // Words after the keyword (after #holding's date) start its text: the letters
  // themselves ask for "#note acknowledged by phone on <date>" on one line.
  std::string same_line = arg;
  if (cmd.keyword == Keyword::kHolding) {
    const size_t date_end = arg.find_first_of(" \t");
    cmd.date = ParseIsoDate(arg.substr(0, date_end));
    if (!cmd.date) {
      cmd.error = "#holding needs the new final date after it, written like 2027-01-29" +
                  (arg.empty() ? std::string(".") : std::string(", not \"") + arg + "\".");
    }
    same_line = date_end == std::string::npos ? "" : Trim(arg.substr(date_end));
  }
  if (!same_line.empty())
    cmd.text = Trim(same_line + "\n" + (pos < own_text.size() ? own_text.substr(pos) : ""));
  return cmd;
}

std::string HoldingDateProblem(date::sys_days day, date::sys_days today,
                               const WorkingDayCalendar& calendar) {
  if (day <= today) return "the date " + FormatDateForPeople(day) + " is not in the future.";
  if (!calendar.IsWorkingDay(day)) {
    return FormatDateForPeople(day) +
           " is not a working day (weekend, bank holiday or closure); the next one is " +
           FormatDateForPeople(calendar.AddWorkingDays(day, 1)) + ".";
  }
  return {};
}

}  // namespace intaked
