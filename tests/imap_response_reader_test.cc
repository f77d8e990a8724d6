#include "transport/imap_response_reader.h"

#include <gtest/gtest.h>

#include "transport/imap_url.h"

namespace intaked {
namespace {

TEST(ImapResponseReader, LiteralHoldingATaggedLookalikeIsReadWhole) {
  const std::string body =
      "Subject: x\r\n\r\nI7 OK this line looks like the end\r\n* 1 FETCH fake\r\n";
  const std::string wire = "* 1 FETCH (UID 42 BODY[] {" + std::to_string(body.size()) + "}\r\n" +
                           body + ")\r\nI7 OK FETCH done\r\n";
  ImapResponseReader r;
  // Feed one byte at a time: responses must not depend on how TCP splits them.
  std::vector<ImapResponse> got;
  for (char c : wire) {
    r.Feed(std::string_view(&c, 1));
    while (auto resp = r.Next()) got.push_back(*resp);
  }
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].tag, "*");
  ASSERT_EQ(got[0].literals.size(), 1u);
  EXPECT_EQ(got[0].literals[0], body);
  EXPECT_NE(got[0].text.find("UID 42"), std::string::npos);
  EXPECT_EQ(got[1].tag, "I7");
  EXPECT_EQ(ResponseStatus(got[1]), "OK");
  EXPECT_EQ(r.buffered(), 0u);
}

TEST(ImapResponseReader, IncompleteLiteralWaits) {
  ImapResponseReader r;
  r.Feed("* 1 FETCH (BODY[] {10}\r\n12345");
  EXPECT_FALSE(r.Next());
  r.Feed("67890)\r\n");
  auto resp = r.Next();
  ASSERT_TRUE(resp);
  EXPECT_EQ(resp->literals.at(0), "1234567890");
}

TEST(ImapUrl, ServerAndFolder) {
  const ImapUrl a = ParseImapUrl("imaps://mail.example.test:993/Complaints%20Box");
  EXPECT_EQ(a.server, "imaps://mail.example.test:993/");
  EXPECT_EQ(a.folder, "Complaints Box");
  EXPECT_TRUE(a.tls);
  EXPECT_EQ(ParseImapUrl("imap://127.0.0.1:1143").folder, "INBOX");
  EXPECT_EQ(ParseImapUrl("imap://h/INBOX/;UID=3").folder, "INBOX");
}

}  // namespace
}  // namespace intaked
