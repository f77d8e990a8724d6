// SPDX-License-Identifier: GPL-3.0-or-later
// ClassifyText (classification.h): the writer's own words read for signals.
//
// One pass over the words finds, at each position, the first kind of phrase
// that starts there (sarcasm, manners, praise, complaint, dissatisfaction,
// feeling, praise that may be negated, thanks), then weighs each find against
// what is near it: a negation just before, a neutraliser in the same
// sentence, and the nearest target within a bounded window. Every step is
// bounded by the number of words times the number of phrases.
#include <algorithm>
#include <optional>

#include "procedure/classification.h"
#include "procedure/word_tokens.h"

namespace intaked {
namespace {

constexpr size_t kTargetWindow = 12;   // words either side searched for a target
constexpr size_t kSentenceReach = 12;  // words either side read as the same sentence
constexpr size_t kNegationReach = 3;   // a negation, then at most two small words
constexpr size_t kNeutralWindow = 6;   // words either side a neutraliser may stand
constexpr size_t kIntensifiers = 3;    // "thank you so much for": words between
constexpr size_t kSignOffWords = 20;   // thanks this near the end signs off
constexpr size_t kThanksOnly = 6;      // a body this short that thanks is a thank-you

enum class Target { kNone, kForum, kElsewhere };

struct Lists {
  explicit Lists(const ClassificationRules& r)
      : complaint(r.complaint_phrases),
        praise(r.compliment_phrases),
        dissatisfaction(r.dissatisfaction_phrases),
        feeling(r.feeling_words),
        negatable(r.negatable_praise),
        sarcasm(r.sarcasm_phrases),
        neutral(r.neutralisers),
        negation(r.negations),
        forum(r.forum_targets),
        people(r.people),
        elsewhere(r.other_targets),
        thanks(r.thanks_phrases),
        manners(r.formulaic_thanks),
        formulaic_object(r.formulaic_objects),
        request(r.request_phrases) {}
  PhraseList complaint, praise, dissatisfaction, feeling, negatable, sarcasm, neutral, negation,
      forum, people, elsewhere, thanks, manners, formulaic_object, request;
};

// "you" in "thank you", "see you", "can you help" is manners, not a target.
bool IsPoliteYou(const std::vector<Word>& w, size_t i) {
  static const char* kBefore[] = {"thank", "bother", "trouble", "see", "hope", "wish", "if"};
  static const char* kAfter[] = {"help",     "advise", "know", "recommend", "suggest",
                                 "signpost", "point",  "send", "share",     "please"};
  if (w[i].text.rfind("you", 0) != 0) return false;
  if (i > 0) {
    for (const char* b : kBefore) {
      if (w[i - 1].text == b) return true;
    }
  }
  if (i + 1 < w.size()) {
    for (const char* a : kAfter) {
      if (w[i + 1].text == a) return true;
    }
  }
  return false;
}

// What each word position starts, as a target (computed once per text).
std::vector<Target> MarkTargets(const std::vector<Word>& w, const Lists& l) {
  std::vector<Target> marks(w.size(), Target::kNone);
  for (size_t i = 0; i < w.size(); ++i) {
    if (l.people.MatchAt(w, i) >= 0) {
      marks[i] = Target::kForum;
    } else if (l.elsewhere.MatchAt(w, i) >= 0) {
      marks[i] = Target::kElsewhere;
    } else if (l.forum.MatchAt(w, i) >= 0 && !IsPoliteYou(w, i)) {
      marks[i] = Target::kForum;
    }
  }
  return marks;
}

// Which sentences are questions, by sentence index (computed once per text).
std::vector<bool> MarkQuestions(const std::vector<Word>& w) {
  std::vector<bool> marks(w.empty() ? 0 : w.back().sentence + 1, false);
  for (const Word& word : w) {
    if (word.ends_question) marks[word.sentence] = true;
  }
  return marks;
}

class Reader {
 public:
  Reader(const std::vector<Word>& words, const Lists& lists)
      : w_(words),
        l_(lists),
        targets_(MarkTargets(words, lists)),
        question_(MarkQuestions(words)) {}

