// SPDX-License-Identifier: GPL-3.0-or-later
// SplitReply (lib/mail/reply_text.h): every client's reply and forward in
// tests/data/replies/, read as ParseMessage gives it, and the shapes one by one.
#include "mail/reply_text.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "mail/html_text.h"
#include "mail/mime_parser.h"
#include "mail/quoted_text.h"
#include "mail/reply_markers.h"
#include "test_files.h"

namespace intaked {
namespace {

namespace fs = std::filesystem;
using std::chrono::minutes;

std::string WithoutFinalNewline(std::string s) {
  if (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

std::string ShowLocal(const std::optional<date::local_seconds>& t) {
  return t ? date::format("%Y-%m-%d %H:%M:%S", *t) : "none";
}

std::string ShowOffset(const std::optional<minutes>& m) {
  if (!m) return "none";
  const long v = m->count();
  char buf[48];
  std::snprintf(buf, sizeof buf, "%c%02ld%02ld", v < 0 ? '-' : '+', std::labs(v) / 60,
                std::labs(v) % 60);
  return buf;
}

// A .forward file: "From:", "Sent:", "Offset:", "Subject:" lines, a blank
// line, then the forwarded text. Rendered the same way from what was read.
std::string ShowForward(const ForwardedMessage& f) {
  std::string from = f.from.name.empty() ? f.from.email : f.from.name + " <" + f.from.email + ">";
  return "From: " + from + "\nSent: " + ShowLocal(f.sent_local) +
         "\nOffset: " + ShowOffset(f.utc_offset) + "\nSubject: " + f.subject + "\n\n" + f.text +
         "\n";
}

TEST(ReplyFixtures, EveryClientsReplyIsReadAsItsWriterMeantIt) {
  const fs::path dir = fs::path(TEST_DATA_DIR) / "replies";
  size_t fixtures = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".eml") continue;
    ++fixtures;
    const std::string name = entry.path().stem().string();
    SCOPED_TRACE(name);
    const Message m = ParseMessage(ReadTestFile(entry.path()));
    const ReplyText reply = SplitReply(m.body, m.subject);
    fs::path expected = entry.path();
    EXPECT_EQ(reply.own, WithoutFinalNewline(ReadTestFile(expected.replace_extension(".expected"))));
    const fs::path forward = fs::path(entry.path()).replace_extension(".forward");
    if (fs::exists(forward)) {
      ASSERT_TRUE(reply.forwarded.has_value());
      EXPECT_EQ(ShowForward(*reply.forwarded), ReadTestFile(forward));
    } else {
      EXPECT_FALSE(reply.forwarded.has_value());
      // What was taken out is kept as the quoted history, never lost.
      if (reply.own.size() + 40 < m.body.size()) {
        EXPECT_FALSE(reply.quoted.empty());
      }
    }
  }
  EXPECT_GE(fixtures, 30u);
}

TEST(SplitReply, BottomPostingKeepsTheWordsBelowTheQuote) {
  const ReplyText r = SplitReply(
      "On 02/11/2026 09:14, PACTS wrote:\n> Dear Pat,\n> When was it?\n\nFriday.\n\nPat");
  EXPECT_EQ(r.own, "Friday.\n\nPat");
  EXPECT_EQ(r.quoted, "On 02/11/2026 09:14, PACTS wrote:\n> Dear Pat,\n> When was it?\n");
}

TEST(SplitReply, InterleavedAnswersKeepEveryLineOfTheWriter) {
  EXPECT_EQ(SplitReply("> One?\nYes.\n> Two?\nNo.\n").own, "Yes.\nNo.");
  EXPECT_EQ(StripQuotedText("Mine\n> theirs\nmine again\n-----Original Message-----\nold"),
            "Mine\nmine again");
}

TEST(SplitReply, AttributionsAreKnownByShapeInAnyLanguage) {
  for (const char* attribution : {
           "On Mon, 2 Nov 2026 at 09:14, Sam Parent <sam@family.test> wrote:",
           "Le lun. 2 nov. 2026 \xc3\xa0 09:14, Sam <sam@family.test> a \xc3\xa9"
           "crit :",
           "El lun, 2 nov 2026 a las 9:14, Sam (<sam@family.test>) escribi\xc3\xb3:",
           "Am 02.11.2026 um 09:14 schrieb Sam Parent:",
           // A language we list no verb for: a date, an address, a colon, a quote below.
           "2026. nov. 2., h 9:14 id\xc5\x91pontban Sam <sam@family.test> ezt \xc3\xadrta:",
           "Sam Parent <sam@family.test> wrote:",
       }) {
    SCOPED_TRACE(attribution);
    EXPECT_EQ(SplitReply(std::string("Mine.\n\n") + attribution + "\n> old\n").own, "Mine.");
  }
  // A sentence of the writer's that has a date and a colon is theirs.
  EXPECT_EQ(SplitReply("On 2 Nov 2026 I wrote to the head, who said:\nno.").own,
            "On 2 Nov 2026 I wrote to the head, who said:\nno.");
  EXPECT_EQ(SplitReply("I emailed head@school.test on 2 Nov 2026 and wrote:\nplease call.").own,
            "I emailed head@school.test on 2 Nov 2026 and wrote:\nplease call.");
}

TEST(SplitReply, AnOutlookBlockIsQuotedInAReplyAndForwardedInAForward) {
  const std::string body =
      "See below.\n\n________________________________\nFrom: Sam <sam@family.test>\n"
      "Sent: 02 November 2026 09:14\nTo: office@pacts.test\nSubject: Trip\n\nThe trip.\n";
  const ReplyText reply = SplitReply(body, "RE: Trip");
  EXPECT_EQ(reply.own, "See below.");
  EXPECT_FALSE(reply.forwarded);
  EXPECT_NE(reply.quoted.find("The trip."), std::string::npos);
  const ReplyText forward = SplitReply(body, "FW: Trip");
  EXPECT_EQ(forward.own, "See below.");
  ASSERT_TRUE(forward.forwarded);
  EXPECT_EQ(forward.forwarded->from.email, "sam@family.test");
  EXPECT_EQ(forward.forwarded->text, "The trip.");
  EXPECT_EQ(forward.quoted, "");
}

TEST(SplitReply, AForwardedMessagesOwnHistoryIsStrippedToo) {
  const ReplyText r = SplitReply(
      "#complaint\n---------- Forwarded message ---------\nFrom: Sam <sam@family.test>\n"
      "Date: Mon, 2 Nov 2026 at 09:14\nSubject: Re: Trip\nTo: a@pacts.test\n\nStill no answer.\n\n"
      "On Sun, 1 Nov 2026 at 10:00, Head <head@school.test> wrote:\n> We will look into it.\n");
  ASSERT_TRUE(r.forwarded);
  EXPECT_EQ(r.own, "#complaint");
  EXPECT_EQ(r.forwarded->text, "Still no answer.");
  EXPECT_EQ(r.forwarded->from.name, "Sam");
  EXPECT_NE(r.quoted.find("We will look into it."), std::string::npos);
}

TEST(SplitReply, AForwardWithoutAnAddressStillGivesTheSendersName) {
  const ReplyText r = SplitReply(
      "FYI\n-----Original Message-----\nFrom: Sam Parent\nSent: Monday, November 2, 2026 9:14 PM\n"
      "To: Alex\nSubject: Trip\n\nWords.",
      "FW: Trip");
  ASSERT_TRUE(r.forwarded);
  EXPECT_EQ(r.forwarded->from, (Address{"Sam Parent", ""}));
  EXPECT_EQ(ShowLocal(r.forwarded->sent_local), "2026-11-02 21:14:00");
}

TEST(SplitReply, ClientFootersAreNotTheWritersWords) {
  EXPECT_EQ(SplitReply("Yes.\n\nSent from my iPhone").own, "Yes.");
  EXPECT_EQ(SplitReply("Yes.\n\nGet Outlook for Android<https://aka.ms/AAb9ysg>").own, "Yes.");
  EXPECT_EQ(SplitReply("Sent from my iPhone").own, "");
  // A signature is the writer's.
  EXPECT_EQ(SplitReply("Yes.\n-- \nPat Parent\nParent governor").own,
            "Yes.\n-- \nPat Parent\nParent governor");
}

TEST(ShownDate, ReadsTheDatesClientsWriteInEachLanguage) {
  struct Case {
    const char* text;
    const char* local;
    const char* offset;
  };
  for (const Case& c : {
           Case{"Mon, 2 Nov 2026 at 09:14", "2026-11-02 09:14:00", "none"},
           Case{"Monday, November 2, 2026 9:14 PM", "2026-11-02 21:14:00", "none"},
           Case{"Montag, 2. November 2026 09:14", "2026-11-02 09:14:00", "none"},
           Case{"lundi 2 novembre 2026 09:14", "2026-11-02 09:14:00", "none"},
           Case{"mar. 3 nov. 2026 \xc3\xa0 09:14", "2026-11-03 09:14:00", "none"},
           Case{"lunes, 2 de noviembre de 2026 9:14", "2026-11-02 09:14:00", "none"},
           Case{"Dydd Mawrth, 3 Tachwedd 2026 09:14", "2026-11-03 09:14:00", "none"},
           Case{"2 November 2026 at 09:14:03 GMT", "2026-11-02 09:14:03", "+0000"},
           Case{"Mon, 2 Nov 2026 09:14:03 -0500", "2026-11-02 09:14:03", "-0500"},
           Case{"02/11/2026 09:14 BST", "2026-11-02 09:14:00", "+0100"},
           Case{"2026-11-02 09:14 UTC+01:00", "2026-11-02 09:14:00", "+0100"},
       }) {
    SCOPED_TRACE(c.text);
    const auto d = ParseShownDate(c.text);
    ASSERT_TRUE(d);
    EXPECT_EQ(ShowLocal(d->local), c.local);
    EXPECT_EQ(ShowOffset(d->utc_offset), c.offset);
  }
  EXPECT_FALSE(ParseShownDate("next Tuesday"));
  EXPECT_FALSE(ParseShownDate("31 February 2026"));
}

TEST(HtmlReplies, BlockquotesBecomeQuotedLinesAndOutlooksHeaderARule) {
  EXPECT_EQ(HtmlToText("<div>Mine</div><blockquote><div>old</div><blockquote>older</blockquote>"
                       "</blockquote><p>below</p>"),
            "Mine\n\n> old\n\n> > older\n\nbelow");
  EXPECT_EQ(HtmlToText("Mine<hr><div id=\"divRplyFwdMsg\"><b>From:</b> x</div>"),
            "Mine\n\n________________________________\n\nFrom: x");
  // The marks HtmlToText uses inside cannot be forged by the mail.
  EXPECT_EQ(HtmlToText("a\x01 b\x02"), "a b");
}

// Bounded work per line and per message: a 1 MB line, 100,000 lines of every
// shape a marker test looks at, and 100,000 nested blockquotes.
TEST(ReplyBounds, HugeLinesAndManyLinesAreReadInLinearTime) {
  const std::string mb(1 << 20, 'x');
  EXPECT_EQ(SplitReply("On " + mb + " wrote:\n> q").own, "On " + mb + " wrote:");
  EXPECT_EQ(SplitReply("From: " + mb + "@x\nSent: " + mb + "\nTo: " + mb).own.size(),
            3 * mb.size() + 20);
  std::string lines;
  for (int i = 0; i < 100000; ++i) lines += "From: a@b.test\nOn 2 Nov 2026, a\n";
  EXPECT_EQ(SplitReply(lines).own.size(), lines.size() - 1);
  std::string attributions;
  for (int i = 0; i < 100000; ++i) attributions += "On 2 Nov 2026 at 09:14, <a@b.test>\n";
  EXPECT_EQ(SplitReply(attributions).own.size(), attributions.size() - 1);
  std::string forwards = "Begin forwarded message:\n";
  for (int i = 0; i < 100000; ++i) forwards += "> Begin forwarded message:\n";
  EXPECT_TRUE(SplitReply(forwards).forwarded);
  std::string nest;
  for (int i = 0; i < 100000; ++i) nest += "<blockquote>x";
  const std::string text = HtmlToText(nest);
  EXPECT_LT(text.size(), 100000u * 24);
}

}  // namespace
}  // namespace intaked
