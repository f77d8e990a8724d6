// SPDX-License-Identifier: GPL-3.0-or-later
// The transport's pure decisions, as tables: which hosts may carry plain text,
// which envelope addresses may reach the wire, and who is at fault when a
// server refuses something.
#include <gtest/gtest.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <thread>

#include "transport/envelope_address.h"
#include "transport/imap_session.h"
#include "transport/login_guard.h"
#include "transport/server_replies.h"
#include "transport/tls_policy.h"

namespace intaked {
namespace {

TEST(TlsPolicy, OnlyLiteralLoopbackAddressesAndLocalhostAreLoopback) {
  struct Case {
    const char* host;
    bool loopback;
  };
  const Case cases[] = {
      {"127.0.0.1", true},
      {"127.0.0.53", true},
      {"127.255.255.254", true},
      {"::1", true},
      {"0:0:0:0:0:0:0:1", true},
      {"localhost", true},
      {"LocalHost", true},
      {"localhost.", true},
      // Everything else is remote, whatever a resolver might say about it.
      {"128.0.0.1", false},
      {"10.0.0.1", false},
      {"0.0.0.0", false},
      {"127.1", false},       // inet_aton would read this as 127.0.0.1; we do not
      {"0177.0.0.1", false},  // octal spelling
      {"0x7f.0.0.1", false},  // hex spelling
      {"127.0.0.1.evil.test", false},
      {"127.0.0.1:993", false},  // a port is not part of the host
      {"localhost.evil.test", false},
      {"mail.localhost", false},  // only "localhost" itself is loopback by name
      {"evillocalhost", false},
      {"localhost..", false},
      {"::ffff:127.0.0.1", false},  // IPv4-mapped: not ::1
      {"::2", false},
      {"mail.pacts.test", false},
      {"", false},
  };
  for (const Case& c : cases) EXPECT_EQ(IsLoopbackHost(c.host), c.loopback) << c.host;
  EXPECT_FALSE(IsLoopbackHost(std::string_view("127.0.0.1\0.evil", 15)));
  EXPECT_FALSE(IsLoopbackHost(std::string_view("localhost\0x", 11)));
}

TEST(TlsPolicy, TheHostIsTakenFromTheUrlAsLibcurlReadsIt) {
  struct Case {
    const char* url;
    const char* host;
  };
  const Case cases[] = {
      {"imap://127.0.0.1:1143/INBOX", "127.0.0.1"},
      {"imaps://mail.example.test/", "mail.example.test"},
      {"smtp://[::1]:25", "::1"},
      {"smtp://user@localhost:587", "localhost"},
      {"imap://127.0.0.1@mail.evil.test/", "mail.evil.test"},
      {"imap://mail.evil.test#@127.0.0.1/", "mail.evil.test"},
      {"imap://mail.evil.test/?@127.0.0.1", "mail.evil.test"},
      {"imap://mail.evil.test/@127.0.0.1", "mail.evil.test"},
      {"no scheme", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(UrlHost(c.url), c.host) << c.url;
}

TEST(TlsPolicy, WhatEachUrlRequires) {
  EXPECT_EQ(RequiredTls("imaps://mail.example.test/"), TlsRequirement::kImplicit);
  EXPECT_EQ(RequiredTls("smtps://mail.example.test:465"), TlsRequirement::kImplicit);
  EXPECT_EQ(RequiredTls("imap://mail.example.test/"), TlsRequirement::kStartTls);
  EXPECT_EQ(RequiredTls("smtp://mail.example.test:587"), TlsRequirement::kStartTls);
  EXPECT_EQ(RequiredTls("imap://127.0.0.1:1143/"), TlsRequirement::kStartTlsIfOffered);
  EXPECT_EQ(RequiredTls("smtp://localhost:25"), TlsRequirement::kStartTlsIfOffered);
  EXPECT_EQ(RequiredTls("smtp://[::1]:25"), TlsRequirement::kStartTlsIfOffered);
  EXPECT_EQ(RequiredTls("imap://127.0.0.1@mail.evil.test/"), TlsRequirement::kStartTls);
}

TEST(EnvelopeAddress, OnlyPlainAddressesMayReachTheWire) {
  EXPECT_FALSE(EnvelopeAddressProblem("parent@family.test"));
  EXPECT_FALSE(EnvelopeAddressProblem("o'brien+case-7@family.test"));
  EXPECT_FALSE(EnvelopeAddressProblem("jörg@bücher.example"));  // SMTPUTF8 bytes are fine
  EXPECT_FALSE(EnvelopeAddressProblem(std::string(64, 'a') + "@" + std::string(189, 'b')));
  EXPECT_EQ(EnvelopeAddressProblem(""), "empty");
  EXPECT_EQ(EnvelopeAddressProblem(std::string(64, 'a') + "@" + std::string(190, 'b')),
            "longer than 254 bytes");
  for (std::string bad :
       {"a@b.test\r\nRCPT TO:<victim@target.test", "a@b.test\n", "a@b.test\r", "a b@c.test",
        "a@b.test\v", "a@b.test\f", "a@b.test\t", "a\x7F@b.test", "a@b.test>", "<a@b.test",
        "mallory@evil.test>\r\nRCPT\vTO:victim@target.test"})
    EXPECT_TRUE(EnvelopeAddressProblem(bad)) << bad;
  EXPECT_TRUE(EnvelopeAddressProblem(std::string("a@b.test\0x", 10)));
  for (int c = 0; c < 0x21; ++c)
    EXPECT_TRUE(EnvelopeAddressProblem("a" + std::string(1, char(c)) + "@b.test")) << c;
}

TEST(ServerReplies, AnImapNoOnLoginRefusesTheCredentialsUnlessItSaysItIsTemporary) {
  struct Case {
    const char* reply;
    bool refused;
  };
  const Case cases[] = {
      {"A002 NO [AUTHENTICATIONFAILED] Authentication failed.", true},
      {"A002 no [authenticationfailed] Authentication failed.", true},
      {"A002 NO [AUTHORIZATIONFAILED] Not allowed.", true},
      {"A002 NO [EXPIRED] Password expired.", true},
      {"A002 NO Login failed.", true},
      {"A002 NO", true},
      {"A002 NO [UNAVAILABLE] Temporary authentication failure.", false},
      {"A002 NO [INUSE] Mailbox in use.", false},
      {"A002 NO [SERVERBUG] Oops.", false},
      {"A002 NO [LIMIT] Too many connections.", false},
      {"A002 BAD Error in IMAP command.", false},
      {"A002 OK Logged in.", false},
      {"", false},
  };
  for (const Case& c : cases) EXPECT_EQ(ImapReplyRefusesCredentials(c.reply), c.refused) << c.reply;
}

TEST(ServerReplies, AnSmtpFailureIsChargedToTheLetterOnlyWhenItIsAboutTheLetter) {
  using Kind = SendOutcome::Kind;
  struct Case {
    const char* command;
    int reply;
    Kind kind;
  };
  const Case cases[] = {
      {"RCPT", 450, Kind::kTemporaryFailure},      {"RCPT", 452, Kind::kTemporaryFailure},
      {"RCPT", 550, Kind::kPermanentFailure},      {"RCPT", 553, Kind::kPermanentFailure},
      {"DATA", 451, Kind::kTemporaryFailure},      {"DATA", 554, Kind::kPermanentFailure},
      {"DATA", 552, Kind::kPermanentFailure},      {"MAIL", 552, Kind::kPermanentFailure},
      {"MAIL", 451, Kind::kServerUnavailable},     {"MAIL", 553, Kind::kServerUnavailable},
      {"AUTH", 535, Kind::kLoginRefused},          {"AUTH", 534, Kind::kLoginRefused},
      {"AUTH", 454, Kind::kServerUnavailable},     {"RCPT", 421, Kind::kServerUnavailable},
      {"DATA", 421, Kind::kServerUnavailable},     {"EHLO", 554, Kind::kServerUnavailable},
      {"STARTTLS", 454, Kind::kServerUnavailable}, {"", 0, Kind::kServerUnavailable},
      {"DATA", 354, Kind::kServerUnavailable},  // the connection broke mid-letter
      {"RCPT", 250, Kind::kServerUnavailable},     {"rcpt", 550, Kind::kPermanentFailure},
  };
  for (const Case& c : cases)
    EXPECT_EQ(GradeSmtpFailure(c.command, c.reply), c.kind) << c.command << " " << c.reply;
}

TEST(ServerReplies, AServersWordsAreMadeSafeForALogLine) {
  EXPECT_EQ(PrintableReply("NO [AUTHENTICATIONFAILED] x\r\n"), "NO [AUTHENTICATIONFAILED] x");
  EXPECT_EQ(PrintableReply("a\x1b]0;PWNED\x07 b"), "a?]0;PWNED? b");
  EXPECT_EQ(PrintableReply(std::string(500, 'x')).size(), 203u);
}

TEST(ImapQuote, QuotesAndRefusesWhatNoQuotedStringMayHold) {
  EXPECT_EQ(ImapQuote("Sent Items"), "\"Sent Items\"");
  EXPECT_EQ(ImapQuote("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_FALSE(ImapQuote("INBOX\r\nA1 DELETE INBOX"));
  EXPECT_FALSE(ImapQuote("IN\nBOX"));
  EXPECT_FALSE(ImapQuote("IN\rBOX"));
  EXPECT_FALSE(ImapQuote(std::string_view("IN\0BOX", 6)));
}

}  // namespace
}  // namespace intaked
