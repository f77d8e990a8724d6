// SPDX-License-Identifier: GPL-3.0-or-later
// Modified UTF-7 mailbox names (RFC 3501 §5.1.3), both ways: what a configured
// name becomes on the wire, what a listed name means, and the server bytes the
// decoder refuses.
#include "transport/imap_mailbox_name.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace intaked {
namespace {

struct Pair {
  std::string utf8, wire;
};

const Pair kPairs[] = {
    {"INBOX", "INBOX"},
    {"Sent Items", "Sent Items"},
    {"[Gmail]/Sent Mail", "[Gmail]/Sent Mail"},
    // RFC 3501's own example.
    {"~peter/mail/\u53f0\u5317/\u65e5\u672c\u8a9e", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"},
    {"\u00c9l\u00e9ments envoy\u00e9s", "&AMk-l&AOk-ments envoy&AOk-s"},
    {"\u041e\u0442\u043f\u0440\u0430\u0432\u043b\u0435\u043d\u043d\u044b\u0435",
     "&BB4EQgQ,BEAEMAQyBDsENQQ9BD0ESwQ1-"},
    {"\u9001\u4fe1\u6e08\u307f", "&kAFP4W4IMH8-"},
    {"Wys\u0142ane", "Wys&AUI-ane"},
    {"&", "&-"},
    {"Tom & Jerry", "Tom &- Jerry"},
    {"&&", "&-&-"},
    {"\u20ac", "&IKw-"},                   // one UTF-16 unit: 2 bits of padding
    {"\u00e9\u00e9", "&AOkA6Q-"},          // two units in one run: 4 bits of padding
    {"\u00e9\u00e9\u00e9", "&AOkA6QDp-"},  // three: none
    {"\U0001F600", "&2D3eAA-"},            // outside the BMP: a surrogate pair
    {"a\U0001F600&\u00e9", "a&2D3eAA-&-&AOk-"},
    {"", ""},
};

TEST(MailboxName, EncodesAsRfc3501Says) {
  for (const Pair& p : kPairs) {
    Result<std::string> wire = EncodeMailboxName(p.utf8);
    ASSERT_TRUE(wire.ok()) << p.utf8 << ": " << wire.status().message();
    EXPECT_EQ(*wire, p.wire) << p.utf8;
  }
}

TEST(MailboxName, DecodesWhatServersList) {
  for (const Pair& p : kPairs) {
    Result<std::string> utf8 = DecodeMailboxName(p.wire);
    ASSERT_TRUE(utf8.ok()) << p.wire << ": " << utf8.status().message();
    EXPECT_EQ(*utf8, p.utf8) << p.wire;
  }
}

// Every code point a folder name may hold, in runs of every length, survives
// the round trip - and so the bytes a server lists are the bytes sent back.
TEST(MailboxName, RoundTripsEveryCodePointClass) {
  const std::string samples[] = {"a",      "&",          "~",          "\u00a0", "\u00ff",
                                 "\u0100", "\u07ff",     "\u0800",     "\ud7ff", "\ue000",
                                 "\uffff", "\U00010000", "\U0010FFFF", "\u4e2d"};
  for (const std::string& a : samples) {
    for (const std::string& b : samples) {
      for (int n = 1; n <= 4; ++n) {
        std::string name;
        for (int i = 0; i < n; ++i) name += a + b;
        Result<std::string> wire = EncodeMailboxName(name);
        ASSERT_TRUE(wire.ok()) << name;
        for (char c : *wire) ASSERT_TRUE(c >= 0x20 && c <= 0x7e) << *wire << " is not 7-bit";
        Result<std::string> back = DecodeMailboxName(*wire);
        ASSERT_TRUE(back.ok()) << *wire << ": " << back.status().message();
        EXPECT_EQ(*back, name) << *wire;
        EXPECT_EQ(*EncodeMailboxName(*back), *wire);
      }
    }
  }
}

TEST(MailboxName, RefusesToEncodeWhatIsNotUtf8) {
  const std::string bad[] = {
      "\xff",              // never in UTF-8
      "Sent\xc3",          // cut short
      "\xc3(",             // a lead byte without its continuation
      "\x80",              // a continuation alone
      "\xc0\xaf",          // overlong "/"
      "\xe0\x80\xaf",      // overlong, three bytes
      "\xed\xa0\x80",      // a UTF-16 surrogate written as UTF-8
      "\xf4\x90\x80\x80",  // past U+10FFFF
      "\xf8\x88\x80\x80\x80",
  };
  for (const std::string& b : bad) {
    Result<std::string> r = EncodeMailboxName(b);
    ASSERT_FALSE(r.ok()) << b;
    EXPECT_EQ(r.status().kind(), Status::Kind::kInvalidInput);
    EXPECT_NE(r.status().message().find("the folder name is not UTF-8 (at byte"), std::string::npos)
        << r.status().message();
  }
}

// A control character could only be a mistake or an attack in a folder name:
// refused, although RFC 3501 could carry it inside "&...-".
TEST(MailboxName, RefusesToEncodeControlCharacters) {
  for (const std::string& b : {std::string("Sent\r\nA1 DELETE INBOX"), std::string("IN\0BOX", 6),
                               std::string("Sent\tItems"), std::string("\x1b[2J"),
                               std::string("Sent\x7f"), std::string("Sent\u0085")}) {
    Result<std::string> r = EncodeMailboxName(b);
    ASSERT_FALSE(r.ok()) << b;
    EXPECT_NE(r.status().message().find("the folder name holds a control character"),
              std::string::npos)
        << r.status().message();
  }
}

TEST(MailboxName, RefusesMalformedServerNames) {
  struct Bad {
    std::string wire, why;
  };
  const Bad bad[] = {
      {"Sent&", "\"&\" never ended by \"-\""},
      {"&AOk", "\"&\" never ended by \"-\""},
      {"&AO!-", "a character outside modified base64"},
      {"&AO/-", "a character outside modified base64"},   // "/" is written ","
      {"&AOk=-", "a character outside modified base64"},  // no padding
      {"&A-", "base64 characters left over"},
      {"&AOkA-", "base64 characters left over"},
      {"&AOl-", "non-zero padding bits"},
      {"&AGE-", "printable ASCII inside \"&...-\""},  // "a" must stand for itself
      {"&ACY-", "printable ASCII inside \"&...-\""},  // "&" is "&-"
      {"&AMk-&AOk-", "two \"&...-\" runs side by side"},
      {"&2D0-", "a high surrogate without its low one"},
      {"&2D0AQQ-", "a high surrogate without its low one"},
      {"&2D0-&3gA-", "a high surrogate without its low one"},
      {"&3gA-", "a low surrogate without its high one"},
      {"Sent\xc3\xa9", "a byte that is not printable ASCII"},  // raw UTF-8
      {"Sent\r\n", "a byte that is not printable ASCII"},
      {std::string("IN\0BOX", 6), "a byte that is not printable ASCII"},
  };
  for (const Bad& b : bad) {
    Result<std::string> r = DecodeMailboxName(b.wire);
    ASSERT_FALSE(r.ok()) << b.wire << " decoded to " << r.value();
    EXPECT_EQ(r.status().kind(), Status::Kind::kInvalidInput);
    EXPECT_NE(r.status().message().find("not a modified UTF-7 mailbox name: " + b.why),
              std::string::npos)
        << b.wire << ": " << r.status().message();
  }
}

// A hostile server's name is read in one pass: megabytes in milliseconds.
TEST(MailboxName, LongNamesTakeLinearTime) {
  std::string run = "&", plain, runs;
  for (int i = 0; i < 400000; ++i) run += "AOkA6QDp";
  run += "-";
  for (int i = 0; i < 1000000; ++i) plain += "a&-";
  for (int i = 0; i < 300000; ++i) runs += "a&AOk-";
  const auto start = std::chrono::steady_clock::now();
  Result<std::string> a = DecodeMailboxName(run);
  Result<std::string> b = DecodeMailboxName(plain);
  Result<std::string> c = DecodeMailboxName(runs);
  Result<std::string> d = DecodeMailboxName(run.substr(0, run.size() - 1));  // unterminated
  Result<std::string> e = EncodeMailboxName(*a);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_TRUE(a.ok() && b.ok() && c.ok() && e.ok());
  EXPECT_FALSE(d.ok());
  EXPECT_EQ(a->size(), 1200000u * 2);
  EXPECT_EQ(*e, run);
}

}  // namespace
}  // namespace intaked
