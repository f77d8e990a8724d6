// SPDX-License-Identifier: GPL-3.0-or-later
// The transports against scripted servers on this machine, through real
// libcurl and real sockets: what intaked sends and refuses to send, and how it
// grades what a server answers (docs/SECURITY.md, "The network and the servers").
//
// "mail.localhost" is how these tests reach a server as if it were remote:
// libcurl resolves every *.localhost name to 127.0.0.1 itself (RFC 6761), but
// intaked counts only "localhost" and loopback addresses as loopback, so to
// intaked it is a remote host that must offer STARTTLS. (Should libcurl ever
// stop doing so, these tests fail on the connection, never pass silently.)
#include <gtest/gtest.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include "fake_line_server.h"
#include "transport/imap_folder_opener.h"
#include "transport/imap_session.h"
#include "transport/login_guard.h"
#include "transport/smtp_sender.h"

namespace intaked {
namespace {

using Kind = SendOutcome::Kind;

std::string Url(const std::string& scheme, const std::string& host, const FakeLineServer& s) {
  return scheme + "://" + host + ":" + std::to_string(s.port()) + "/";
}

// The SMTP account at `url`, as SmtpAccount(config) would give it.
MailAccount SmtpTo(const std::string& url, const std::string& user, const std::string& password) {
  return {"smtp", "the outgoing mail (SMTP) account", url, user, AuthMethod::kPassword, password,
          ""};
}

ImapEndpoint Endpoint(const std::string& server) {
  return {server, "chair.a@pacts.test", "s3cret-password", "", {}, std::chrono::seconds(5)};
}

// --- No secret in clear -----------------------------------------------------

TEST(ImapTls, ARemoteServerWithoutStartTlsNeverSeesTheLogin) {
  FakeLineServer server("* OK fake IMAP ready\r\n", FakeImap({}));
  auto session = ImapSession::Connect(Endpoint(Url("imap", "mail.localhost", server)));
  ASSERT_FALSE(session.ok());
  EXPECT_EQ(session.status().kind(), Status::Kind::kConnection) << "not a refused password";
  EXPECT_NE(session.status().message().find("does not offer STARTTLS, so intaked did not log in"),
            std::string::npos)
      << session.status().message();
  EXPECT_EQ(server.connections(), 1);
  EXPECT_TRUE(server.Received("A001 CAPABILITY")) << "it really talked to the fake server";
  for (const std::string& line : server.lines()) {
    EXPECT_EQ(line.find("s3cret-password"), std::string::npos) << line;
    EXPECT_NE(FakeLineServer::Word(line, 1), "LOGIN") << line;
    EXPECT_NE(FakeLineServer::Word(line, 1), "AUTHENTICATE") << line;
  }
}

TEST(ImapTls, OnALoopbackAddressPlainTextIsAllowed) {
  FakeLineServer server("* OK fake IMAP ready\r\n", FakeImap({}));
  auto session = ImapSession::Connect(Endpoint(Url("imap", "127.0.0.1", server)));
  ASSERT_TRUE(session.ok()) << session.status().message();
  EXPECT_FALSE((*session)->tls());
  EXPECT_TRUE(server.Received("A002 LOGIN"));
  EXPECT_TRUE((*session)->Examine("INBOX").ok());
}

TEST(SmtpTls, ARemoteServerWithoutStartTlsGetsNeitherPasswordNorLetter) {
  FakeLineServer server("220 fake ESMTP\r\n", FakeSmtp({}));
  const std::string url = "smtp://mail.localhost:" + std::to_string(server.port());
  for (const std::string user : {"info@pacts.test", ""}) {  // with credentials and without
    SmtpSender smtp(SmtpTo(url, user, "s3cret-password"));
    const SendOutcome out = smtp.Send("info@pacts.test", {"parent@family.test"},
                                      "Subject: x\r\n\r\nA complainant's words.\r\n");
    EXPECT_EQ(out.kind, Kind::kServerUnavailable) << out.detail;
    EXPECT_NE(out.detail.find("does not offer STARTTLS, so intaked sent nothing"),
              std::string::npos)
        << out.detail;
  }
  bool probed_tls = true;
  EXPECT_EQ(SmtpSender(SmtpTo(url, "info@pacts.test", "pw")).Probe(&probed_tls).kind,
            Kind::kServerUnavailable);
  EXPECT_TRUE(server.Received("EHLO"));
  for (const char* never : {"AUTH", "MAIL", "RCPT", "DATA", "A complainant"})
    EXPECT_FALSE(server.Received(never)) << never << " crossed the wire in clear";
}

TEST(SmtpTls, OnALoopbackAddressPlainTextIsAllowed) {
  FakeLineServer server("220 fake ESMTP\r\n", FakeSmtp({}));
  SmtpSender smtp(
      SmtpTo("smtp://127.0.0.1:" + std::to_string(server.port()), "info@pacts.test", "pw"));
  bool tls = true;
  EXPECT_EQ(smtp.Probe(&tls).kind, Kind::kAccepted);
  EXPECT_FALSE(tls);
  const SendOutcome out =
      smtp.Send("info@pacts.test", {"parent@family.test"}, "Subject: x\r\n\r\nHello.\r\n");
  EXPECT_EQ(out.kind, Kind::kAccepted) << out.detail;
  EXPECT_TRUE(server.Received("RCPT TO:<parent@family.test>"));
}

// --- A refused login is told apart from a server that cannot take us now ----

TEST(ImapLogin, RefusedCredentialsArePermanentATemporaryRefusalIsNot) {
  struct Case {
    std::string reply;
    Status::Kind kind;
  };
  for (const Case& c :
       {Case{"NO [AUTHENTICATIONFAILED] Authentication failed.", Status::Kind::kPermanent},
        Case{"NO Login failed.", Status::Kind::kPermanent},
        Case{"NO [UNAVAILABLE] Temporary authentication failure.", Status::Kind::kConnection},
        Case{"BAD Error in IMAP command", Status::Kind::kConnection}}) {
    FakeLineServer server("* OK fake IMAP ready\r\n", FakeImap({.login_reply = c.reply}));
    auto session = ImapSession::Connect(Endpoint(Url("imap", "127.0.0.1", server)));
    ASSERT_FALSE(session.ok()) << c.reply;
    EXPECT_EQ(session.status().kind(), c.kind) << c.reply << ": " << session.status().message();
    EXPECT_NE(session.status().message().find(c.reply.substr(c.reply.find(' ') + 1, 12)),
              std::string::npos)
        << "the server's words are in the message: " << session.status().message();
  }
}

TEST(ImapLogin, ARefusedAccountIsNotOfferedToItsServerAgainUntilForgotten) {
  FakeLineServer server(
      "* OK fake IMAP ready\r\n",
      FakeImap({.login_reply = "NO [AUTHENTICATIONFAILED] Authentication failed."}));
  auto sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(20);
  auto log = std::make_shared<spdlog::logger>("test", sink);
  LoginGuard guard(log);
  ImapFolderOpener opener({}, &guard);
  MailboxSettings box{"chair.a@pacts.test",
                      "co-chair Alex Able's mailbox",
                      Url("imap", "127.0.0.1", server) + "INBOX",
                      "chair.a@pacts.test",
                      AuthMethod::kPassword,
                      "pw",
                      "",
                      ""};
  for (int cycle = 0; cycle < 3; ++cycle) {
    auto folder = opener.Open(box, cycle == 2 ? "Sent" : "");
    ASSERT_FALSE(folder.ok());
    EXPECT_EQ(folder.status().kind(), Status::Kind::kPermanent);
  }
  EXPECT_EQ(server.connections(), 1) << "one refusal, then the account is left alone";
  ASSERT_EQ(sink->last_formatted().size(), 1u) << "logged once";
  const std::string line = sink->last_formatted().at(0);
  EXPECT_NE(line.find("co-chair Alex Able's mailbox: login refused for chair.a@pacts.test"),
            std::string::npos)
      << line;
  EXPECT_NE(line.find("systemctl reload intaked"), std::string::npos) << line;
  guard.Forget();  // the config was reloaded
  EXPECT_FALSE(opener.Open(box, "").ok());
  EXPECT_EQ(server.connections(), 2);
}

TEST(SmtpLogin, RefusedCredentialsAreFinalAndNoLetterIsBlamed) {
  FakeLineServer server("220 fake ESMTP\r\n",
                        FakeSmtp({.auth_reply = "535 5.7.8 Authentication credentials invalid"}));
  auto log = std::make_shared<spdlog::logger>(
      "test", std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(20));
  LoginGuard guard(log);
  SmtpSender smtp(
      SmtpTo("smtp://127.0.0.1:" + std::to_string(server.port()), "info@pacts.test", "pw"), {},
      &guard);
  for (int i = 0; i < 3; ++i) {
    const SendOutcome out =
        smtp.Send("info@pacts.test", {"parent@family.test"}, "Subject: x\r\n\r\nHello.\r\n");
    EXPECT_EQ(out.kind, Kind::kLoginRefused) << out.detail;
    EXPECT_NE(out.detail.find("login refused for info@pacts.test: 535 5.7.8"), std::string::npos)
        << out.detail;
  }
  EXPECT_EQ(server.connections(), 1);
  EXPECT_FALSE(server.Received("MAIL"));
}

// --- Each SMTP failure is charged to what is at fault --------------------------

TEST(SmtpGrading, TheServersAnswerDecidesWhoIsAtFault) {
  struct Case {
    FakeSmtpScript script;
    Kind expected;
  };
  const Case cases[] = {
      {{.rcpt_reply = "450 4.2.0 Mailbox busy"}, Kind::kTemporaryFailure},
      {{.rcpt_reply = "550 5.1.1 No such user"}, Kind::kPermanentFailure},
      {{.data_end_reply = "451 4.3.0 Try again"}, Kind::kTemporaryFailure},
      {{.data_end_reply = "554 5.7.1 Rejected as spam"}, Kind::kPermanentFailure},
      {{.rcpt_reply = "421 4.3.2 Shutting down"}, Kind::kServerUnavailable},
      {{.mail_reply = "451 4.3.0 Local error"}, Kind::kServerUnavailable},
      {{.mail_reply = "553 5.7.1 Sender not owned by user"}, Kind::kServerUnavailable},
      {{.auth_reply = "454 4.7.0 Temporary authentication failure"}, Kind::kServerUnavailable},
      {{}, Kind::kAccepted},
  };
  for (const Case& c : cases) {
    FakeLineServer server("220 fake ESMTP\r\n", FakeSmtp(c.script));
    SmtpSender smtp(
        SmtpTo("smtp://127.0.0.1:" + std::to_string(server.port()), "info@pacts.test", "pw"));
    const SendOutcome out =
        smtp.Send("info@pacts.test", {"parent@family.test"}, "Subject: x\r\n\r\nHello.\r\n");
    EXPECT_EQ(out.kind, c.expected) << out.detail;
  }
}

TEST(SmtpGrading, NoServerAtAllIsTheServersFault) {
  int port = 0;
  {
    FakeLineServer gone("220 x\r\n", FakeSmtp({}));
    port = gone.port();
  }  // closed: nothing listens there now
  SmtpSender smtp(SmtpTo("smtp://127.0.0.1:" + std::to_string(port), "", ""));
  EXPECT_EQ(smtp.Send("info@pacts.test", {"parent@family.test"}, "x").kind,
            Kind::kServerUnavailable);
}

// --- The SMTP layer refuses unsafe addresses itself ----------------------------

TEST(SmtpAddresses, AnUnsafeAddressIsRefusedBeforeAnyByteIsSent) {
  FakeLineServer server("220 fake ESMTP\r\n", FakeSmtp({}));
  SmtpSender smtp(SmtpTo("smtp://127.0.0.1:" + std::to_string(server.port()), "", ""));
  const std::string injected = "mallory@evil.test>\r\nRCPT TO:<victim@target.test";
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"info@pacts.test", injected},
           {"info@pacts.test", "a@b.test\rRCPT\vTO:victim@target.test"},
           {"info@pacts.test", ""},
           {"info@pacts.test\n", "parent@family.test"}}) {
    const SendOutcome out = smtp.Send(from, {to}, "Subject: x\r\n\r\nHello.\r\n");
    EXPECT_EQ(out.kind, Kind::kPermanentFailure) << out.detail;
    EXPECT_EQ(out.detail.find("victim"), std::string::npos) << "the reason never repeats it";
  }
  EXPECT_EQ(server.connections(), 0) << "refused before libcurl saw it";
}

