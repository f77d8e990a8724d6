// SPDX-License-Identifier: GPL-3.0-or-later
#include <date/date.h>
#include <gtest/gtest.h>

#include "mail/address.h"
#include "mail/header_decode.h"
#include "mail/mail_composer.h"
#include "mail/mime_parser.h"
#include "mail/quoted_text.h"

namespace intaked {
namespace {

TEST(Address, ListsWithQuotesCommentsAndGroups) {
  const auto list = ParseAddressList(
      R"("Smith, Jo" <jo@family.test>, plain@family.test, bob@family.test (Bob B), Team: a@x.test, b@x.test;, broken)");
  ASSERT_EQ(list.size(), 5u);
  EXPECT_EQ(list[0], (Address{"Smith, Jo", "jo@family.test"}));
  EXPECT_EQ(list[1], (Address{"", "plain@family.test"}));
  EXPECT_EQ(list[2], (Address{"Bob B", "bob@family.test"}));
  EXPECT_EQ(list[3].email, "a@x.test");
  EXPECT_EQ(list[4].email, "b@x.test");
}

TEST(Address, MaskingForLogs) {
  EXPECT_EQ(MaskEmail("parent@family.test"), "p***@family.test");
  EXPECT_EQ(MaskEmail(""), "");
  EXPECT_EQ(MaskEmail("nonsense"), "***");
  EXPECT_TRUE(SameEmail("Chair.A@PACTS.test", "chair.a@pacts.test"));
}

TEST(HeaderDecode, AdjacentEncodedWordsJoinWithoutSpace) {
  EXPECT_EQ(DecodeHeaderValue("=?UTF-8?Q?a?= =?UTF-8?Q?b?= c"), "ab c");
  EXPECT_EQ(DecodeHeaderValue("=?utf-8?q?Caf=C3=A9_au_lait?="), "Café au lait");
  EXPECT_EQ(DecodeHeaderValue("=?windows-1252?Q?=93quoted=94?="), "\u201Cquoted\u201D");
  EXPECT_EQ(DecodeHeaderValue("plain\r\n folded"), "plain folded");
  EXPECT_EQ(DecodeHeaderValue("=?bogus?X?zz?="), "=?bogus?X?zz?=");  // not a valid word: kept
}

TEST(QuotedText, GmailStyleAttribution) {
  const std::string body =
      "Thanks, that helps.\n\nJo\n\nOn Wed, 25 Nov 2026 at 14:53, PACTS Complaints "
      "<info@pacts.test>\nwrote:\n"
      "> Dear Jo,\n> earlier text\n";
  EXPECT_EQ(StripQuotedText(body), "Thanks, that helps.\n\nJo");
}

TEST(QuotedText, OutlookStyleHeaderBlock) {
  const std::string body =
      "Please see my answer.\r\nAlex Able\r\nCo-chair\r\n\r\nFrom: PACTS Complaints "
      "<info@pacts.test>\r\n"
      "Sent: 25 November 2026 14:53\r\nTo: Alex Able\r\nSubject: [PACTS-2026-0001] New "
      "complaint\r\n\r\nold\r\n";
  EXPECT_EQ(StripQuotedText(body), "Please see my answer.\nAlex Able\nCo-chair");
}

TEST(QuotedText, OriginalMessageSeparatorAndInlineQuotes) {
  EXPECT_EQ(StripQuotedText("Mine\n> theirs\nmine again\n-----Original Message-----\nold"),
            "Mine\nmine again");
  EXPECT_EQ(StripQuotedText("No quotes at all"), "No quotes at all");
}

TEST(Composer, RoundTripsThroughTheParser) {
  OutgoingMail out;
  out.from = {"PACTS Complaints", "info@pacts.test"};
  out.to = {{"Élise Dupré", "elise@family.test"}};
  out.subject =
      "[PACTS-2026-0001] Réponse à votre réclamation — merci de votre patience, nous revenons vers "
      "vous";
  out.body = "Line one with £ and é\n.leading dot\nFrom the start\n" + std::string(200, 'x') +
             "\ntrailing space \n";
  out.message_id = "intaked.X.token@pacts.test";
  out.in_reply_to = "orig@family.test";
  out.references = {"a@family.test", "orig@family.test"};
  out.date = date::sys_days(date::year(2026) / 12 / 1) + std::chrono::hours(9);
  const std::string raw = ComposeMail(out);
  for (size_t pos = 0, nl; (nl = raw.find("\r\n", pos)) != std::string::npos; pos = nl + 2) {
    EXPECT_LE(nl - pos, 78u) << raw.substr(pos, nl - pos);
  }
  EXPECT_NE(raw.find("Auto-Submitted: auto-replied\r\n"), std::string::npos);
  EXPECT_NE(raw.find("X-Auto-Response-Suppress: All\r\n"), std::string::npos);
  EXPECT_NE(raw.find("Date: Tue, 01 Dec 2026 09:00:00 +0000\r\n"), std::string::npos);
  const Message back = ParseMessage(raw);
  EXPECT_EQ(back.subject, out.subject);
  EXPECT_EQ(back.to.at(0), out.to[0]);
  EXPECT_EQ(back.body, out.body);
  EXPECT_EQ(back.message_id, out.message_id);
  EXPECT_EQ(back.in_reply_to, "orig@family.test");
  EXPECT_EQ(back.references, out.references);
  EXPECT_EQ(back.auto_submitted, "auto-replied");
}

}  // namespace
}  // namespace intaked

namespace intaked {
namespace {

TEST(Composer, AttachmentsRoundTripThroughTheParser) {
  OutgoingMail out;
  out.from = {"PACTS Complaints", "info@pacts.test"};
  out.to = {{"Alex Able", "chair.a@pacts.test"}};
  out.subject = "[PACTS-2026-0001] New complaint";
  out.body = "See the attached.\n";
  out.message_id = "intaked.att.token@pacts.test";
  out.date = date::sys_days(date::year(2026) / 12 / 1);
  std::string binary;
  for (int i = 0; i < 5000; ++i) binary += char(i % 256);
  out.attachments = {{"minutes \"draft\".pdf", "application/pdf", binary.size(), binary},
                     {"réunion.txt", "text/plain", 5, "hello"}};
  const Message back = ParseMessage(ComposeMail(out));
  EXPECT_EQ(back.body, "See the attached.\n");
  ASSERT_EQ(back.attachments.size(), 2u);
  EXPECT_EQ(back.attachments[0].filename, "minutes _draft_.pdf");
  EXPECT_EQ(back.attachments[0].data, binary);
  EXPECT_EQ(back.attachments[1].filename, "réunion.txt");
  EXPECT_EQ(back.attachments[1].data, "hello");
}

}  // namespace
}  // namespace intaked
