// SPDX-License-Identifier: GPL-3.0-or-later
#include "bearer_logins.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <stdexcept>

namespace intaked::e2e {
namespace {

constexpr size_t kMaxLine = 64 * 1024;
constexpr auto kReadTimeout = std::chrono::seconds(10);

bool StartsWith(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

// Splits what the debug callback saw into lines.
void AddLines(std::vector<std::string>& out, const char* data, size_t n) {
  std::string text(data, n);
  size_t start = 0;
  for (size_t end; (end = text.find("\r\n", start)) != std::string::npos; start = end + 2)
    out.push_back(text.substr(start, end - start));
  if (start < text.size()) out.push_back(text.substr(start));
}

int Observe(CURL*, curl_infotype type, char* data, size_t n, void* p) {
  auto* outcome = static_cast<CurlOutcome*>(p);
  if (type == CURLINFO_HEADER_IN) AddLines(outcome->lines, data, n);
  if (type == CURLINFO_HEADER_OUT) AddLines(outcome->sent, data, n);
  return 0;
}

size_t Discard(char*, size_t size, size_t n, void*) { return size * n; }

struct Upload {
  std::string data;
  size_t at = 0;
};

size_t ReadUpload(char* buf, size_t size, size_t n, void* p) {
  auto* u = static_cast<Upload*>(p);
  const size_t len = std::min(size * n, u->data.size() - u->at);
  u->data.copy(buf, len, u->at);
  u->at += len;
  return len;
}

using Easy = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;

Easy BearerHandle(const std::string& url, const std::string& user, const std::string& token,
                  CurlOutcome& outcome) {
  Easy c(curl_easy_init(), curl_easy_cleanup);
  if (!c) throw std::runtime_error("curl_easy_init failed");
  curl_easy_setopt(c.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(c.get(), CURLOPT_USERNAME, user.c_str());
  curl_easy_setopt(c.get(), CURLOPT_XOAUTH2_BEARER, token.c_str());
  curl_easy_setopt(c.get(), CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(c.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c.get(), CURLOPT_VERBOSE, 1L);
  curl_easy_setopt(c.get(), CURLOPT_DEBUGFUNCTION, Observe);
  curl_easy_setopt(c.get(), CURLOPT_DEBUGDATA, &outcome);
  curl_easy_setopt(c.get(), CURLOPT_WRITEFUNCTION, Discard);
  return c;
}

}  // namespace

LineClient::LineClient(int port) {
  fd_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  if (fd_ < 0 || connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    if (fd_ >= 0) close(fd_);
    throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
  }
}

LineClient::~LineClient() { close(fd_); }

void LineClient::Send(const std::string& line) {
  const std::string out = line + "\r\n";
  for (size_t at = 0; at < out.size();) {
    const ssize_t n = send(fd_, out.data() + at, out.size() - at, MSG_NOSIGNAL);
    if (n <= 0) throw std::runtime_error("the server closed the connection");
    at += size_t(n);
  }
}

std::string LineClient::ReadLine() {
  const auto deadline = std::chrono::steady_clock::now() + kReadTimeout;
  for (;;) {
    const size_t eol = buffer_.find("\r\n");
    if (eol != std::string::npos) {
      std::string line = buffer_.substr(0, eol);
      buffer_.erase(0, eol + 2);
      return line;
    }
    if (buffer_.size() > kMaxLine) throw std::runtime_error("a line over 64 KiB");
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd p{fd_, POLLIN, 0};
    if (left.count() <= 0 || poll(&p, 1, int(left.count())) <= 0)
      throw std::runtime_error("no line from the server within 10 s; had: " + buffer_);
    char buf[4096];
    const ssize_t n = recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) throw std::runtime_error("the server closed the connection; had: " + buffer_);
    buffer_.append(buf, size_t(n));
  }
}

std::string LineClient::ReadSmtpReply() {
  for (;;) {
    std::string line = ReadLine();
    if (line.size() < 4 || line[3] != '-') return line;
  }
}

std::string Base64(const std::string& bytes) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[v & 63] : '=';
  }
  return out;
}

std::string XOAuth2Response(const std::string& user, const std::string& token) {
  return Base64("user=" + user + "\x01" + "auth=Bearer " + token + "\x01\x01");
}

std::string ImapXOAuth2(int port, const std::string& user, const std::string& token) {
  LineClient c(port);
  c.ReadLine();  // greeting
  c.Send("a AUTHENTICATE XOAUTH2 " + XOAuth2Response(user, token));
  for (;;) {
    const std::string line = c.ReadLine();
    // A refusal comes first as a challenge holding the error as JSON; the client ends it.
    if (StartsWith(line, "+")) c.Send("");
    if (StartsWith(line, "a ")) return line;
  }
}

std::string ImapLogin(int port, const std::string& user, const std::string& password) {
  LineClient c(port);
  c.ReadLine();
  c.Send("a LOGIN \"" + user + "\" \"" + password + "\"");
  for (;;) {
    const std::string line = c.ReadLine();
    if (StartsWith(line, "a ")) return line;
  }
}

SmtpByHand::SmtpByHand(int port) : c_(port) {
  c_.ReadSmtpReply();  // 220
  c_.Send("EHLO oauth-test.pacts.test");
  for (;;) {
    const std::string line = c_.ReadLine();
    ehlo_ += line + "\n";
    if (line.size() < 4 || line[3] != '-') break;
  }
}

std::string SmtpByHand::AuthXOAuth2(const std::string& user, const std::string& token) {
  c_.Send("AUTH XOAUTH2 " + XOAuth2Response(user, token));
  std::string reply = c_.ReadSmtpReply();
  if (StartsWith(reply, "334")) {  // the error as JSON; an empty line ends the exchange
    c_.Send("");
    reply = c_.ReadSmtpReply();
  }
  return reply;
}

std::string SmtpByHand::AuthPlain(const std::string& user, const std::string& password) {
  c_.Send("AUTH PLAIN " + Base64(std::string("\0", 1) + user + std::string("\0", 1) + password));
  return c_.ReadSmtpReply();
}

std::string SmtpByHand::Submit(const std::string& from, const std::string& to,
                               const std::string& raw) {
  for (const std::string& command : {"MAIL FROM:<" + from + ">", "RCPT TO:<" + to + ">"}) {
    c_.Send(command);
    const std::string reply = c_.ReadSmtpReply();
    if (!StartsWith(reply, "250")) return reply;
  }
  c_.Send("DATA");
  const std::string go = c_.ReadSmtpReply();
  if (!StartsWith(go, "354")) return go;
  size_t start = 0;
  std::string body = raw;
  if (body.size() >= 2 && body.compare(body.size() - 2, 2, "\r\n") == 0)
    body.resize(body.size() - 2);
  for (size_t end; start <= body.size(); start = end + 2) {
    end = body.find("\r\n", start);
    if (end == std::string::npos) end = body.size();
    const std::string line = body.substr(start, end - start);
    c_.Send(StartsWith(line, ".") ? "." + line : line);
  }
  c_.Send(".");
  return c_.ReadSmtpReply();
}

CurlOutcome CurlImapBearer(int port, const std::string& user, const std::string& token) {
  CurlOutcome outcome;
  Easy c = BearerHandle("imap://127.0.0.1:" + std::to_string(port) + "/", user, token, outcome);
  curl_easy_setopt(c.get(), CURLOPT_CUSTOMREQUEST, "EXAMINE INBOX");
  outcome.code = curl_easy_perform(c.get());
  return outcome;
}

CurlOutcome CurlSmtpBearer(int port, const std::string& user, const std::string& token,
                           const std::string& from, const std::string& to, const std::string& raw) {
  CurlOutcome outcome;
  Easy c = BearerHandle("smtp://127.0.0.1:" + std::to_string(port), user, token, outcome);
  Upload upload{raw, 0};
  curl_slist* rcpt = curl_slist_append(nullptr, ("<" + to + ">").c_str());
  const std::string mail_from = "<" + from + ">";
  curl_easy_setopt(c.get(), CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(c.get(), CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(c.get(), CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c.get(), CURLOPT_READFUNCTION, ReadUpload);
  curl_easy_setopt(c.get(), CURLOPT_READDATA, &upload);
  outcome.code = curl_easy_perform(c.get());
  curl_slist_free_all(rcpt);
  return outcome;
}

}  // namespace intaked::e2e
