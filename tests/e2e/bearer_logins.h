// SPDX-License-Identifier: GPL-3.0-or-later
// Bearer-token logins to the test stack, for tests that prove the stack itself
// (oauth_stack_e2e_test.cc) rather than intaked: IMAP and SMTP through libcurl
// with CURLOPT_XOAUTH2_BEARER, as intaked does, and XOAUTH2 spoken by hand.
//
// Why by hand: libcurl 7.88 takes OAUTHBEARER whenever a server offers it and
// ignores the login option AUTH=XOAUTH2 (curl issue 10259), and this stack
// offers both, so only a hand-written client reaches Dovecot's XOAUTH2.
// Plain TCP to 127.0.0.1 only; every read is bounded in size and time.
#pragma once

#include <curl/curl.h>

#include <string>
#include <vector>

namespace intaked::e2e {

// A line-at-a-time TCP client for speaking IMAP or SMTP by hand.
class LineClient {
 public:
  explicit LineClient(int port);  // 127.0.0.1:port; throws when nobody answers
  ~LineClient();
  LineClient(const LineClient&) = delete;
  LineClient& operator=(const LineClient&) = delete;

  void Send(const std::string& line);  // CRLF appended
  // The next line without its CRLF; throws after 10 s or 64 KiB without one.
  std::string ReadLine();
  // Reads an SMTP reply (all its "250-" lines); returns the last line.
  std::string ReadSmtpReply();

 private:
  int fd_ = -1;
  std::string buffer_;
};

// The SASL XOAUTH2 initial response, base64: user=U^Aauth=Bearer T^A^A.
std::string XOAuth2Response(const std::string& user, const std::string& token);
std::string Base64(const std::string& bytes);

// IMAP AUTHENTICATE XOAUTH2 by hand; returns the tagged answer ("a OK ..." or "a NO ...").
std::string ImapXOAuth2(int port, const std::string& user, const std::string& token);
// IMAP LOGIN by hand; returns the tagged answer.
std::string ImapLogin(int port, const std::string& user, const std::string& password);

// An SMTP session by hand, after EHLO: AUTH, then optionally one message.
class SmtpByHand {
 public:
  explicit SmtpByHand(int port);  // reads the greeting, says EHLO
  // AUTH XOAUTH2 with `token`; returns the final reply ("235 ..." or "535 ...").
  std::string AuthXOAuth2(const std::string& user, const std::string& token);
  std::string AuthPlain(const std::string& user, const std::string& password);
  // MAIL, RCPT, DATA (dot-stuffed); returns the reply to the final dot.
  std::string Submit(const std::string& from, const std::string& to, const std::string& raw);
  const std::string& ehlo() const { return ehlo_; }  // every EHLO line, joined by \n

 private:
  LineClient c_;
  std::string ehlo_;
};

// What a libcurl login with a bearer token did: the result, and the server's
// side of the conversation (IMAP responses or SMTP replies), one line each.
struct CurlOutcome {
  CURLcode code = CURLE_OK;
  std::vector<std::string> lines;
  std::vector<std::string> sent;  // what curl sent (for the mechanism it chose)
};

// libcurl logs in over IMAP with CURLOPT_XOAUTH2_BEARER and EXAMINEs INBOX.
CurlOutcome CurlImapBearer(int port, const std::string& user, const std::string& token);
// libcurl sends `raw` over SMTP, authenticated with CURLOPT_XOAUTH2_BEARER.
CurlOutcome CurlSmtpBearer(int port, const std::string& user, const std::string& token,
                           const std::string& from, const std::string& to, const std::string& raw);

}  // namespace intaked::e2e
