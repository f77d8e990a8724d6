// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile mail, finding by finding: header and SMTP injection through an
// address, control characters in header text, and inputs that used to
// overflow the stack or take quadratic time. Each test failed before its fix
// (by a wrong answer, a crash, or the suite's time limit).
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "engine/intake_command.h"
#include "engine/intake_cycle.h"
#include "fake_mail.h"
#include "mail/address.h"
#include "mail/charset.h"
#include "mail/date_header.h"
#include "mail/header_decode.h"
#include "mail/html_text.h"
#include "mail/mail_composer.h"
#include "mail/mime_parser.h"
#include "mail/quoted_text.h"
#include "procedure/case_reference.h"
#include "store/case_store.h"
#include "store/database.h"
#include "store/message_attempts.h"
#include "store/message_log.h"
#include "store/outbox.h"
#include "test_config.h"

namespace intaked {
namespace {

// The review's example: an encoded word that decodes to CR LF and a new header.
constexpr char kInjectedFrom[] =
    "From: M <=?UTF-8?Q?mallory@evil.test=0D=0ABcc:victim@target.test?=>\r\n";

std::string Complaint(const std::string& from_line, const std::string& subject = "Complaint") {
  return from_line + "To: info@pacts.test\r\nSubject: " + subject +
         "\r\nMessage-ID: <inj1@evil.test>\r\n\r\nI am unhappy with the transition meeting.\r\n";
}

TEST(AddressSafety, OnlyPlainAddrSpecsAreDeliverable) {
  for (const char* good : {"pat@family.test", "p.a+t-1@sub.family.test", "x@localhost"})
    EXPECT_TRUE(IsDeliverableAddress(good)) << good;
  for (const std::string& bad :
       {std::string("mallory@evil.test\r\nBcc:victim@target.test"), std::string("a@b\nc"),
        std::string("a b@c.test"), std::string("<a@b.test>"), std::string("a@b.test>"),
        std::string("a@b\vc.test"), std::string("a\0b@c.test", 10), std::string("a@b\x7f.test"),
        std::string("\"q\"@b.test"), std::string("a@@b.test"), std::string("a@b@c.test"),
        std::string("@b.test"), std::string("a@"), std::string("a@.b"), std::string("a@b..c"),
        std::string("a@[127.0.0.1]"), std::string("p\xc3\xa4t@b.test"), std::string("a,b@c.test"),
        std::string(300, 'a') + "@b.test"})
    EXPECT_FALSE(IsDeliverableAddress(bad)) << bad;
}

TEST(AddressSafety, EncodedWordsAreNeverDecodedInsideAnAddrSpec) {
  const Message m = ParseMessage(Complaint(kInjectedFrom));
  ASSERT_TRUE(m.from.has_value()) << "a sender who wrote is still a sender";
  EXPECT_TRUE(m.from_unusable);
  EXPECT_EQ(m.from->email, "");
  // Display names are decoded, and lose their control characters on the way.
  const auto list = ParseAddressList("=?UTF-8?Q?Pat=0D=0ABcc:_x=1B]0;PWNED?= <pat@family.test>");
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].email, "pat@family.test");
  EXPECT_EQ(list[0].name.find_first_of("\r\n\x1b"), std::string::npos) << list[0].name;
  // And an encoded comma no longer splits one person into two.
  EXPECT_EQ(ParseAddressList("=?UTF-8?Q?Smith=2C_Pat?= <pat@family.test>").size(), 1u);
}

TEST(AddressSafety, HeaderTextFromMailHoldsNoControlCharacters) {
  const Message m = ParseMessage(
      "From: pat@family.test\r\nSubject: =?UTF-8?Q?Hi=0D=0ABcc:_v@t.test_=1B]0;PWNED=07?=\r\n"
      "Content-Type: text/plain\r\nContent-Disposition: attachment;"
      " filename*=UTF-8''a%0D%0Ab%1B.pdf\r\n\r\nbody\r\n");
  EXPECT_EQ(m.subject.find_first_of(std::string("\r\n\x1b\x07", 4)), std::string::npos);
  ASSERT_EQ(m.attachments.size(), 1u);
  EXPECT_EQ(m.attachments[0].filename.find_first_of("\r\n\x1b"), std::string::npos);
  EXPECT_EQ(WithoutControls("a\x1b[2Jb\xc2\x9b"
                            "c\nd",
                            true),
            "a [2Jb c\nd");
}