  // What words [s, e) are aimed at: the forum when its sentence names it,
  // else someone else named there, else the nearest target within the window
  // in the same paragraph, leaving out questions (a question to the forum is
  // not a grievance with it).
  Target TargetOf(size_t s, size_t e, bool sentence_only) const {
    Target in_sentence = Target::kNone;
    const size_t from = s > kSentenceReach ? s - kSentenceReach : 0;
    for (size_t i = from; i < std::min(w_.size(), e + kSentenceReach); ++i) {
      if (w_[i].sentence != w_[s].sentence || (i >= s && i < e)) continue;
      if (targets_[i] == Target::kForum) return Target::kForum;
      if (targets_[i] == Target::kElsewhere) in_sentence = Target::kElsewhere;
    }
    if (in_sentence != Target::kNone || sentence_only) return in_sentence;
    for (size_t d = 1; d <= kTargetWindow; ++d) {
      Target found = Target::kNone;
      if (s >= d && Counts(s - d, s)) found = targets_[s - d];
      const size_t after = e - 1 + d;
      if (after < w_.size() && Counts(after, s) && found != Target::kForum) {
        found = std::max(found, targets_[after]);
      }
      if (found != Target::kNone) return found;
    }
    return Target::kNone;
  }

  // "not upset", "wasn't very helpful", "not at all helpful": a negation just
  // before, with at most two small words between.
  bool Negated(size_t s) const {
    static const char* kFillers[] = {
        "very", "really", "so",   "that",     "too",     "particularly", "especially",
        "at",   "all",    "even", "remotely", "exactly", "being",        "been",
        "be",   "a",      "the",  "overly",   "terribly"};
    for (size_t d = 1; d <= kNegationReach && d <= s; ++d) {
      const Word& before = w_[s - d];
      if (before.sentence != w_[s].sentence) break;
      if (l_.negation.MatchAt(w_, s - d) >= 0) return true;
      bool filler = false;
      for (const char* f : kFillers) filler = filler || before.text == f;
      if (!filler) break;
    }
    return false;
  }

  bool Neutralised(size_t s, size_t e) const {
    const size_t from = s > kNeutralWindow ? s - kNeutralWindow : 0;
    for (size_t i = from; i < std::min(w_.size(), e + kNeutralWindow); ++i) {
      if (i >= s && i < e) continue;
      if (w_[i].sentence == w_[s].sentence && l_.neutral.MatchAt(w_, i) >= 0) return true;
    }
    return false;
  }

  bool InQuestion(size_t s) const { return question_[w_[s].sentence]; }

  // Whether the writer asks for something anywhere (so bare thanks are manners).
  bool AsksSomething() const {
    for (size_t i = 0; i < w_.size(); ++i) {
      if (w_[i].ends_question || l_.request.MatchAt(w_, i) >= 0) return true;
    }
    return false;
  }

  // Whether the target at word `i` counts for the signal at `s` across sentences:
  // in the same paragraph, and for the forum not in a question.
  bool Counts(size_t i, size_t s) const {
    if (w_[i].paragraph != w_[s].paragraph || targets_[i] == Target::kNone) return false;
    return targets_[i] == Target::kElsewhere || !InQuestion(i);
  }
  const std::vector<Word>& words() const { return w_; }

