// SPDX-License-Identifier: GPL-3.0-or-later
#include "transport/smtp_sender.h"

#include <curl/curl.h>
#include <strings.h>

#include <array>
#include <cctype>
#include <cstring>

#include "transport/envelope_address.h"
#include "transport/server_replies.h"
#include "transport/tls_policy.h"

namespace intaked {
namespace {

struct Upload {
  const std::string* data;
  size_t pos = 0;
};

size_t ReadChunk(char* buf, size_t size, size_t n, void* user) {
  auto* u = static_cast<Upload*>(user);
  const size_t len = std::min(size * n, u->data->size() - u->pos);
  std::memcpy(buf, u->data->data() + u->pos, len);
  u->pos += len;
  return len;
}

// The SMTP conversation as far as grading needs it: the verb of the last
// command sent and the server's last reply. Never the command's arguments -
// AUTH carries the password, and SASL continuation lines keep the verb AUTH.
struct Conversation {
  std::string command;
  int reply = 0;
  std::string reply_text;
  bool quitting = false;  // libcurl's QUIT on the way out says nothing about the letter
  bool tls = false;       // STARTTLS was sent, or TLS records were seen
};

std::string VerbOf(std::string_view line) {
  static constexpr std::array<std::string_view, 10> kVerbs = {
      "EHLO", "HELO", "STARTTLS", "AUTH", "MAIL", "RCPT", "DATA", "QUIT", "RSET", "NOOP"};
  const std::string_view word = line.substr(0, line.find_first_of(" :\r\n"));
  for (std::string_view v : kVerbs) {
    if (word.size() == v.size() && strncasecmp(word.data(), v.data(), v.size()) == 0)
      return std::string(v);
  }
  return "";
}

int Observe(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  auto* c = static_cast<Conversation*>(user);
  const std::string_view line(data, size);
  if (type == CURLINFO_SSL_DATA_IN || type == CURLINFO_SSL_DATA_OUT) c->tls = true;
  if (c->quitting) return 0;
  if (type == CURLINFO_HEADER_OUT) {
    const std::string verb = VerbOf(line);
    if (verb == "STARTTLS") c->tls = true;
    if (verb == "QUIT")
      c->quitting = true;
    else if (!verb.empty())
      c->command = verb;  // else a SASL continuation: still AUTH
  } else if (type == CURLINFO_HEADER_IN && line.size() >= 3 && std::isdigit(uint8_t(line[0])) &&
             std::isdigit(uint8_t(line[1])) && std::isdigit(uint8_t(line[2]))) {
    c->reply = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
    c->reply_text = PrintableReply(line);
  }
  return 0;
}

CURL* NewHandle(const std::string& url, const Credential& s, const TlsSettings& tls, char* errbuf,
                Conversation* conversation) {
  CURL* c = curl_easy_init();
  if (!c) return nullptr;
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  // Only a loopback server may go without TLS; everyone else upgrades or is left.
  const bool plain_allowed = RequiredTls(url) == TlsRequirement::kStartTlsIfOffered;
  curl_easy_setopt(c, CURLOPT_USE_SSL, long(plain_allowed ? CURLUSESSL_TRY : CURLUSESSL_ALL));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 300L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  // The debug callback sees the conversation; nothing is printed.
  curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, Observe);
  curl_easy_setopt(c, CURLOPT_DEBUGDATA, conversation);
  curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);
  if (!s.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, s.username.c_str());
    if (s.bearer.empty())
      curl_easy_setopt(c, CURLOPT_PASSWORD, s.password.c_str());
    else
      curl_easy_setopt(c, CURLOPT_XOAUTH2_BEARER, s.bearer.c_str());
  }
  if (!tls.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, tls.ca_file.c_str());
  if (!tls.verify) {
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  return c;
}

SendOutcome Outcome(const Credential& s, CURLcode rc, const char* errbuf,
                    const Conversation& conv) {
  using Kind = SendOutcome::Kind;
  if (rc == CURLE_OK) return {Kind::kAccepted, "accepted (" + std::to_string(conv.reply) + ")"};
  if (rc == CURLE_USE_SSL_FAILED)
    return {Kind::kServerUnavailable,
            "the server does not offer STARTTLS, so intaked sent nothing (no password, no "
            "letter); use smtps:// or turn on STARTTLS at the server"};
  std::string why = errbuf[0] ? errbuf : curl_easy_strerror(rc);
  if (!conv.command.empty() && conv.reply >= 400)
    why += " (the server said \"" + conv.reply_text + "\" to " + conv.command + ")";
  Kind kind = GradeSmtpFailure(conv.command, conv.reply);
  if (rc == CURLE_LOGIN_DENIED && kind == Kind::kLoginRefused)
    why = "login refused for " + s.username + ": " + conv.reply_text;
  return {kind, why};
}

}  // namespace

