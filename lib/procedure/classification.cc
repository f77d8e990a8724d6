// SPDX-License-Identifier: GPL-3.0-or-later
#include "procedure/classification.h"

#include <cctype>

#include "base/text.h"
#include "mail/address.h"
#include "mail/quoted_text.h"

namespace intaked {
namespace {

bool IsWordChar(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || u >= 0x80;
}

bool StartsWith(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

const char* MessageKindName(MessageKind kind) {
  switch (kind) {
    case MessageKind::kAutomated:
      return "automated";
    case MessageKind::kComplaint:
      return "complaint";
    case MessageKind::kCompliment:
      return "compliment";
    case MessageKind::kDoubtful:
      return "doubtful";
    default:
      return "other";
  }
}

std::string NormalizeForMatching(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string FindPhrase(const std::string& text, const std::vector<std::string>& phrases) {
  const std::string hay = NormalizeForMatching(text);
  for (const std::string& phrase : phrases) {
    const std::string needle = NormalizeForMatching(phrase);
    if (needle.empty()) continue;
    for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) {
      const bool left = at == 0 || !IsWordChar(hay[at - 1]) || !IsWordChar(needle.front());
      const size_t end = at + needle.size();
      const bool right = end >= hay.size() || !IsWordChar(hay[end]) || !IsWordChar(needle.back());
      if (left && right) return phrase;
    }
  }
  return {};
}

std::string AutomatedReason(const Message& m, const ClassificationRules& rules) {
  if (!m.auto_submitted.empty() && m.auto_submitted != "no")
    return "Auto-Submitted: " + m.auto_submitted;
  if (m.precedence == "bulk" || m.precedence == "junk" || m.precedence == "list") {
    return "Precedence: " + m.precedence;
  }
  if (!m.list_id.empty()) return "List-Id present";
  if (m.return_path == "<>" || m.return_path == "< >") return "null sender";
  if (!m.from) return "no From address";
  const std::string from = LowerAscii(m.from->email);
  if (StartsWith(from, "mailer-daemon@") || StartsWith(from, "postmaster@")) return "mailer daemon";
  if (m.content_type == "multipart/report") return "delivery report";
  if (m.has_autoreply_header) return "auto-reply header";
  const std::string subject = NormalizeForMatching(m.subject);
  for (const std::string& prefix : rules.out_of_office_subjects) {
    if (StartsWith(subject, NormalizeForMatching(prefix))) return "out-of-office subject";
  }
  return {};
}

bool IsDeliveryFailureAbout(const Message& m, const std::string& recipient) {
  if (recipient.empty()) return false;
  const std::string from = m.from ? LowerAscii(m.from->email) : "";
  const bool report = m.content_type == "multipart/report" || StartsWith(from, "mailer-daemon@") ||
                      StartsWith(from, "postmaster@");
  // Every common server's human-readable part names the address that failed.
  return report && FindNoCase(m.body, LowerAscii(recipient)) != std::string::npos;
}

Classification Classify(const Message& m, const ClassificationRules& rules) {
  if (std::string why = AutomatedReason(m, rules); !why.empty()) {
    return {MessageKind::kAutomated, why};
  }
  return ClassifyText(m.subject, StripQuotedText(m.body), rules);
}

}  // namespace intaked
