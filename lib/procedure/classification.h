// SPDX-License-Identifier: GPL-3.0-or-later
// Classification of a new incoming message (one not part of an existing case):
// automated, complaint, "might be a complaint" (doubtful), compliment, or
// anything else (docs/CLASSIFICATION.md says how, and how well it does).
//
// Pure: reads only the Message (or the words given) and the rules. The policy
// counts ANY expression of dissatisfaction as a complaint and a miss is the
// worse error, so the text is read for signals rather than one phrase list:
// complaint phrases, words of dissatisfaction and what they are aimed at (the
// forum and its people, or someone else), what cancels them ("disappointed to
// miss", "not upset"), sarcasm ("thanks for nothing"), praise, and thanks that
// are only manners ("thank you for your email"). Whatever complains wins over
// whatever thanks; what may complain but cannot be told goes to a person
// (kDoubtful). Words are read once, linearly (word_tokens.h); no regex.
#pragma once

#include <string>
#include <vector>

#include "mail/message.h"

namespace intaked {

enum class MessageKind { kAutomated, kComplaint, kCompliment, kOther, kDoubtful };

const char* MessageKindName(MessageKind kind);

// Every list is phrases of whole words, matched case-insensitively; a final
// "*" matches word beginnings ("frustrat*"). The config's [classification]
// complaint_phrases and compliment_phrases add to the first two.
struct ClassificationRules {
  std::vector<std::string> complaint_phrases;       // complain on their own ("grievance")
  std::vector<std::string> compliment_phrases;      // praise ("well done", "brilliant")
  std::vector<std::string> out_of_office_subjects;  // subject prefixes

  // Dissatisfaction that is a complaint unless aimed at someone else ("still waiting").
  std::vector<std::string> dissatisfaction_phrases;
  // Feelings that complain only when aimed at the forum ("upset", "frustrated").
  std::vector<std::string> feeling_words;
  // Praise words that complain when negated ("not helpful").
  std::vector<std::string> negatable_praise;
  std::vector<std::string> sarcasm_phrases;  // "thanks for nothing"
  std::vector<std::string> neutralisers;     // "to miss", "sorry to hear"
  std::vector<std::string> negations;        // "not", "wasn't"
  // What dissatisfaction may be aimed at: the forum and its people, or others.
  std::vector<std::string> forum_targets;  // "you", "the forum", "coffee morning"
  std::vector<std::string> people;         // the co-chairs' names and aliases
  std::vector<std::string> other_targets;  // "school", "council"
  // Thanks: praise only when for something ("thank you for the workshop").
  std::vector<std::string> thanks_phrases;
  std::vector<std::string> formulaic_thanks;   // "thanks in advance", "would be grateful"
  std::vector<std::string> formulaic_objects;  // after "thanks for": "your email"
  std::vector<std::string> request_phrases;    // "could you", "please send"

  // The built-in phrases and automated-mail signs, before the config adds its own.
  static ClassificationRules Defaults();
};

struct Classification {
  MessageKind kind = MessageKind::kOther;
  std::string reason;  // for the log and the case timeline: which rule fired, never the text
};

// The automated-mail check, then ClassifyText on the subject and the body
// without the quoted earlier mail.
Classification Classify(const Message& message, const ClassificationRules& rules);

// The words alone: `own_text` is what the writer wrote (quotes already gone).
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