SendOutcome SmtpSender::Transfer(const Credential& credential, const std::string& envelope_from,
                                 const std::vector<std::string>& recipients,
                                 const std::string& message) {
  char errbuf[CURL_ERROR_SIZE] = {0};
  Conversation conv;
  CURL* c = NewHandle(account_.server, credential, tls_, errbuf, &conv);
  if (!c) return {SendOutcome::Kind::kServerUnavailable, "cannot initialise libcurl"};
  const std::string from = "<" + envelope_from + ">";
  curl_slist* rcpt = nullptr;
  for (const std::string& r : recipients) rcpt = curl_slist_append(rcpt, ("<" + r + ">").c_str());
  Upload up{&message};
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, ReadChunk);
  curl_easy_setopt(c, CURLOPT_READDATA, &up);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, curl_off_t(message.size()));
  const CURLcode rc = curl_easy_perform(c);
  SendOutcome out = Outcome(credential, rc, errbuf, conv);
  curl_slist_free_all(rcpt);
  curl_easy_cleanup(c);
  return out;
}

SendOutcome SmtpSender::Send(const std::string& envelope_from,
                             const std::vector<std::string>& recipients,
                             const std::string& message) {
  // Defence in depth: the mail layer validates addresses too, but an address
  // that reaches this point with a CR, LF or '>' in it must never reach the wire.
  if (auto problem = EnvelopeAddressProblem(envelope_from))
    return {SendOutcome::Kind::kPermanentFailure, "not sent: the sender address is " + *problem};
  if (recipients.empty()) return {SendOutcome::Kind::kPermanentFailure, "not sent: no recipient"};
  for (const std::string& r : recipients) {
    if (auto problem = EnvelopeAddressProblem(r))
      return {SendOutcome::Kind::kPermanentFailure, "not sent: a recipient address is " + *problem};
  }
  return WithCredential(
      [&](const Credential& c) { return Transfer(c, envelope_from, recipients, message); });
}

SendOutcome SmtpSender::WithCredential(
    const std::function<SendOutcome(const Credential&)>& session) {
  if (!guard_) return session({account_.username, account_.password, ""});
  SendOutcome out{SendOutcome::Kind::kServerUnavailable, "not connected"};
  const Status s = guard_->Attempt(account_, [&](const Credential& c) {
    out = session(c);
    return out.kind == SendOutcome::Kind::kLoginRefused ? Status::Permanent(out.detail)
                                                        : Status::Ok();
  });
  if (s.kind() == Status::Kind::kPermanent) return {SendOutcome::Kind::kLoginRefused, s.message()};
  // Credentials that could not be had (a password command failed, the identity
  // provider unreachable): the server was never reached; try again later.
  if (!s.ok()) return {SendOutcome::Kind::kServerUnavailable, s.message()};
  return out;
}

SendOutcome SmtpSender::Probe(bool* tls) {
  return WithCredential([&](const Credential& c) { return ProbeWith(c, tls); });
}

SendOutcome SmtpSender::ProbeWith(const Credential& credential, bool* tls) {
  char errbuf[CURL_ERROR_SIZE] = {0};
  Conversation conv;
  CURL* c = NewHandle(account_.server, credential, tls_, errbuf, &conv);
  if (!c) return {SendOutcome::Kind::kServerUnavailable, "cannot initialise libcurl"};
  // CONNECT_ONLY makes libcurl connect, greet (EHLO), negotiate TLS and
  // authenticate, then stop: everything short of sending a message.
  curl_easy_setopt(c, CURLOPT_CONNECT_ONLY, 1L);
  const CURLcode rc = curl_easy_perform(c);
  SendOutcome out = Outcome(credential, rc, errbuf, conv);
  if (tls)
    *tls =
        rc == CURLE_OK && (conv.tls || RequiredTls(account_.server) == TlsRequirement::kImplicit);
  curl_easy_cleanup(c);
  return out;
}

}  // namespace intaked