TEST(AddressSafety, TextFromAnyCharsetIsValidUtf8) {
  // Found by the header_decode fuzzer: glibc's iconv passes code points above
  // U+10FFFF through from UCS-4 and from UTF-8 under another name.
  for (const char* word : {"=?ISO-10646/UTF8?B?9KaPmQ==?=", "=?UCS-4?B?AP///w==?="}) {
    const std::string text = DecodeHeaderValue(word);
    EXPECT_TRUE(IsValidUtf8(text)) << word;
  }
}

TEST(AddressSafety, EncodingAHeaderOfBrokenUtf8Ends) {
  // 60 continuation bytes in a row: the encoder used to step back to where it
  // started and loop for ever (unreachable from mail today; it must not be).
  const std::string bytes(60, '\x80');
  const std::string encoded = EncodeHeaderText(bytes);
  EXPECT_NE(encoded.find("=?UTF-8?B?"), std::string::npos);
  EXPECT_EQ(encoded.find('\x80'), std::string::npos);
}

TEST(AddressSafety, MessageIdsWithControlsAreNotKeptForThreading) {
  EXPECT_TRUE(ParseMessageIds("<a\x0b"
                              "b@x.test>")
                  .empty());
  EXPECT_EQ(ParseMessageIds("<ok@x.test> <bad id@x.test>"), std::vector<std::string>{"ok@x.test"});
}

TEST(AddressSafety, TheOutboxRefusesAnUndeliverableRecipient) {
  auto db = OpenDatabase(":memory:");
  ASSERT_TRUE(db.ok());
  Outbox outbox(**db);
  OutboxItem item;
  item.purpose = "acknowledgement";
  item.recipient = "mallory@evil.test\r\nRCPT TO:<victim@target.test>";
  item.message_id = "m1@pacts.test";
  item.mail = "Subject: x\r\n\r\nx\r\n";
  EXPECT_THROW(outbox.Enqueue(item, Instant{}), std::invalid_argument);
  EXPECT_EQ(outbox.PendingCount(), 0);
}

class HostileIntakeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = OpenDatabase(":memory:");
    ASSERT_TRUE(db.ok());
    db_ = std::move(db.value());
  }
  CycleReport Cycle() {
    auto log =
        std::make_shared<spdlog::logger>("t", std::make_shared<spdlog::sinks::null_sink_mt>());
    OutageLog outages(log);
    IntakeCycle cycle(*db_, server_, sender_, clock_, tokens_, outages, log);
    CycleReport r;
    const Status s = cycle.Run(*ctx_, &r);
    EXPECT_TRUE(s.ok()) << s.message();
    return r;
  }
  std::shared_ptr<const ProcedureContext> ctx_ = TestContext();
  std::unique_ptr<SQLite::Database> db_;
  FakeMailServer server_;
  FakeSender sender_;
  FixedClock clock_{date::sys_days(date::year(2027) / 3 / 3) + std::chrono::hours(10)};
  CountingTokens tokens_;
};

TEST_F(HostileIntakeTest, AnInjectedFromIsHandledButNothingIsSentToIt) {
  server_.Deliver("info@pacts.test", Complaint(kInjectedFrom));
  const CycleReport r = Cycle();
  EXPECT_EQ(r.complaints, 1) << "the complaint is still recorded and handled";
  for (const SentMail& s : sender_.sent) {
    EXPECT_TRUE(IsDeliverableAddress(s.to)) << s.to;
    EXPECT_EQ(s.to.find("mallory"), std::string::npos);
    EXPECT_EQ(s.raw.find("victim@target.test"), std::string::npos) << s.raw;
    EXPECT_EQ(s.raw.find("\nBcc:"), std::string::npos);
  }
  // The handler is told that no acknowledgement went, and why, and by when to give one.
  const auto notes = sender_.To("chair.a@pacts.test");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].message.body.find("Acknowledged:     NO - the sender's address is malformed"),
            std::string::npos)
      << notes[0].message.body;
  EXPECT_NE(notes[0].message.body.find("by Wednesday 17 March 2027"), std::string::npos);
  EXPECT_EQ(sender_.sent.size(), 1u) << "only the handler's notification";
}

TEST_F(HostileIntakeTest, AnOrdinaryComplaintStillSaysItWasAcknowledged) {
  server_.Deliver("info@pacts.test", Complaint("From: Pat <pat@family.test>\r\n"));
  Cycle();
  const auto notes = sender_.To("chair.a@pacts.test");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].message.body.find("Acknowledged:     yes, automatically"), std::string::npos);
  EXPECT_EQ(sender_.To("pat@family.test").size(), 1u);
}

