// Classification of a new incoming message (one not part of an existing case):
// automated, complaint, compliment, or anything else (README.md, "What happens to
// each message").
//
// Pure: reads only the Message and the rules. Keyword rules match whole words
// and phrases, case- and whitespace-insensitively, on the subject and the
// sender's own text (quoted earlier mail is not theirs). A message that both
// complains and thanks is a complaint.
#pragma once

#include <string>
#include <vector>

#include "mail/message.h"

namespace intaked {

enum class MessageKind { kAutomated, kComplaint, kCompliment, kDoubtful, kOther };

const char* MessageKindName(MessageKind kind);

struct ClassificationRules {
  std::vector<std::string> complaint_phrases;
  std::vector<std::string> compliment_phrases;
  std::vector<std::string> out_of_office_subjects;  // subject prefixes

  // The built-in phrases and automated-mail signs, before the config adds its own.
  static ClassificationRules Defaults();
};

struct Classification {
  MessageKind kind = MessageKind::kOther;
  std::string reason;  // for the log and the case timeline: which rule fired
};

Classification Classify(const Message& message, const ClassificationRules& rules);
// The verdict on the words alone: the subject and the writer's own text (no quoted mail).
Classification ClassifyText(const std::string& subject, const std::string& own_text,
                            const ClassificationRules& rules);

// Why `message` is automated mail, or "" when it is not.
std::string AutomatedReason(const Message& message, const ClassificationRules& rules);

// Whether `message` is a delivery failure report (a bounce) about mail to `recipient`.
bool IsDeliveryFailureAbout(const Message& message, const std::string& recipient);

// The first of `phrases` found in `text` as whole words, or "" (exposed for tests
// and for the naming and anonymity rules that share the matching).
std::string FindPhrase(const std::string& text, const std::vector<std::string>& phrases);

// Lower-cases ASCII and folds every run of whitespace to one space.
std::string NormalizeForMatching(const std::string& text);

}  // namespace intaked
