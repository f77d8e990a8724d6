// SPDX-License-Identifier: GPL-3.0-or-later
// The built-in word lists of ClassificationRules (classification.h). They were
// written from how parent carers, schools and professionals write to a forum,
// and are measured against tests/data/corpus (docs/CLASSIFICATION.md).
#include "procedure/classification.h"

namespace intaked {

namespace {

// Word lists, packed to read as lists.
// clang-format off
std::vector<std::string> ComplaintPhrases() {
  return {
          "complaint", "complaints", "complain", "complaining", "complained", "formal complaint",
          "dissatisfied", "dissatisfaction", "unhappy", "not happy", "grievance", "not acceptable",
          "unacceptable", "appalled", "appalling", "disgusted", "disgraceful", "disgrace",
          "outraged", "furious", "livid", "let down", "let me down", "let us down",
          "letting us down", "letting me down", "not good enough", "not impressed", "unimpressed",
          "poor service", "disrespectful", "unprofessional",
          "don't think it's right", "don't think that's right", "don't think this is right", "don't think this is acceptable", "don't think that's acceptable", "don't think it's acceptable"};
}

std::vector<std::string> DissatisfactionPhrases() {
  return {
          "really upset", "very upset", "so upset", "extremely upset", "quite upset",
          "deeply upset", "really disappointed", "very disappointed", "so disappointed",
          "extremely disappointed", "deeply disappointed", "bitterly disappointed",
          "quite disappointed", "a bit disappointed", "a little disappointed", "really frustrated",
          "so frustrated", "very frustrated", "extremely frustrated", "really frustrating",
          "so frustrating", "very frustrating", "really angry", "very angry", "so angry",
          "raise a concern", "raise concerns", "raise my concern*", "raising a concern",
          "raising concerns", "raise an issue", "raise the issue", "still waiting",
          "still not heard", "still haven't heard", "still have not heard", "not heard back",
          "haven't heard back", "have not heard back", "never heard back", "heard nothing",
          "not heard anything", "haven't heard anything", "no one has got back",
          "nobody has got back", "no one got back", "nobody got back", "no one has replied",
          "nobody has replied", "no one replied", "nobody replied", "no one has responded",
          "nobody has responded", "no one has been in touch", "nobody has been in touch",
          "no one has contacted", "nobody has contacted", "no one came back", "nobody came back",
          "no reply", "no response", "no acknowledgement", "not had a reply", "haven't had a reply",
          "not had a response", "haven't had a response", "not even a reply", "never replied",
          "never responded", "never got back", "didn't get back", "did not get back",
          "didn't reply", "did not reply", "didn't respond", "did not respond", "ignored",
          "ignoring", "fobbed off", "brushed off", "dismissive", "dismissed", "patronising",
          "patronizing", "patronised", "condescending", "belittled", "belittling", "humiliated",
          "humiliating", "embarrassed me", "made me feel", "made to feel", "felt judged",
          "felt excluded", "felt unwelcome", "felt ignored", "felt small", "felt stupid",
          "left out", "excluded", "rude", "rudely", "spoke to me", "spoken to", "shouted",
          "snapped at", "hung up", "talked down", "talking down", "waste of time",
          "waste of my time", "pointless", "useless", "shambles", "a joke", "ridiculous",
          "not fair", "unfair", "not okay", "not ok", "not right", "isn't right", "wasn't right",
          "no notice", "short notice", "last minute", "cancelled again", "lack of communication",
          "lack of", "failed to", "failure to", "not listened", "didn't listen", "don't listen",
          "wouldn't listen", "not listening", "doesn't listen", "didn't bother", "no help",
          "not much help", "no use", "unhelpful", "unsupportive", "far from happy",
          "less than happy", "not satisfied", "not the first time", "third time", "again and again",
          "had to chase", "keep chasing", "chasing", "chased", "the way i was treated",
          "how i was treated", "the way i was spoken", "how i was spoken", "the way you",
          "the way she", "the way he", "the way they", "took offence", "offended", "offensive",
          "inappropriate", "discriminat*", "judgemental", "judgmental", "blamed", "blaming",
          "breach", "breached", "without my permission", "without my consent", "without asking me",
          "told other", "shared my", "gossip*", "laughed at", "got it wrong", "got wrong",
          "needs wrong", "misled", "misleading", "incorrect information", "wrong information",
          "wrong advice", "let slip", "broke confidentiality", "embarrassing", "embarrassed",
          "hurtful", "insulting", "insulted", "upsetting", "distressing", "wasted",
          "not what was advertised", "wasn't what was advertised", "not as advertised",
          "no time for questions", "unwelcome", "feel like an outsider", "not correct", "incorrect",
          "inaccurate", "not accurate", "like them corrected", "want them corrected",
          "be corrected", "without any explanation", "without explanation", "removed from",
          "makes me feel", "isn't for me", "not for me", "no one asked", "nobody asked",
          "no one ever asked", "nobody ever asked", "forgotten", "left behind",
          "caused difficulties", "caused real difficulties", "caused problems",
          "pretty frustrating", "quite frustrating", "badly organised", "badly organized",
          "poorly organised", "badly run", "poorly run", "badly planned", "poorly planned",
          "disorganised", "a disaster", "never gave permission", "never gave anyone permission",
          "didn't give permission", "like to know how that happened", "how did that happen",
          "cliquey", "clique", "putting people off", "put me off", "won't come back",
          "won't be coming back", "not coming back", "never going again", "won't bother again",
          "short with me", "sighed", "feeling stupid", "feel stupid", "treat people",
          "doesn't exist any more", "third month running", "nobody answers", "no one answers",
          "anyone actually", "waste of an evening", "waste of a morning", "waste of an afternoon",
          "talking over", "talked over", "no answers", "shouldn't be",
          "instead of bcc", "needs to look at", "need to look at", "needs to look hard",
          "look hard at", "was promised", "were promised", "been promised", "being promised",
          "i can't believe", "hurt by", "feel very bad", "felt very bad", "gave up and went home",
          "cost us", "cost me",
          "not had the", "haven't had the", "haven't received", "not received", "still not received", "never received", "could someone sort", "can someone sort", "sort this out", "keeps happening", "keep happening", "happened again", "broken again", "nobody cared", "no one cared", "didn't care", "doesn't care", "on his phone", "on her phone", "on their phone", "still haven't had", "still not had", "still haven't got", "still not got", "still no", "never ring back", "never rang back", "never called back", "never call back", "never get back", "never reply", "never replies", "never respond", "never answer", "never answers", "didn't tell", "did not tell", "nobody told", "no one told", "wasn't told", "weren't told", "can be sorted"};
}

std::vector<std::string> FeelingWords() {
  return {
          "upset", "disappointed", "disappointing", "disappointment", "frustrated", "frustrating",
          "frustration", "angry", "annoyed", "refused", "refuses", "refusing", "annoying", "cross",
          "hurt", "shocked", "shocking", "saddened", "gutted", "concerned", "concern", "concerns",
          "distressed", "fed up", "sick of", "tired of", "poor", "terrible", "awful", "dreadful",
          "horrible", "rubbish", "wrong", "worse", "unclear", "confusing", "mistake", "mistakes",
          "not great", "not good", "not very good", "mortified", "horrified", "baffled", "bemused",
          "surprised", "uncomfortable"};
}

std::vector<std::string> ComplimentPhrases() {
  return {
          "compliment", "compliments", "grateful", "well done", "really appreciate",
          "really appreciated", "much appreciated", "so appreciated", "truly appreciate",
          "appreciate all", "appreciated", "brilliant", "fantastic", "amazing", "wonderful",
          "excellent", "superb", "outstanding", "invaluable", "so helpful", "really helpful",
          "very helpful", "extremely helpful", "incredibly helpful", "super helpful",
          "so supportive", "really supportive", "very supportive", "so kind", "really kind",
          "very kind", "made a difference", "made such a difference", "made a real difference",
          "made a huge difference", "made a big difference", "lifeline", "lifesaver", "life saver",
          "shout out", "big thank you", "huge thank you", "heartfelt",
          "couldn't have done it without", "could not have done it without", "above and beyond",
          "couldn't have been more", "could not have been more", "can't thank you enough",
          "cannot thank you enough", "can't fault", "couldn't fault", "no complaints", "great job",
          "great work", "a credit to", "kudos", "so lovely", "really enjoyed", "thoroughly enjoyed",
          "so useful", "really useful", "very useful", "informative", "reassuring",
          "pleasantly surprised", "warm welcome", "so welcoming", "very welcoming", "felt welcome",
          "felt so welcome", "made me feel welcome", "made me feel so welcome",
          "made me feel very welcome", "made us feel welcome", "made us feel so welcome",
          "made me feel at home", "made us feel at home", "felt listened to", "felt heard",
          "so glad i came", "glad i came", "keep up the good work", "fab", "fabulous", "best time",
          "lovely time", "great time", "so well", "well run", "spot on", "impressed",
          "patient and kind", "so patient", "very patient", "means the world", "meant the world",
          "what it means", "love to do this again", "best attended", "down to the forum"};
}

std::vector<std::string> NegatablePraise() {
  return {
          "helpful", "supportive", "useful", "welcoming", "professional", "great", "good", "kind",
          "friendly", "acceptable", "happy", "impressed", "satisfied", "pleased", "clear", "fair",
          "appropriate", "respectful", "listened", "bothered", "interested"};
}

std::vector<std::string> Neutralisers() {
  return {
          "to miss", "to have missed", "i missed", "i'll miss", "i will miss", "we missed",
          "missing", "miss it", "miss out", "to hear", "can't make", "cannot make", "can't come",
          "couldn't make", "couldn't come", "can't attend", "couldn't attend", "unable to attend",
          "unable to make", "unable to come", "not to be able", "wasn't able to", "won't be able",
          "gets", "can get", "easily", "tends to", "not able to come", "not able to make",
          "not able to attend", "sorry to", "sold out", "fully booked", "expecting",
          "expected to be"};
}

std::vector<std::string> ForumTargets() {
  return {
          "you", "your", "yours", "you've", "you're", "you'd", "you'll", "yourself", "yourselves",
          "pacts", "forum", "parent carer forum", "parents and carers together", "co chair",
          "co chairs", "cochair", "cochairs", "chair", "chairs", "chairperson", "chairwoman",
          "chairman", "steering group", "committee", "volunteer", "volunteers", "team", "trustee",
          "trustees", "coffee morning", "coffee mornings", "meeting", "meetings", "event", "events",
          "session", "sessions", "workshop", "workshops", "drop in", "support group", "newsletter",
          "website", "facebook", "whatsapp", "the way", "organisation", "organization", "reply",
          "response", "emails", "information evening", "training", "speaker", "venue", "fun day",
          "stall", "survey", "consultation", "i spoke to", "i spoke with", "i talked to",
          "the person i", "the woman i", "the man i", "the lady i", "phone call", "agm",
          "annual general meeting", "minutes", "group", "help line", "helpline"};
}

std::vector<std::string> OtherTargets() {
  return {
          "school", "schools", "college", "nursery", "academy", "council", "local authority",
          "the la", "nhs", "gp", "doctor", "doctors", "hospital", "camhs", "paediatrician",
          "teacher", "teachers", "senco", "headteacher", "head teacher", "head", "teaching",
          "social worker", "social services", "social care", "sendias", "sendiass", "caseworker",
          "case worker", "ofsted", "government", "dwp", "pip", "dla", "tribunal", "panel",
          "transport", "taxi", "bus", "therapist", "therapy", "consultant", "clinic", "ehcp",
          "ehc plan", "assessment", "diagnosis", "waiting list", "employer", "landlord", "housing",
          "provider", "respite", "short breaks", "health visitor", "nurse", "ambulance", "pharmacy",
          "dentist", "weather", "traffic", "parking"};
}

std::vector<std::string> ThanksPhrases() {
  return {
          "thank you", "thanks", "many thanks", "thankyou", "thx", "cheers", "ty", "huge thanks",
          "big thanks", "thanks a million", "thank u"};
}

std::vector<std::string> FormulaicThanks() {
  return {
          "thanks in advance", "thank you in advance", "many thanks in advance",
          "thanks again in advance", "would be appreciated", "would be much appreciated",
          "would be greatly appreciated", "would be really appreciated", "would appreciate",
          "would really appreciate", "i'd appreciate", "i'd really appreciate",
          "i would appreciate", "appreciate it if", "appreciate if", "grateful if", "be grateful",
          "would be grateful", "i'd be grateful", "be very grateful", "be really grateful",
          "be most grateful", "would be helpful", "would be useful", "would be great",
          "would be brilliant", "would be amazing", "would be fantastic", "would be lovely",
          "it would be", "that would be"};
}

std::vector<std::string> FormulaicObjects() {
  return {
          "your email", "your e mail", "your message", "your reply", "your response", "your quick",
          "your prompt", "your speedy", "the quick", "the prompt", "your mail", "the information",
          "the info", "this information", "that information", "the update", "the link", "the links",
          "the details", "the reminder", "the invite", "the invitation", "the form", "the forms",
          "the email", "the message", "the reply", "the response", "your time", "letting me know",
          "letting us know", "getting back", "coming back", "replying", "responding", "confirming",
          "sending", "checking", "clarifying", "looking into", "reading", "forwarding", "passing",
          "your patience", "your understanding", "your help", "any help", "your assistance",
          "the heads up", "this", "that", "the confirmation", "the acknowledgement",
          "acknowledging", "the agenda", "the minutes", "the dates", "the date", "the times",
          "your business", "your order", "your custom", "your payment"};
}

std::vector<std::string> RequestPhrases() {
  return {
          "could you", "can you", "would you", "will you", "please could", "please can",
          "please send", "please let", "let me know", "let us know", "i'd like to",
          "i would like to", "is it possible", "is there", "are there", "do you have",
          "do you know", "i was wondering", "wondering if", "when is", "when's", "where is",
          "how do i", "how can i", "please advise", "please confirm", "please book", "can i book",
          "could i book", "can i", "could i", "may i"};
}

// clang-format on

}  // namespace

ClassificationRules ClassificationRules::Defaults() {
  ClassificationRules r;
  r.complaint_phrases = ComplaintPhrases();
  r.compliment_phrases = ComplimentPhrases();
  r.out_of_office_subjects = {"out of office",
                              "out of the office",
                              "automatic reply",
                              "auto reply",
                              "autoreply",
                              "auto-reply",
                              "auto:",
                              "away from the office",
                              "abwesenheit",
                              "automatische antwort",
                              "réponse automatique"};
  r.dissatisfaction_phrases = DissatisfactionPhrases();
  // "I'm disappointed", "we were upset": the writer's own feeling, told to the forum.
  for (const char* who : {"i'm", "im", "i am", "i was", "we're", "we are", "we were", "i feel",
                          "i felt", "we feel", "we felt"}) {
    for (const char* feeling : {"disappointed", "upset", "frustrated", "angry", "annoyed", "hurt",
                                "shocked", "fed up", "cross"}) {
      r.dissatisfaction_phrases.push_back(std::string(who) + " " + feeling);
    }
  }
  r.feeling_words = FeelingWords();
  r.negatable_praise = NegatablePraise();
  r.sarcasm_phrases = {
      "thanks for nothing",       "thank you for nothing", "cheers for nothing",
      "thanks a lot for nothing", "thanks for ignoring",   "thank you for ignoring",
      "thanks for wasting",       "thank you for wasting", "thanks for the lack",
      "love that your",           "love how your",         "love the way your",
      "thank you for the lack",   "thanks for not",        "thank you for not",
      "cheers for not",           "thanks a bunch",        "thanks a lot not"};
  r.neutralisers = Neutralisers();
  r.negations = {"not",     "never",    "no",      "isn't",   "wasn't", "aren't",
                 "weren't", "don't",    "didn't",  "doesn't", "hardly", "nothing",
                 "won't",   "wouldn't", "haven't", "hasn't",  "hadn't", "couldn't",
                 "can't",   "cannot",   "neither", "nor"};
  r.forum_targets = ForumTargets();
  r.other_targets = OtherTargets();
  r.thanks_phrases = ThanksPhrases();
  r.formulaic_thanks = FormulaicThanks();
  r.formulaic_objects = FormulaicObjects();
  r.request_phrases = RequestPhrases();
  return r;
}

}  // namespace intaked
