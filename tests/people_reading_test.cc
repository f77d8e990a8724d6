// SPDX-License-Identifier: GPL-3.0-or-later
// Naming, anonymity and appeals read as a person reads them
// (lib/procedure/naming.h, complainant_requests.h, anonymity_redaction.h).
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "letters/letter_templates.h"
#include "procedure/anonymity_redaction.h"
#include "procedure/complainant_requests.h"
#include "procedure/naming.h"

namespace intaked {
namespace {

const std::vector<CoChairIdentity> kChairs = {{"Alex Able", "chair.a@pacts.test", {"Alex"}},
                                              {"Bea Bright", "chair.b@pacts.test", {"Bea"}}};
const std::vector<bool> kNobody = {false, false};
const std::vector<bool> kAlex = {true, false};
const std::vector<bool> kBea = {false, true};
const std::vector<bool> kBoth = {true, true};

std::vector<bool> Named(const std::string& text, std::optional<size_t> to = std::nullopt) {
  return NamedCoChairs(NamingInput{text, to}, kChairs);
}

// The review's findings: each failed on main.
TEST(PeopleReadingFindings, OrdinaryWordsAreNotSurnames) {
  EXPECT_EQ(Named("I was not able to get in and the hall was not bright"), kNobody);
}
TEST(PeopleReadingFindings, GreetingDoesNotName) {
  EXPECT_EQ(Named("Dear Alex,\nThe venue was cold and nobody helped."), kNobody);
}
TEST(PeopleReadingFindings, YouSentStraightToACoChairNamesThem) {
  EXPECT_EQ(Named("Complaint\nI did not like the way you spoke to me at the meeting.", 0), kAlex);
}
TEST(PeopleReadingFindings, MentionOfSomethingAnonymousIsNotARequest) {
  EXPECT_FALSE(AsksForAnonymity("Someone wrote an anonymous post about my son on the forum."));
}
TEST(PeopleReadingFindings, DecliningAnAppealIsNotAskingForOne) {
  EXPECT_EQ(ReadReviewRequest("I am happy with this and will not appeal."), ReviewRequest::kDeclines);
  EXPECT_EQ(ReadReviewRequest("I am happy with this and will not appeal."),
            ReviewRequest::kDeclines);
}

TEST(Naming, OrdinaryWordSurnamesNameOnlyAsNames) {
  EXPECT_EQ(Named("Mrs Bright was rude to me"), kBea);
  EXPECT_EQ(Named("mrs bright was rude to me"), kBea);
  EXPECT_EQ(Named("I think Bright was rude to me"), kBea);
  EXPECT_EQ(Named("Bea Bright ignored my emails"), kBea);
  EXPECT_EQ(Named("I asked Bea. Bright ideas are welcome, she said"), kBea);  // Bea names
  EXPECT_EQ(Named("Bright sunshine, but the hall was locked"), kNobody);      // sentence start
  EXPECT_EQ(Named("Re: Not Able To Attend The Meeting\nNobody told me it moved."), kNobody);
  EXPECT_EQ(Named("I WAS NOT ABLE TO GET IN. NOBODY ANSWERED."), kNobody);
  EXPECT_EQ(Named("my son is a bright boy and able to speak for himself"), kNobody);
  EXPECT_EQ(Named("The co-chair Mrs Able said no"), kAlex);
  EXPECT_EQ(Named("your chair Mrs Bright refused"), kBea);
  EXPECT_EQ(Named("I spoke to Dr. Able about it"), kAlex);
  EXPECT_EQ(Named("Alex Able's email was rude"), kAlex);
  EXPECT_EQ(Named("The links are broken.\n\nAlex Turner"), kNobody);  // another Alex
}

TEST(Naming, SurnamesThatAreNotWordsNameInAnyCase) {
  const std::vector<CoChairIdentity> chairs = {{"Chidi Okonkwo", "c@pacts.test", {}},
                                               {"Bea Bright", "b@pacts.test", {}}};
  EXPECT_EQ(NamedCoChairs(NamingInput{"i think okonkwo was rude", {}}, chairs), kAlex);
  EXPECT_EQ(NamedCoChairs(NamingInput{"Okonkwo was rude", {}}, chairs), kAlex);
}

TEST(Naming, GreetingsDoNotName) {
  EXPECT_EQ(Named("Hi Bea\nThe coffee morning was cancelled again."), kNobody);
  EXPECT_EQ(Named("Hello Alex and Bea,\nnobody replied to me."), kNobody);
  EXPECT_EQ(Named("Dear Mrs Bright,\nthe venue was cold."), kNobody);
  EXPECT_EQ(Named("Dear Alex,\nBea was rude to me."), kBea);
  EXPECT_EQ(Named("Hi Bea, Alex shouted at me."), kAlex);
  EXPECT_EQ(Named("Hello both co-chairs,\nthe venue was cold."), kNobody);
  EXPECT_EQ(Named("Dear Alex,\nthe co-chairs ignored me."), kBoth);
  EXPECT_EQ(Named("Venue\nBea,\n\nthe venue was cold."), kNobody);
  EXPECT_EQ(Named("Mrs Bright\nshe was rude to me."), kBea);  // the subject is not a greeting
}

TEST(Naming, YouInMailToOneCoChair) {
  EXPECT_EQ(Named("you ignored my emails for a month", 1), kBea);
  EXPECT_EQ(Named("You were really rude to me", 1), kBea);
  EXPECT_EQ(Named("I don't like your attitude", 1), kBea);
  EXPECT_EQ(Named("you didn't reply", 1), kBea);
  EXPECT_EQ(Named("You’ve never once answered", 1), kBea);
  EXPECT_EQ(Named("you never called back", 1), kBea);
  EXPECT_EQ(Named("You promised me the place on the panel", 1), kBea);
  EXPECT_EQ(Named("you told me you would raise it, and nothing happened", 1), kBea);
  // Courtesies and requests do not blame the reader.
  EXPECT_EQ(Named("Thank you. I want you to know the venue was cold.", 1), kNobody);
  EXPECT_EQ(Named("If you could let me know why the group closed, I'd be grateful", 1), kNobody);
  EXPECT_EQ(Named("Could you find out why the hall was locked? I hope you are well.", 1), kNobody);
  EXPECT_EQ(Named("Thank you for your email. The school was unhelpful.", 1), kNobody);
  EXPECT_EQ(Named("I wanted to let you know the council ignored me", 1), kNobody);
  EXPECT_EQ(Named("You were very helpful but the venue was awful", 1), kNobody);
  // Not sent straight to one co-chair: "you" is the forum.
  EXPECT_EQ(Named("you ignored my emails"), kNobody);
}

TEST(Naming, FullNamesAliasesAddressesAsBefore) {
  EXPECT_EQ(Named("I complain about alex   able"), kAlex);
  EXPECT_EQ(Named("I wrote to chair.b@pacts.test"), kBea);
  EXPECT_EQ(Named("Alex and Bea both"), kBoth);
  EXPECT_EQ(Named("the Co-Chairs ignored me"), kBoth);
  EXPECT_EQ(Named("Dear co-chairs, the venue was cold"), kNobody);
}

TEST(Naming, OrdinaryWordAlias) {
  const std::vector<CoChairIdentity> chairs = {{"Rose Hall", "r@pacts.test", {"Rose"}},
                                               {"Bea Bright", "b@pacts.test", {"Bea"}}};
  EXPECT_EQ(NamedCoChairs(NamingInput{"the price rose and the hall was shut", {}}, chairs),
            kNobody);
  EXPECT_EQ(NamedCoChairs(NamingInput{"I told Rose and she laughed", {}}, chairs), kAlex);
}

TEST(ComplainantRequests, ReviewAsksDeclinesNone) {
  EXPECT_EQ(ReadReviewRequest("I would like an Independent  Review please"), ReviewRequest::kAsks);
  EXPECT_EQ(ReadReviewRequest("I wish to appeal."), ReviewRequest::kAsks);
  EXPECT_EQ(ReadReviewRequest("I'm not satisfied with this."), ReviewRequest::kAsks);
  EXPECT_EQ(ReadReviewRequest("Please take this further"), ReviewRequest::kAsks);
  EXPECT_EQ(ReadReviewRequest("I won't be appealing."), ReviewRequest::kDeclines);
  EXPECT_EQ(ReadReviewRequest("I'm not going to take this further."), ReviewRequest::kDeclines);
  EXPECT_EQ(ReadReviewRequest("I'm satisfied with the response."), ReviewRequest::kDeclines);
  EXPECT_EQ(ReadReviewRequest("I don’t want a review."), ReviewRequest::kDeclines);
  EXPECT_EQ(ReadReviewRequest("There's no need for an independent review"),
            ReviewRequest::kDeclines);
  EXPECT_EQ(ReadReviewRequest("Happy with the outcome, thanks"), ReviewRequest::kDeclines);
  EXPECT_EQ(ReadReviewRequest("I accept. No further action is needed."), ReviewRequest::kDeclines);
  EXPECT_EQ(ReadReviewRequest("I am not happy with the outcome"), ReviewRequest::kAsks);
  EXPECT_EQ(ReadReviewRequest("Not satisfied, but I will not appeal"), ReviewRequest::kDeclines);
  EXPECT_EQ(ReadReviewRequest("I accept the apology about the venue, but I want an independent "
                              "review of how Alex spoke to me."),
            ReviewRequest::kAsks);
  EXPECT_EQ(ReadReviewRequest("I'm not happy with this and I will appeal"), ReviewRequest::kAsks);
  EXPECT_EQ(ReadReviewRequest("Thank you, see you at the next meeting."), ReviewRequest::kNone);
}

TEST(ComplainantRequests, AnonymityAskedFor) {
  for (const char* asks :
       {"I want to remain anonymous.", "I'd like to stay anonymous please",
        "Please keep this anonymous", "Can this be anonymous?", "Anonymously please.",
        "Please don't share my name", "Please don’t use my name", "do not tell them it was me",
        "I’d rather they didn’t know it was me.", "I dont want them to know it was me",
        "Can I complain anonymously?", "I want to complain anonymously about the SEND panel.",
        "I am unhappy and want this anonymous.", "Please don't tell Bea it was me.",
        "Don't give them my name.", "She doesn't want her name on it"}) {
    EXPECT_TRUE(AsksForAnonymity(asks)) << asks;
  }
  for (const char* mention :
       {"Someone posted an anonymous comment about my daughter", "I got an anonymous letter",
        "The anonymous survey was never sent out", "Is the anonymous feedback form still open?",
        "I don't need to be anonymous",
        "The survey was meant to be anonymous, but it asked for our names",
        "My name is Pat and I am unhappy"}) {
    EXPECT_FALSE(AsksForAnonymity(mention)) << mention;
  }
}

const Address kPat{"Pat Hope", "pat.hope@example.test"};

TEST(AnonymityRedaction, SignOffNamesPhonesAndAddresses) {
  const std::string text =
      "Bea was rude to me at the coffee morning. Please keep this anonymous.\n"
      "Pat said I should write. Hope you can help.\n"
      "\n"
      "Kind regards,\n"
      "Pat Hope\n"
      "07700 900123\n"
      "12 Acacia Avenue\n"
      "Stockport SK4 1AA\n";
  const std::string out = RedactForStaff(text, kPat);
  EXPECT_EQ(out,
            "Bea was rude to me at the coffee morning. Please keep this anonymous.\n"
            "[name withheld] said I should write. [name withheld] you can help.\n"
            "\n"
            "Kind regards,\n"
            "[name withheld]\n");
}

TEST(AnonymityRedaction, ContactDetailsInTheBody) {
  const Address nobody{"", "parent77@example.test"};
  EXPECT_EQ(RedactForStaff("Ring me on +44 7700 900123 or (0161) 4960000.", nobody),
            "Ring me on [phone withheld] or [phone withheld].");
  EXPECT_EQ(RedactForStaff("Call 0161 496 0000 or +44 (0)7700 900 123 today", nobody),
            "Call [phone withheld] or [phone withheld] today");
  EXPECT_EQ(RedactForStaff("Write to me at sam.t@example.test please", nobody),
            "Write to me at [email withheld] please");
  EXPECT_EQ(RedactForStaff("We live at 4 Mill Lane, near the school", nobody),
            "We live at [address withheld], near the school");
  EXPECT_EQ(RedactForStaff("Meeting on 2026-11-26 at 10:30, case PACTS-2026-0007", nobody),
            "Meeting on 2026-11-26 at 10:30, case PACTS-2026-0007");
  EXPECT_EQ(RedactForStaff("My name is Sam Taylor and I am upset.", nobody),
            "My name is [name withheld] and I am upset.");
}

TEST(AnonymityRedaction, InlineAndTrailingSignOffs) {
  EXPECT_EQ(RedactForStaff("The hall was cold.\nThanks, Jo Smith", {}),
            "The hall was cold.\nThanks, [name withheld]");
  EXPECT_EQ(RedactForStaff("The hall was cold.\n\nJo x\n", {}),
            "The hall was cold.\n\n[name withheld]\n");
  EXPECT_EQ(RedactForStaff("The hall was cold.\nThanks\n", {}), "The hall was cold.\nThanks\n");
  EXPECT_EQ(RedactForStaff("Nobody came.\n\nBest wishes\nJo\n\nSent from my iPhone", {}),
            "Nobody came.\n\nBest wishes\n[name withheld]\n\nSent from my iPhone");
}

// Hostile input: a megabyte of what each finder looks for. Linear code takes a
// second or two here on a loaded machine; quadratic code would take hours.
TEST(AnonymityRedaction, MegabyteInputsAreLinear) {
  const std::vector<std::string> inputs = {std::string(1 << 20, '@'),
                                           std::string(1 << 20, '7'),
                                           std::string(1 << 20, 'a'),
                                           [] {
                                             std::string s;
                                             while (s.size() < (1 << 20))
                                               s +=
                                                   "1 Aa Road SK4 1AA Thanks, Jo\nx@y.z 0 (0) +44 ";
                                             return s;
                                           }(),
                                           [] {
                                             std::string s;
                                             while (s.size() < (1 << 20)) s += "Kind regards\n";
                                             return s;
                                           }(),
                                           [] {
                                             std::string s;
                                             while (s.size() < (1 << 20))
                                               s += "you don't mrs Bright the co-chairs appeal ";
                                             return s;
                                           }()};
  for (const std::string& in : inputs) {
    const auto start = std::chrono::steady_clock::now();
    RedactForStaff(in, kPat);
    NamedCoChairs(NamingInput{in, 0}, kChairs);
    ReadReviewRequest(in);
    AsksForAnonymity(in);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
  }
}

// The acknowledgement tells an anonymous complainant what is withheld and that it
// may limit what can be done; nobody else reads that paragraph.
TEST(AnonymityLetter, AcknowledgementSaysWhatAnonymityMeans) {
  auto t = LetterTemplates::Load("");
  ASSERT_TRUE(t.ok()) << t.status().message();
  LetterFields f;
  f.values = {{"reference", "PACTS-2026-0001"}, {"organisation", "PACTS"}};
  f.flags = {{"anonymous", true}};
  auto anonymous = t->Render("acknowledgement", f);
  ASSERT_TRUE(anonymous.ok()) << anonymous.status().message();
  EXPECT_NE(anonymous->body.find("may limit what can be done"), std::string::npos);
  EXPECT_NE(anonymous->body.find("not your name"), std::string::npos);
  f.flags = {{"anonymous", false}};
  auto named = t->Render("acknowledgement", f);
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->body.find("may limit what can be done"), std::string::npos);
}

}  // namespace
}  // namespace intaked
