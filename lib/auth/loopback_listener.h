// SPDX-License-Identifier: GPL-3.0-or-later
// LoopbackListener: the one-off HTTP listener on 127.0.0.1 that receives the
// browser's redirect at the end of the authorization-code grant (RFC 8252 §7.3).
//
// It binds an ephemeral port on 127.0.0.1 only, so nothing off the machine can
// reach it - but any local process, and any web page the person has open, can.
// So everything it reads is hostile and bounded: at most kMaxConnections at
// once (more wait in the kernel's backlog), each closed after kConnectionTimeout
// or as soon as its request line and headers pass kMaxRequest bytes; one
// connection that sends nothing cannot hold up the others, or a paste into the
// terminal, because one poll(2) watches them all. Only "GET /..." is handed to
// the caller; other paths (a browser's /favicon.ico) get a 404, other methods
// a 405. The caller answers each request it is handed, once.
//
// Single-threaded; owned by the sign-in that opened it, closed on destruction.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace intaked {

class LoopbackListener {
 public:
  static constexpr size_t kMaxRequest = 8 * 1024;  // request line plus headers
  static constexpr size_t kMaxConnections = 8;
  static constexpr std::chrono::seconds kConnectionTimeout{10};

  struct Request {
    int connection = -1;  // for Answer()
    std::string target;   // "/?code=...&state=..."
  };
  struct Event {
    std::optional<Request> request;  // a complete GET of "/" or "/?..."
    bool other_readable = false;     // the extra descriptor given to Wait() is readable
    bool failed = false;             // poll(2) itself failed: waiting cannot go on
  };

  // Listens on 127.0.0.1 on a port the kernel picks.
  static Result<std::unique_ptr<LoopbackListener>> Open();
  ~LoopbackListener();
  LoopbackListener(const LoopbackListener&) = delete;
  LoopbackListener& operator=(const LoopbackListener&) = delete;

  int port() const { return port_; }

  // Serves connections until a request arrives, `other_fd` (if >= 0) becomes
  // readable (or hangs up), `timeout` passes (an empty Event), or poll(2)
  // fails (`failed`).
  Event Wait(int other_fd, std::chrono::milliseconds timeout);

  // Sends a small HTML page with `status` and closes the request's connection.
  void Answer(const Request& request, int status, const std::string& html);

 private:
  struct Connection {
    int fd = -1;
    std::string received;
    std::chrono::steady_clock::time_point deadline;
  };

  LoopbackListener(int fd, int port) : listen_fd_(fd), port_(port) {}
  void AcceptNew(std::chrono::steady_clock::time_point now);
  // Reads what one connection has sent; a request for the caller, if complete.
  std::optional<Request> ReadFrom(size_t index);
  std::optional<Request> Examine(size_t index);
  void Reply(int fd, int status, const std::string& html);
  void Drop(size_t index);
  void DropExpired(std::chrono::steady_clock::time_point now);

  int listen_fd_;
  int port_;
  std::vector<Connection> connections_;
};

}  // namespace intaked
