// SPDX-License-Identifier: GPL-3.0-or-later
#include "mail/mime_parser.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "mail/date_header.h"

namespace intaked {
namespace {

std::string ReadData(const std::string& name) {
  std::ifstream in(std::string(TEST_DATA_DIR) + "/" + name, std::ios::binary);
  EXPECT_TRUE(in) << name;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Message Parse(const std::string& name) { return ParseMessage(ReadData(name)); }

TEST(MimeParser, EncodedWordsInSeveralCharsets) {
  const Message m = Parse("encoded_words.eml");
  EXPECT_EQ(m.subject, "Complaint: café naïve");
  ASSERT_TRUE(m.from);
  EXPECT_EQ(m.from->name, "Jörg Müller");
  EXPECT_EQ(m.from->email, "jorg@family.test");
  EXPECT_EQ(m.message_id, "enc1@family.test");
  ASSERT_TRUE(m.date);
  EXPECT_EQ(*m.date, *ParseDateHeader("2 Mar 2020 09:15:00 GMT"));
}

TEST(MimeParser, Latin1QuotedPrintableBody) {
  const Message m = Parse("latin1_qp.eml");
  EXPECT_EQ(m.subject, "Précis");
  EXPECT_EQ(m.from->name, "Ann O'Neill");
  EXPECT_EQ(m.body, "I am not happy with the café meeting – it was unacceptable. £5 wasted.\n");
}

TEST(MimeParser, Base64Utf8Body) {
  const Message m = Parse("base64_utf8.eml");
  EXPECT_EQ(m.body, "Je suis très mécontent. Ça ne va pas. 😞\n");
  ASSERT_TRUE(m.date);  // two-digit year, no seconds, named zone
  EXPECT_EQ(*m.date, *ParseDateHeader("Tue, 01 Dec 2026 08:00:00 +0000"));
}

TEST(MimeParser, HtmlOnlyBecomesReadableText) {
  const Message m = Parse("html_only.eml");
  EXPECT_EQ(m.body, "I wish to complain & be heard.\n\nLine two\nLine three\n\n- one\n- two");
}

TEST(MimeParser, MultipartWithAttachments) {
  const Message m = Parse("multipart_attachment.eml");
  EXPECT_EQ(m.body, "Please see the attached letter.");
  ASSERT_EQ(m.attachments.size(), 2u);
  EXPECT_EQ(m.attachments[0].filename, "résumé.pdf");
  EXPECT_EQ(m.attachments[0].content_type, "application/pdf");
  EXPECT_EQ(m.attachments[0].size, 3000u);
  EXPECT_EQ(m.attachments[1].filename, "photo.png");
  EXPECT_EQ(m.attachments[1].size, 5u);
}

TEST(MimeParser, MissingHeadersAreDefectsNotFailures) {
  const Message m = Parse("missing_headers.eml");
  EXPECT_FALSE(m.from);
  EXPECT_TRUE(m.message_id.empty());
  EXPECT_FALSE(m.date);
  EXPECT_EQ(m.subject, "no headers to speak of");
  EXPECT_EQ(m.body, "Just text.\n");
  EXPECT_EQ(m.defects.size(), 2u);  // no From, no Message-ID
}

TEST(MimeParser, LfOnlyLineEnds) {
  const Message m = Parse("lf_only.eml");
  EXPECT_EQ(m.subject, "LF line ends");
  EXPECT_EQ(m.body, "First line\nSecond line\n");
  EXPECT_EQ(m.message_id, "lf@family.test");
}

TEST(MimeParser, MboxFromLineIsSkipped) {
  const Message m = Parse("mbox_from_line.eml");
  ASSERT_TRUE(m.from);
  EXPECT_EQ(m.from->email, "mbox@family.test");
  EXPECT_EQ(m.subject, "mbox style");
}

TEST(MimeParser, UnknownCharsetsDoNotLoseText) {
  const Message m = Parse("unknown_charset.eml");
  EXPECT_EQ(m.subject, "café");       // bytes were valid UTF-8
  EXPECT_EQ(m.body, "naïve text\n");  // Latin-1 bytes read as Windows-1252
}

TEST(MimeParser, EightBitHeaders) {
  const Message m = Parse("eight_bit_headers.eml");
  EXPECT_EQ(m.subject, "Déçu par la réunion");
  EXPECT_EQ(m.from->name, "Élise Dupré");
}

TEST(MimeParser, ThreadingHeaders) {
  const Message m = Parse("reply_with_quote.eml");
  EXPECT_EQ(m.in_reply_to, "intaked.PACTS-2026-0003.acknowledgement.abc@pacts.test");
  EXPECT_EQ(m.references,
            (std::vector<std::string>{"c3@family.test",
                                      "intaked.PACTS-2026-0003.acknowledgement.abc@pacts.test"}));
}

TEST(MimeParser, HostileInputIsContained) {
  // A 2 MB header line, NUL bytes and 200 nested multiparts: no crash, no hang.
  std::string raw = "From: a@b.test\r\nSubject: " + std::string(2 * 1024 * 1024, 'x') + "\r\n";
  raw += "Content-Type: multipart/mixed; boundary=b0\r\n\r\n";
  for (int i = 0; i < 200; ++i) {
    raw += "--b" + std::to_string(i) + "\r\nContent-Type: multipart/mixed; boundary=b" +
           std::to_string(i + 1) + "\r\n\r\n";
  }
  raw += std::string("text\0with nul", 13);
  const Message m = ParseMessage(raw);
  EXPECT_EQ(m.from->email, "a@b.test");
  EXPECT_LE(m.subject.size(), 16u * 1024);
  EXPECT_GE(m.defects.size(), 2u);
}

// How deep the parts are walked is the caller's limit (ParseLimits), not a number of its own.
TEST(MimeParser, NestingIsWalkedAsDeepAsTheLimitAllows) {
  auto nested = [](int levels) {
    std::string raw = "From: a@b.test\r\nMessage-ID: <deep@b.test>\r\n";
    std::string closing;
    for (int i = 0; i < levels; ++i) {
      raw += "Content-Type: multipart/mixed; boundary=b" + std::to_string(i) + "\r\n\r\n--b" +
             std::to_string(i) + "\r\n";
      closing = "\r\n--b" + std::to_string(i) + "--\r\n" + closing;
    }
    return raw + "Content-Type: text/plain\r\n\r\nat the bottom" + closing;
  };
  ParseLimits deep;
  deep.max_multipart_depth = 40;
  EXPECT_EQ(ParseMessage(nested(36), deep).body.find("at the bottom"), 0u);
  EXPECT_EQ(ParseMessage(nested(3)).body.find("at the bottom"), 0u);
  ParseLimits shallow;
  shallow.max_multipart_depth = 2;
  const Message cut = ParseMessage(nested(3), shallow);
  EXPECT_EQ(cut.body.find("at the bottom"), std::string::npos);
}

TEST(DateHeader, Forms) {
  const auto a = ParseDateHeader("Fri, 28 Feb 2020 17:00:00 +0000");
  const auto b = ParseDateHeader("28 Feb 2020 18:00:00 +0100");
  const auto c = ParseDateHeader("Fri, 28 Feb 2020 12:00 EST");
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(*a, *b);
  EXPECT_EQ(*a, *c);
  EXPECT_FALSE(ParseDateHeader("yesterday"));
  EXPECT_FALSE(ParseDateHeader("31 Feb 2020 10:00:00 +0000"));
}

}  // namespace
}  // namespace intaked
