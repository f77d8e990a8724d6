// SPDX-License-Identifier: GPL-3.0-or-later
// FakeLineServer: a tiny line-based TCP server on 127.0.0.1 for transport
// tests - a stand-in for an IMAP or SMTP server that says exactly what a test
// wants (no STARTTLS, a refused login, a 4xx for one recipient) and records
// every line the client sent, so a test can prove what never crossed the wire.
// One connection at a time, on its own thread; stopped and joined on destruction.
#pragma once

#include <netinet/in.h>
#include <poll.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace intaked {

class FakeLineServer {
 public:
  // Answers one line the client sent (without its CRLF); sets *close to hang up.
  using Handler = std::function<std::string(const std::string& line, bool* close)>;

  FakeLineServer(std::string greeting, Handler handler)
      : greeting_(std::move(greeting)), handler_(std::move(handler)) {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    if (bind(listener_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        listen(listener_, 8) != 0)
      throw std::runtime_error("FakeLineServer: cannot listen");
    socklen_t len = sizeof a;
    getsockname(listener_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~FakeLineServer() {
    stop_ = true;
    thread_.join();
    close(listener_);
  }
  FakeLineServer(const FakeLineServer&) = delete;
  FakeLineServer& operator=(const FakeLineServer&) = delete;

  int port() const { return port_; }
  int connections() const { return connections_; }
  std::vector<std::string> lines() const {
    std::lock_guard<std::mutex> lock(mu_);
    return lines_;
  }
  // Whether any line the client sent starts with `prefix` (case-insensitive).
  bool Received(const std::string& prefix) const {
    for (const std::string& l : lines()) {
      if (l.size() >= prefix.size() && strncasecmp(l.data(), prefix.data(), prefix.size()) == 0)
        return true;
    }
    return false;
  }
  // The second word of a line: the command of a tagged IMAP line.
  static std::string Word(const std::string& line, int n) {
    size_t start = 0;
    for (int i = 0; i < n; ++i) {
      start = line.find(' ', start);
      if (start == std::string::npos) return "";
      ++start;
    }
    return line.substr(start, line.find(' ', start) - start);
  }

 private:
  bool WaitReadable(int fd) {
    pollfd p{fd, POLLIN, 0};
    while (!stop_) {
      if (poll(&p, 1, 50) > 0) return true;
    }
    return false;
  }

  void Serve() {
    while (WaitReadable(listener_)) {
      const int fd = accept(listener_, nullptr, nullptr);
      if (fd < 0) continue;
      ++connections_;
      Talk(fd);
      close(fd);
    }
  }

  void Talk(int fd) {
    if (!Write(fd, greeting_)) return;
    std::string buffer;
    char chunk[4096];
    while (WaitReadable(fd)) {
      const ssize_t n = read(fd, chunk, sizeof chunk);
      if (n <= 0) return;
      buffer.append(chunk, size_t(n));
      for (size_t eol; (eol = buffer.find('\n')) != std::string::npos;) {
        std::string line = buffer.substr(0, eol);
        buffer.erase(0, eol + 1);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        {
          std::lock_guard<std::mutex> lock(mu_);
          lines_.push_back(line);
        }
        bool hang_up = false;
        const std::string reply = handler_(line, &hang_up);
        if (!Write(fd, reply) || hang_up) return;
      }
    }
  }

  static bool Write(int fd, const std::string& bytes) {
    size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
      if (n <= 0) return false;
      done += size_t(n);
    }
    return true;
  }

  std::string greeting_;
  Handler handler_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  mutable std::mutex mu_;
  std::vector<std::string> lines_;
  std::thread thread_;
};

// A scripted IMAP server: enough of the protocol for libcurl to connect and
// log in, and for ImapSession to EXAMINE and LOGOUT. It never speaks TLS; it
// only offers STARTTLS or not.
struct FakeImapScript {
  bool starttls = false;
  std::string login_reply = "OK Logged in";  // the answer to LOGIN, after the tag
  std::string examine_extra = "";            // untagged lines sent before EXAMINE's OK
};

inline FakeLineServer::Handler FakeImap(FakeImapScript script) {
  return [script](const std::string& line, bool* close) -> std::string {
    const std::string tag = FakeLineServer::Word(line, 0);
    std::string verb = FakeLineServer::Word(line, 1);
    for (char& c : verb) c = char(std::toupper(static_cast<unsigned char>(c)));
    if (verb == "CAPABILITY")
      return std::string("* CAPABILITY IMAP4rev1") + (script.starttls ? " STARTTLS" : "") + "\r\n" +
             tag + " OK done\r\n";
    if (verb == "LOGIN" || verb == "AUTHENTICATE") return tag + " " + script.login_reply + "\r\n";
    if (verb == "EXAMINE" || verb == "SELECT")
      return "* 0 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n" + script.examine_extra + tag +
             " OK [READ-ONLY] done\r\n";
    if (verb == "LOGOUT") {
      *close = true;
      return "* BYE bye\r\n" + tag + " OK done\r\n";
    }
    return tag + " BAD not in this script\r\n";
  };
}

// A scripted SMTP server (ESMTP with AUTH PLAIN), answering each command as
// the script says. It never speaks TLS; it only offers STARTTLS or not.
struct FakeSmtpScript {
  bool starttls = false;
  std::string auth_reply = "235 2.7.0 Authentication successful";
  std::string mail_reply = "250 2.1.0 Ok";
  std::string rcpt_reply = "250 2.1.5 Ok";
  std::string data_end_reply = "250 2.0.0 Ok: queued";
};

inline FakeLineServer::Handler FakeSmtp(FakeSmtpScript script) {
  struct State {
    bool in_data = false;
    bool auth_pending = false;
  };
  auto state = std::make_shared<State>();
  return [script, state](const std::string& line, bool* close) -> std::string {
    if (state->in_data) {
      if (line != ".") return "";
      state->in_data = false;
      return script.data_end_reply + "\r\n";
    }
    if (state->auth_pending) {
      state->auth_pending = false;
      return script.auth_reply + "\r\n";
    }
    std::string verb = line.substr(0, line.find_first_of(" :"));
    for (char& c : verb) c = char(std::toupper(static_cast<unsigned char>(c)));
    if (verb == "EHLO")
      return std::string("250-fake.test\r\n") + (script.starttls ? "250-STARTTLS\r\n" : "") +
             "250 AUTH PLAIN\r\n";
    if (verb == "HELO") return "250 fake.test\r\n";
    if (verb == "AUTH") {
      if (!FakeLineServer::Word(line, 2).empty()) return script.auth_reply + "\r\n";
      state->auth_pending = true;
      return "334 \r\n";
    }
    if (verb == "MAIL") return script.mail_reply + "\r\n";
    if (verb == "RCPT") return script.rcpt_reply + "\r\n";
    if (verb == "DATA") {
      state->in_data = true;
      return "354 End data with <CR><LF>.<CR><LF>\r\n";
    }
    if (verb == "QUIT") {
      *close = true;
      return "221 2.0.0 Bye\r\n";
    }
    return "250 Ok\r\n";
  };
}

}  // namespace intaked