// --- A hostile IMAP server cannot make the reader grow without bound ----------

TEST(ImapLimits, AnAbsurdLiteralDropsTheConnectionNotTheProcess) {
  FakeImapScript script;
  script.examine_extra = "* 1 FETCH (BODY[] {999999999999}\r\n";
  FakeLineServer server("* OK fake IMAP ready\r\n", FakeImap(script));
  auto session = ImapSession::Connect(Endpoint(Url("imap", "127.0.0.1", server)));
  ASSERT_TRUE(session.ok()) << session.status().message();
  auto info = (*session)->Examine("INBOX");
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.status().kind(), Status::Kind::kConnection);
  EXPECT_NE(info.status().message().find("literal of 999999999999 bytes"), std::string::npos)
      << info.status().message();
  EXPECT_FALSE((*session)->Examine("INBOX").ok()) << "the connection stays failed";
}

TEST(ImapLimits, AnEndlessAnswerToOneCommandDropsTheConnection) {
  FakeImapScript script;
  for (int i = 0; i < 500000; ++i) script.examine_extra += "* 1 EXISTS\r\n";  // ~38 MiB held
  FakeLineServer server("* OK fake IMAP ready\r\n", FakeImap(script));
  ImapEndpoint ep = Endpoint(Url("imap", "127.0.0.1", server));
  ep.max_literal = 1024;
  auto session = ImapSession::Connect(ep);
  ASSERT_TRUE(session.ok()) << session.status().message();
  auto info = (*session)->Examine("INBOX");
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.status().kind(), Status::Kind::kConnection);
  EXPECT_NE(info.status().message().find("in answer to one command"), std::string::npos)
      << info.status().message();
}

TEST(ImapLimits, AFolderNameWithALineBreakIsNeverSent) {
  FakeLineServer server("* OK fake IMAP ready\r\n", FakeImap({}));
  auto session = ImapSession::Connect(Endpoint(Url("imap", "127.0.0.1", server)));
  ASSERT_TRUE(session.ok()) << session.status().message();
  for (const std::string& name : {std::string("INBOX\r\nI9 DELETE INBOX"), std::string("IN\nBOX"),
                                  std::string("IN\0BOX", 6)}) {
    auto info = (*session)->Examine(name);
    ASSERT_FALSE(info.ok());
    EXPECT_EQ(info.status().kind(), Status::Kind::kInvalidInput);
    EXPECT_FALSE((*session)->Append(name, "Subject: x\r\n\r\nx\r\n", "").ok());
  }
  EXPECT_FALSE(server.Received("I9 DELETE"));
  EXPECT_FALSE(server.Received("I1 EXAMINE"));
}

}  // namespace
}  // namespace intaked