 private:
  const std::vector<Word>& w_;
  const Lists& l_;
  std::vector<Target> targets_;
  std::vector<bool> question_;  // by sentence: whether it ends with "?"
};

struct Verdicts {
  std::optional<Classification> complaint, doubtful, praise;
  bool manners = false;
  size_t manners_sentence =
      size_t(-1);  // praise there is manners too ("thanks for the update, very helpful")
  void Complaint(std::string why) {
    if (!complaint) complaint = Classification{MessageKind::kComplaint, std::move(why)};
  }
  void Doubtful(std::string why) {
    if (!doubtful) doubtful = Classification{MessageKind::kDoubtful, std::move(why)};
  }
  void Praise(std::string why) {
    if (!praise) praise = Classification{MessageKind::kCompliment, std::move(why)};
  }
};

std::string Quote(const std::string& s) { return "\"" + s + "\""; }

// How a signal of dissatisfaction is weighed.
enum class Tier {
  kComplaintPhrase,  // complains on its own; negated, a person decides
  kDissatisfaction,  // the same, but "to miss", "sorry to hear" cancel it
  kNegatedPraise,    // "not helpful": the negation is the signal
  kFeeling,          // complains only when aimed at the forum
};

void Weigh(const Reader& r, size_t s, size_t e, const std::string& phrase, Tier tier, Verdicts& v) {
  static const char* kNames[] = {"complaint phrase", "dissatisfaction", "negated praise",
                                 "feeling"};
  const std::string what = std::string(kNames[int(tier)]) + " " + Quote(phrase);
  if (tier != Tier::kComplaintPhrase && r.Neutralised(s, e)) return;
  if (tier != Tier::kNegatedPraise && r.Negated(s)) {
    if (tier != Tier::kFeeling) v.Doubtful(what + ", negated");
    return;
  }
  // A complaint phrase is about someone else only when its own sentence says so.
  const Target t = r.TargetOf(s, e, tier == Tier::kComplaintPhrase);
  if (t == Target::kElsewhere) return v.Doubtful(what + " about someone else");
  if (tier == Tier::kFeeling) {
    if (t == Target::kNone) return v.Doubtful(what + " with nothing it is about");
    if (r.InQuestion(s)) return v.Doubtful(what + " in a question");
  }
  v.Complaint(what + (t == Target::kForum ? " about the forum" : ""));
}

// "thank you (so much) for X": praise unless X is manners. Bare thanks are
// praise only as the whole point of a message that asks nothing: in its
// subject, or as all the body of a message that is not a reply says
// ("Thank you!").
void WeighThanks(const Reader& r, const Lists& l, size_t s, size_t e, const std::string& phrase,
                 bool asks, size_t subject_words, Verdicts& v) {
  const auto& w = r.words();
  size_t j = e;
  while (j < w.size() && j < e + kIntensifiers && w[j].text != "for" && w[j].text != "in" &&
         w[j].sentence == w[s].sentence) {
    ++j;
  }
  const bool sign_off = w.size() - e <= kSignOffWords;
  if (j < w.size() && w[j].text == "in" && j + 1 < w.size() && w[j + 1].text == "advance") {
    v.manners = true;
    return;
  }
  if (j < w.size() && w[j].text == "for" && w[j].sentence == w[s].sentence) {
    if (l.formulaic_object.MatchAt(w, j + 1) >= 0 || (sign_off && asks)) {
      v.manners = true;
      v.manners_sentence = w[s].sentence;
      return;
    }
    return v.Praise("thanks for something (" + Quote(phrase) + " for)");
  }
  // "Re: parking" / "Cheers, that's great": a reply acknowledging, not a thank-you note.
  const bool reply = subject_words > 0 && w[0].text == "re";
  const size_t body_words = w.size() - std::min(w.size(), subject_words);
  if (!asks && (s < subject_words || (body_words <= kThanksOnly && !reply))) {
    return v.Praise("thanks on their own (" + Quote(phrase) + ")");
  }
  v.manners = true;  // bare thanks: a sign-off or manners
}

}  // namespace

Classification ClassifyText(const std::string& subject, const std::string& own_text,
                            const ClassificationRules& rules) {
  const Lists l(rules);
  const std::vector<Word> words = SplitWords(subject + "\n\n" + own_text);
  const Reader r(words, l);
  const bool asks = r.AsksSomething();
  const size_t subject_words = SplitWords(subject).size();
  Verdicts v;
  for (size_t i = 0; i < words.size();) {
    size_t n = 1;
    if (int p = l.sarcasm.MatchAt(words, i, &n); p >= 0) {
      v.Complaint("sarcasm " + Quote(l.sarcasm.Text(p)));
    } else if (int p = l.manners.MatchAt(words, i, &n); p >= 0) {
      v.manners = true;
    } else if (int p = l.praise.MatchAt(words, i, &n); p >= 0) {
      if (r.Negated(i)) {
        Weigh(r, i, i + n, l.praise.Text(p), Tier::kNegatedPraise, v);
      } else if (words[i].sentence != v.manners_sentence) {
        v.Praise("compliment phrase " + Quote(l.praise.Text(p)));
      }
    } else if (int p = l.complaint.MatchAt(words, i, &n); p >= 0) {
      Weigh(r, i, i + n, l.complaint.Text(p), Tier::kComplaintPhrase, v);
    } else if (int p = l.dissatisfaction.MatchAt(words, i, &n); p >= 0) {
      Weigh(r, i, i + n, l.dissatisfaction.Text(p), Tier::kDissatisfaction, v);
    } else if (int p = l.feeling.MatchAt(words, i, &n); p >= 0) {
      Weigh(r, i, i + n, l.feeling.Text(p), Tier::kFeeling, v);
    } else if (int p = l.negatable.MatchAt(words, i, &n); p >= 0) {
      if (r.Negated(i)) Weigh(r, i, i + n, l.negatable.Text(p), Tier::kNegatedPraise, v);
    } else if (int p = l.thanks.MatchAt(words, i, &n); p >= 0) {
      WeighThanks(r, l, i, i + n, l.thanks.Text(p), asks, subject_words, v);
    }
    i += n;
  }
  if (v.complaint) return *v.complaint;
  if (v.doubtful) return *v.doubtful;
  if (v.praise) return *v.praise;
  return {MessageKind::kOther,
          v.manners ? "thanks that are manners, not praise" : "no rule matched"};
}

}  // namespace intaked
