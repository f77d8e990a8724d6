// SPDX-License-Identifier: GPL-3.0-or-later
// The classifier's reading of people's own words (issue 10): each case is a
// message the old phrase list got wrong, or a rule that keeps it right.
#include "procedure/classification.h"

#include <gtest/gtest.h>

#include "mail/mime_parser.h"

namespace intaked {
namespace {

MessageKind KindOf(const std::string& subject, const std::string& body) {
  const Message m = ParseMessage("From: Pat <parent@family.test>\r\nSubject: " + subject +
                                 "\r\nMessage-ID: <x@y>\r\n\r\n" + body);
  return Classify(m, ClassificationRules::Defaults()).kind;
}

std::string Name(MessageKind k) { return MessageKindName(k); }

TEST(ClassificationMisses, ReallyUpsetIsAComplaint) {
  EXPECT_EQ(Name(KindOf("Tuesday", "I was really upset after Tuesday's meeting.")), "complaint");
}

TEST(ClassificationMisses, FrustratedWithTheForumIsAComplaint) {
  EXPECT_EQ(Name(KindOf("Booking", "I'm frustrated that your workshop was moved again.")),
            "complaint");
}

TEST(ClassificationMisses, RaisingAConcernIsAComplaint) {
  EXPECT_EQ(Name(KindOf("A concern", "I would like to raise a concern about last week.")),
            "complaint");
}

TEST(ClassificationMisses, RudenessWithoutTheWordComplaintIsAComplaint) {
  EXPECT_EQ(Name(KindOf("Friday", "She was rude and got my son's needs wrong.")), "complaint");
}

TEST(ClassificationFalseAlarms, DisappointedToMissAnEventIsNotAComplaint) {
  EXPECT_EQ(Name(KindOf("Coffee morning",
                        "I was disappointed to miss the coffee morning - when's the next?")),
            "other");
}

TEST(ClassificationFalseAlarms, ThanksForYourEmailThenAQuestionIsNotACompliment) {
  EXPECT_EQ(Name(KindOf("Re: dates", "Thank you for your email. When is the next drop-in?")),
            "other");
}

TEST(ClassificationSignals, SarcasticThanksAreAComplaint) {
  EXPECT_EQ(Name(KindOf("Re: help", "Thanks for nothing.")), "complaint");
  EXPECT_EQ(Name(KindOf("Re: help", "Well, cheers for nothing then.")), "complaint");
}

TEST(ClassificationSignals, NegatedPraiseIsAComplaint) {
  EXPECT_EQ(Name(KindOf("Workshop", "The workshop was not very helpful at all.")), "complaint");
}

TEST(ClassificationSignals, ThanksForSomethingArePraise) {
  EXPECT_EQ(Name(KindOf("Yesterday", "Thank you so much for the workshop yesterday.")),
            "compliment");
}

TEST(ClassificationSignals, AThankYouNoteIsPraise) {
  EXPECT_EQ(Name(KindOf("Thank you", "Thank you!")), "compliment");
  EXPECT_EQ(Name(KindOf("Saturday", "Thanks so much!")), "compliment");
  EXPECT_EQ(Name(KindOf("Saturday", "I'll bring the forms on Saturday. Thanks, Jo")), "other");
}

TEST(ClassificationSignals, ThanksInAdvanceAreManners) {
  EXPECT_EQ(Name(KindOf("Form", "Could you send me the form please? Thanks in advance, Jo")),
            "other");
}

TEST(ClassificationSignals, AFeelingAboutSomeoneElseGoesToAPerson) {
  EXPECT_EQ(Name(KindOf("Help", "I'm so upset with my son's school, they ignore every email.")),
            "doubtful");
}

TEST(ClassificationSignals, AFeelingWithNothingItIsAboutGoesToAPerson) {
  EXPECT_EQ(Name(KindOf("Hello", "I am feeling quite frustrated at the moment.")), "doubtful");
}

TEST(ClassificationSignals, NotUpsetIsNotAFeeling) {
  EXPECT_EQ(Name(KindOf("Meeting", "I'm not upset, just wondering when the meeting is.")), "other");
}

TEST(ClassificationSignals, AComplaintThatThanksIsAComplaint) {
  EXPECT_EQ(Name(KindOf("Thank you",
                        "Thank you for the reply, but I'm still waiting for the "
                        "notes you promised.")),
            "complaint");
}

TEST(ClassificationSignals, NamedPeopleAreTargets) {
  ClassificationRules rules = ClassificationRules::Defaults();
  const std::string text = "Bea was quite cross with me on the phone.";
  EXPECT_EQ(Name(ClassifyText("Call", text, rules).kind), "doubtful");
  rules.people = {"Bea", "Bright"};
  EXPECT_EQ(Name(ClassifyText("Call", text, rules).kind), "complaint");
}

TEST(ClassificationSignals, TheReasonNamesTheRuleNotTheText) {
  const Classification c =
      ClassifyText("x", "Nobody has got back to me about Sam.", ClassificationRules::Defaults());
  EXPECT_EQ(Name(c.kind), "complaint");
  EXPECT_NE(c.reason.find("nobody has got back"), std::string::npos) << c.reason;
  EXPECT_EQ(c.reason.find("Sam"), std::string::npos) << c.reason;
}

TEST(ClassificationSignals, CurlyApostrophesReadAsStraightOnes) {
  EXPECT_EQ(Name(KindOf("x", "You didn\xe2\x80\x99t reply to me.")), "complaint");
}

TEST(ClassificationSignals, AVeryLongTextIsReadInBoundedTime) {
  std::string body;
  for (int i = 0; i < 200000; ++i) body += "thank you so much for the ";
  EXPECT_EQ(Name(KindOf("x", body)), "compliment");
}

// One endless sentence of signals and targets: every signal looks around it,
// and looking must not mean reading the whole sentence again each time.
TEST(ClassificationSignals, AnEndlessSentenceOfSignalsIsReadInBoundedTime) {
  std::string body;
  for (int i = 0; i < 20000; ++i) body += "you upset the school ";
  EXPECT_EQ(Name(KindOf("x", body)), "complaint");
}

}  // namespace
}  // namespace intaked