// Inputs that used to stop the service: each must simply be read.
TEST(ParserBounds, ALongParagraphStartingWithOnIsNotAStackOverflow) {
  const std::string line = "On " + std::string(40000, 'x') + " and it went on";
  EXPECT_EQ(StripQuotedText(line + "\nsecond line"), line + "\nsecond line");
  EXPECT_EQ(StripQuotedText("Yes.\nOn Wed, 25 Nov 2026, Pat <p@x.test> wrote:\n> old"), "Yes.");
  EXPECT_EQ(StripQuotedText("Oui.\nLe 25 nov. 2026, Pat a \xc3\xa9"
                            "crit :\n> old"),
            "Oui.");
}

TEST(ParserBounds, AHugeSubjectOfEncodedWordsIsSearchedForAReference) {
  std::string subject;
  for (int i = 0; i < 4000; ++i) subject += "=?UTF-8?Q?PACTS-2026-" + std::to_string(i) + "?= ";
  const std::string decoded = DecodeHeaderValue(subject);
  EXPECT_GT(decoded.size(), 30000u);
  EXPECT_FALSE(FindCaseReference(decoded, "PACTS").has_value());
  EXPECT_EQ(FindCaseReference(decoded + " [pacts-2026-0012]", "PACTS"), "PACTS-2026-0012");
  // A run of 50,000 digits overflowed the stack of the regex that was here.
  EXPECT_FALSE(FindCaseReference("PACTS-2026-" + std::string(50000, '7'), "PACTS").has_value());
  EXPECT_FALSE(FindCaseReference("XPACTS-2026-0012", "PACTS").has_value());
  EXPECT_FALSE(FindCaseReference("PACTS-2026-00123456789", "PACTS").has_value());
  EXPECT_EQ(FindCaseReference("Re: PACTS-2027-12345.", "PACTS"), "PACTS-2027-12345");
}

TEST(ParserBounds, DateHeadersAndComplainantLinesAreReadInOnePass) {
  EXPECT_FALSE(ParseDateHeader(std::string(200000, ' ') + "25 Nov 2026 10:00 +0000"));
  EXPECT_TRUE(ParseDateHeader("Wed, 25 Nov 2026 10:00:05 +0000"));
  EXPECT_TRUE(ParseDateHeader("25 Sept. 26 10:00 BST"));
  const std::string huge = "Complainant: " + std::string(200000, 'x') + "\n";
  EXPECT_EQ(NamedComplainant(huge).email, "");
  EXPECT_EQ(NamedComplainant("#complaint\n> From: Pat <pat@family.test>\n").email,
            "pat@family.test");
  EXPECT_EQ(WithoutComplainantLine("a\n Complainant : Pat <p@x.test>\nb"), "a\nb");
}

TEST(ParserBounds, HtmlToTextIsLinear) {
  // 4 MB of <style> and of '&' without ';': seconds each before the fix, at best.
  std::string styles, amps;
  for (int i = 0; i < 200000; ++i) styles += "<style>x</style>y";
  amps.assign(4 << 20, '&');
  EXPECT_EQ(HtmlToText(styles).size(), 200000u);
  EXPECT_EQ(HtmlToText(amps).size(), amps.size());
  EXPECT_EQ(HtmlToText("<p>Fish &amp; chips &pound;3</p><style>p{}</STYLE>ok"),
            "Fish & chips \xc2\xa3"
            "3\n\nok");
}

TEST(ParserBounds, NestingAfterALargeFirstPartIsStillCounted) {
  // 9 MB of a first part, then 60,000 nested multiparts: mimetic recursed
  // until the stack overflowed, because only the first 8 MiB were looked at.
  std::string raw =
      "From: p@x.test\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n--b0\r\n"
      "Content-Type: text/plain\r\n\r\n" +
      std::string(9 << 20, 'a') + "\r\n--b0\r\n";
  for (int i = 1; i < 60000; ++i)
    raw += "Content-Type: multipart/mixed; boundary=b" + std::to_string(i) + "\r\n\r\n--b" +
           std::to_string(i) + "\r\n";
  const Message m = ParseMessage(raw);
  EXPECT_NE(std::find(m.defects.begin(), m.defects.end(),
                      "too many nested multiparts; only the top level read"),
            m.defects.end());
}

TEST(ParserBounds, BrokenMultipartThatMadeMimeticThrowIsRead) {
  // Found by the mime_parser fuzzer: a one-byte block after CR LF made
  // mimetic throw std::length_error (leaking what it had built). Line ends
  // are normalised first now, and ParseMessage never throws anyway.
  for (const char* name : {"mimetic-length-error", "mimetic-leak-on-throw"}) {
    std::ifstream in(std::string(SOURCE_DIR) + "/fuzz/regressions/mime_parser/" + name,
                     std::ios::binary);
    std::stringstream raw;
    raw << in.rdbuf();
    ASSERT_FALSE(raw.str().empty()) << name;
    Message m;
    ASSERT_NO_THROW(m = ParseMessage(raw.str())) << name;
    EXPECT_TRUE(m.from.has_value()) << name;
    for (const std::string& d : m.defects)
      EXPECT_EQ(d.find("unreadable"), std::string::npos) << name << ": " << d;
  }
}

