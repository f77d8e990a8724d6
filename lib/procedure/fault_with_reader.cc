// SPDX-License-Identifier: GPL-3.0-or-later
#include "procedure/fault_with_reader.h"

#include <string_view>

namespace intaked {
namespace {

// Words before "you" that make it the object of a courtesy or a question, not
// the one who did wrong: "thank you", "if you", "could you", "let you know".
bool CourtesyBefore(const std::vector<Word>& w, size_t at) {
  if (at == 0) return false;
  return WordIsOneOf(
      w, at - 1,
      {"thank",  "if",  "unless", "hope",  "let",   "could", "would",     "can",  "will",
       "should", "may", "might",  "do",    "did",   "have",  "are",       "were", "whether",
       "wonder", "see", "assure", "trust", "bless", "case",  "appreciate"});
}

// What someone does wrong to a person, in the past or present.
bool IsFaultVerb(std::string_view v) {
  static constexpr std::string_view kVerbs[] = {
      "ignored",    "ignore",     "ignoring",    "dismissed",   "dismiss",    "refused",
      "refuse",     "spoke",      "speak",       "talked",      "shouted",    "snapped",
      "laughed",    "mocked",     "interrupted", "embarrassed", "humiliated", "belittled",
      "blamed",     "accused",    "excluded",    "lied",        "misled",     "failed",
      "fail",       "forgot",     "lost",        "shared",      "cancelled",  "canceled",
      "removed",    "blocked",    "banned",      "treated",     "treat",      "cut",
      "hung",       "brushed",    "walked",      "rolled",      "never",      "broke",
      "yelled",     "swore",      "criticised",  "criticized",  "singled",    "upset",
      "hurt",       "patronised", "patronized",  "overlooked",  "undermined", "disregarded",
      "mishandled", "messed",     "deleted",     "seemed",      "seem",       "clearly",
      "obviously",  "gossiped",   "ridiculed",   "insulted",    "neglected",  "abandoned",
      "snubbed",    "shut",       "talk",        "promised"};
  for (std::string_view k : kVerbs) {
    if (v == k) return true;
  }
  return false;
}

// How someone behaved towards a person ("you were rude").
bool IsFaultAdjective(std::string_view a) {
  static constexpr std::string_view kAdjectives[] = {
      "rude",        "dismissive",     "unhelpful",     "condescending", "patronising",
      "patronizing", "aggressive",     "hostile",       "abrupt",        "curt",
      "sarcastic",   "unprofessional", "unkind",        "unpleasant",    "insensitive",
      "offhand",     "belittling",     "judgemental",   "judgmental",    "snappy",
      "short",       "cold",           "disrespectful", "inappropriate", "nasty",
      "mean",        "hurtful",        "intimidating",  "threatening",   "biased",
      "unfair",      "unreasonable",   "wrong",         "late",          "absent",
      "not",         "never",          "useless",       "impatient",     "unapproachable",
      "horrible",    "awful",          "dismissing",    "ignoring",      "shouting",
      "laughing",    "angry",          "annoyed",       "irritated",     "unwelcoming",
      "off"};
  for (std::string_view k : kAdjectives) {
    if (a == k) return true;
  }
  return false;
}

// "very" in "you were very rude".
bool IsDegree(std::string_view a) {
  return a == "very" || a == "so" || a == "really" || a == "quite" || a == "extremely" ||
         a == "incredibly" || a == "completely" || a == "rather" || a == "pretty" || a == "too" ||
         a == "totally" || a == "utterly";
}

// Adverbs that may stand between "you" and what they did ("you just walked off").
bool IsLinkingAdverb(std::string_view a) {
  return a == "just" || a == "also" || a == "even" || a == "then" || a == "still" ||
         a == "simply" || a == "basically" || a == "actually" || a == "again" ||
         a == "repeatedly" || a == "openly" || a == "really" || a == "completely" ||
         a == "totally" || a == "both" || a == "personally" || a == "deliberately";
}

// "you" + (adverbs) + a fault: "you ignored", "you were rude", "you did not reply".
bool FaultAfterYou(const std::vector<Word>& w, size_t at) {
  size_t k = at + 1;
  while (k < w.size() && k < at + 4 && IsLinkingAdverb(w[k].lower)) ++k;
  if (k >= w.size()) return false;
  const std::string_view v = w[k].lower;
  if (IsFaultVerb(v)) return true;
  // A promise they did not keep: "you told me you would", "you said you'd".
  if (v == "said" || v == "told") {
    for (size_t n = k + 1; n + 1 < w.size() && n < k + 4; ++n) {
      if (w[n].lower == "you" && WordIsOneOf(w, n + 1, {"would", "will"})) return true;
    }
  }
  // "you made me feel", "you let us down"
  if ((v == "made" || v == "let") && WordIsOneOf(w, k + 1, {"me", "us", "my", "our"})) return true;
  const bool being = v == "were" || v == "was" || v == "are" || v == "have" || v == "had" ||
                     v == "being" || v == "been";
  if (being) {
    size_t a = k + 1;
    if (a < w.size() && (w[a].lower == "been" || w[a].lower == "being")) ++a;
    while (a < w.size() && a < k + 5 && IsDegree(w[a].lower)) ++a;
    if (a < w.size() && (IsFaultAdjective(w[a].lower) || IsFaultVerb(w[a].lower))) return true;
  }
  const bool auxiliary = v == "did" || v == "do" || v == "does" || v == "have" || v == "had" ||
                         v == "would" || v == "could" || v == "will" || v == "can" || v == "were" ||
                         v == "are" || v == "was";
  if (auxiliary && k + 1 < w.size() && w[k + 1].lower == "not") {
    // "you do not need to", "you do not have to", "you need not worry" excuse, not blame.
    return !WordIsOneOf(w, k + 2, {"need", "have", "mind", "worry", "hesitate", "know"});
  }
  return false;
}

// "your" + what someone did or how: "your attitude", "your reply".
bool FaultAfterYour(const std::vector<Word>& w, size_t at) {
  if (at + 1 >= w.size()) return false;
  // "thank you for your email", "in reply to your message" are courtesies.
  if (at > 0 && WordIsOneOf(w, at - 1, {"for", "to", "received", "got", "read"})) return false;
  return WordIsOneOf(w, at + 1,
                     {"attitude", "behaviour", "behavior", "tone",      "manner",     "conduct",
                      "comments", "comment",   "remarks",  "remark",    "rudeness",   "treatment",
                      "handling", "decision",  "failure",  "lack",      "words",      "reaction",
                      "response", "reply",     "email",    "message",   "approach",   "refusal",
                      "language", "actions",   "silence",  "dismissal", "behaviours", "outburst"});
}

}  // namespace

bool FindsFaultWithReader(const std::vector<Word>& w) {
  for (size_t at = 0; at < w.size(); ++at) {
    const std::string& word = w[at].lower;
    if (word == "your" && FaultAfterYour(w, at)) return true;
    if (word != "you") continue;
    // "the way you", "how you", "what you said": the object of the complaint is them.
    if (at >= 2 && w[at - 2].lower == "the" && w[at - 1].lower == "way") return true;
    if (CourtesyBefore(w, at)) continue;
    if (FaultAfterYou(w, at)) return true;
  }
  return false;
}

}  // namespace intaked
