// SPDX-License-Identifier: GPL-3.0-or-later
#include "transport/imap_response_reader.h"

#include <gtest/gtest.h>

#include <chrono>

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

// Feeds `wire` in pieces of `step` bytes and collects what the reader returns.
std::vector<ImapResponse> ReadAll(ImapResponseReader& r, const std::string& wire, size_t step = 1) {
  std::vector<ImapResponse> got;
  for (size_t at = 0; at < wire.size(); at += step) {
    r.Feed(std::string_view(wire).substr(at, step));
    while (auto resp = r.Next()) got.push_back(*resp);
  }
  return got;
}

TEST(ImapResponseReader, AHostileServerBreaksALimitAndTheReaderStopsForGood) {
  struct Case {
    const char* what;
    std::string wire;
    const char* error;  // in status().message()
  };
  const ImapReaderLimits limits{1000, 100};
  const Case cases[] = {
      {"a literal claiming a terabyte", "* 1 FETCH (BODY[] {999999999999}\r\n",
       "literal of 999999999999 bytes, over the limit of 1000"},
      {"a literal past 64 bits", "* 1 FETCH (BODY[] {99999999999999999999999}\r\n",
       "over the limit of 1000"},
      {"a literal just over the limit", "* 1 FETCH (BODY[] {1001}\r\n", "literal of 1001 bytes"},
      {"literals that together pass the limit",
       "* 1 FETCH (A {600}\r\n" + std::string(600, 'x') + " B {600}\r\n", "literal of 600 bytes"},
      {"a line that never ends", "* OK " + std::string(200, 'x'), "response line over 100"},
      {"a long line that does end", "* OK " + std::string(200, 'x') + "\r\n",
       "response line over 100"},
      {"text around literals that adds up",
       "* 1 FETCH (A " + std::string(60, 'x') + " {1}\r\nx B " + std::string(60, 'x') + "\r\n",
       "response line over 100"},
  };
  for (const Case& c : cases) {
    for (size_t step : {size_t(1), size_t(7), c.wire.size()}) {
      ImapResponseReader r(limits);
      const auto got = ReadAll(r, c.wire, step);
      EXPECT_TRUE(got.empty()) << c.what;
      ASSERT_FALSE(r.status().ok()) << c.what << " (step " << step << ")";
      EXPECT_EQ(r.status().kind(), Status::Kind::kProtocol);
      EXPECT_NE(r.status().message().find(c.error), std::string::npos)
          << c.what << ": " << r.status().message();
      EXPECT_LE(r.buffered(), 0u) << "a failed reader holds nothing";
      r.Feed("I1 OK fine\r\n");
      EXPECT_FALSE(r.Next()) << "nothing more once a limit was broken";
    }
  }
}

TEST(ImapResponseReader, WithinTheLimitsEverythingIsRead) {
  const ImapReaderLimits limits{1000, 100};
  const std::string wire = "* 1 FETCH (A {1000}\r\n" + std::string(1000, 'x') + ")\r\n* OK " +
                           std::string(94, 'y') + "\r\nI1 OK done\r\n";
  ImapResponseReader r(limits);
  const auto got = ReadAll(r, wire, 13);
  ASSERT_TRUE(r.status().ok()) << r.status().message();
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].literals.at(0).size(), 1000u);
  EXPECT_EQ(got[1].text.size(), 97u);
  EXPECT_EQ(got[2].tag, "I1");
}

TEST(ImapResponseReader, TheLiteralLimitCanBeRaisedForOneFetch) {
  ImapResponseReader r(ImapReaderLimits{10, 100});
  r.set_max_literal(20);
  r.Feed("* 1 FETCH (BODY[] {20}\r\n01234567890123456789)\r\n");
  auto resp = r.Next();
  ASSERT_TRUE(resp);
  EXPECT_EQ(resp->literals.at(0), "01234567890123456789");
}

// Each byte is scanned once, however the network splits the stream: a 3 MiB
// line arriving a byte at a time must not be rescanned from its start on every
// byte (that is ~5*10^12 byte comparisons: a minute or more, against
// milliseconds).
TEST(ImapResponseReader, ALongLineArrivingByteByByteIsScannedOnce) {
  const std::string wire = "* OK " + std::string(3u << 20, 'x') + "\r\n";
  ImapResponseReader r(ImapReaderLimits{64u << 20, 4u << 20});
  const auto start = std::chrono::steady_clock::now();
  const auto got = ReadAll(r, wire, 1);
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_EQ(got.size(), 1u);
  EXPECT_LT(took, std::chrono::seconds(5));
}

TEST(ImapResponseReader, ALargeLiteralArrivingInSmallPiecesIsCopiedOnce) {
  const std::string body(8u << 20, 'm');
  const std::string wire =
      "* 1 FETCH (BODY[] {" + std::to_string(body.size()) + "}\r\n" + body + ")\r\n";
  ImapResponseReader r;
  const auto start = std::chrono::steady_clock::now();
  const auto got = ReadAll(r, wire, 512);
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].literals.at(0).size(), body.size());
  EXPECT_LT(took, std::chrono::seconds(5));
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