TEST(ParserBounds, HeaderLinesInsidePartsAreCut) {
  const std::string raw =
      "From: p@x.test\r\nContent-Type: multipart/mixed; boundary=zz\r\n\r\n--zz\r\n"
      "Content-Type: text/plain\r\nX-Junk: " +
      std::string(8 << 20, 'j') + "\r\n\r\nhello\r\n--zz--\r\n";
  const Message m = ParseMessage(raw);
  EXPECT_NE(
      std::find(m.defects.begin(), m.defects.end(), "over-long header lines inside a part cut"),
      m.defects.end());
  EXPECT_EQ(m.body.substr(0, 5), "hello");
}

}  // namespace
}  // namespace intaked

namespace intaked {
namespace {

// Survival is structural: whatever one message does, the rest go on.
class PoisonMessageTest : public HostileIntakeTest {
 protected:
  std::string Mail(const std::string& id, const std::string& subject) {
    return "From: Pat <pat@family.test>\r\nTo: info@pacts.test\r\nSubject: " + subject +
           "\r\nMessage-ID: <" + id + ">\r\n\r\nI am unhappy with the venue.\r\n";
  }
  std::vector<MessageRecord> SetAside() { return MessageLog(*db_).Unprocessable(); }
};

TEST_F(PoisonMessageTest, AMessageThatFailsEvenInTheDatabaseIsSetAsideAndTheCycleGoesOn) {
  // A failure inside the message's transaction - here a database error only
  // this message causes - used to end every cycle at the same message.
  db_->exec(
      "CREATE TRIGGER boom BEFORE INSERT ON cases WHEN NEW.subject LIKE '%boom%'"
      " BEGIN SELECT RAISE(ABORT, 'boom'); END");
  server_.Deliver("info@pacts.test", Mail("p1@family.test", "boom"));
  server_.Deliver("info@pacts.test", Mail("p2@family.test", "Complaint"));
  const CycleReport r = Cycle();
  EXPECT_EQ(r.failed_messages, 1);
  EXPECT_EQ(r.complaints, 1) << "the next message is processed";
  ASSERT_EQ(SetAside().size(), 1u);
  EXPECT_NE(SetAside()[0].reason.find("uid 1: boom"), std::string::npos);
  EXPECT_EQ(SetAside()[0].subject, "boom");
  // The admin and the co-chairs hear of it once, in one letter each.
  Cycle();
  Cycle();
  const auto alerts = sender_.To("chair.b@pacts.test");
  const auto n = std::count_if(alerts.begin(), alerts.end(), [](const SentMail& m) {
    return m.message.subject.find("could not be processed") != std::string::npos;
  });
  EXPECT_EQ(n, 1);
  EXPECT_EQ(SetAside().size(), 1u) << "never retried";
}

TEST_F(PoisonMessageTest, AMessageThatKilledTheProcessTwiceIsSetAsideUnread) {
  server_.Deliver("info@pacts.test", Mail("k1@family.test", "Complaint one"));
  server_.Deliver("info@pacts.test", Mail("k2@family.test", "Complaint two"));
  // Two starts on uid 1 that never finished: the process died in them.
  MessageAttempts(*db_).Begin("intake", 1, 1, clock_.Now());
  MessageAttempts(*db_).Begin("intake", 1, 1, clock_.Now());
  const CycleReport r = Cycle();
  EXPECT_EQ(r.complaints, 1);
  ASSERT_EQ(SetAside().size(), 1u);
  EXPECT_NE(SetAside()[0].reason.find("stopped 2 times"), std::string::npos);
  EXPECT_EQ(SetAside()[0].subject, "") << "not parsed: parsing may be what killed it";
  EXPECT_EQ(CaseStore(*db_).List(false).size(), 1u);
}

TEST_F(PoisonMessageTest, OneDeathIsNotEnoughToSetAMessageAside) {
  server_.Deliver("info@pacts.test", Mail("d1@family.test", "Complaint"));
  MessageAttempts(*db_).Begin("intake", 1, 1, clock_.Now());  // killed once (kill -9, a reboot)
  EXPECT_EQ(Cycle().complaints, 1);
  EXPECT_TRUE(SetAside().empty());
  EXPECT_EQ(MessageAttempts(*db_).Begin("intake", 1, 1, clock_.Now()), 0)
      << "a message that was processed leaves no note behind";
}

}  // namespace
}  // namespace intaked
