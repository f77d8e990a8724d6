// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/loopback_listener.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace intaked {
namespace {

using SteadyClock = std::chrono::steady_clock;

const char* Reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 431:
      return "Request Header Fields Too Large";
    default:
      return "Error";
  }
}

// Where the request line and headers end: "\r\n\r\n", or "\n\n" from a lax client.
size_t HeaderEnd(const std::string& s) {
  const size_t crlf = s.find("\r\n\r\n");
  if (crlf != std::string::npos) return crlf;
  return s.find("\n\n");
}

}  // namespace

Result<std::unique_ptr<LoopbackListener>> LoopbackListener::Open() {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return Status::Io(std::string("cannot open a socket: ") + std::strerror(errno));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || listen(fd, 16) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    const std::string why = std::strerror(errno);
    close(fd);
    return Status::Io("cannot listen on 127.0.0.1 for the browser's answer: " + why);
  }
  return std::unique_ptr<LoopbackListener>(new LoopbackListener(fd, ntohs(address.sin_port)));
}

LoopbackListener::~LoopbackListener() {
  for (const Connection& c : connections_) close(c.fd);
  close(listen_fd_);
}

LoopbackListener::Event LoopbackListener::Wait(int other_fd, std::chrono::milliseconds timeout) {
  const SteadyClock::time_point give_up = SteadyClock::now() + timeout;
  for (;;) {
    SteadyClock::time_point now = SteadyClock::now();
    DropExpired(now);
    if (now >= give_up) return {};
    SteadyClock::time_point wake = give_up;
    std::vector<pollfd> fds;
    for (const Connection& c : connections_) {
      fds.push_back({c.fd, POLLIN, 0});
      wake = std::min(wake, c.deadline);
    }
    const bool accepting = connections_.size() < kMaxConnections;
    if (accepting) fds.push_back({listen_fd_, POLLIN, 0});
    if (other_fd >= 0) fds.push_back({other_fd, POLLIN, 0});
    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(wake - now);
    const int ready =
        poll(fds.data(), fds.size(), static_cast<int>(std::max<long>(wait.count(), 0)));
    Event event;
    if (ready < 0 && errno != EINTR) {
      event.failed = true;
      return event;
    }
    if (ready <= 0) continue;
    // Connections from the back, so Drop() does not move one not yet looked at;
    // the terminal last, so a stream of typing cannot starve the browser.
    const size_t count = connections_.size();
    for (size_t i = count; i-- > 0;) {
      if (fds[i].revents == 0) continue;
      event.request = ReadFrom(i);
      if (event.request) return event;
    }
    if (accepting && fds[count].revents != 0) AcceptNew(SteadyClock::now());
    if (other_fd >= 0 && fds.back().revents != 0) {
      event.other_readable = true;
      return event;
    }
  }
}

void LoopbackListener::AcceptNew(SteadyClock::time_point now) {
  while (connections_.size() < kMaxConnections) {
    const int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) return;
    connections_.push_back({fd, "", now + kConnectionTimeout});
  }
}

std::optional<LoopbackListener::Request> LoopbackListener::ReadFrom(size_t index) {
  Connection& c = connections_[index];
  char chunk[4096];
  const size_t room = kMaxRequest + 1 - c.received.size();
  const ssize_t n = recv(c.fd, chunk, std::min(room, sizeof chunk), 0);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return std::nullopt;
  if (n <= 0) {
    Drop(index);  // closed before a whole request, or failed
    return std::nullopt;
  }
  c.received.append(chunk, static_cast<size_t>(n));
  return Examine(index);
}

std::optional<LoopbackListener::Request> LoopbackListener::Examine(size_t index) {
  Connection& c = connections_[index];
  const size_t end = HeaderEnd(c.received);
  if (end == std::string::npos) {
    if (c.received.size() > kMaxRequest) {
      Reply(c.fd, 431, "<p>That request is too large.</p>");
      Drop(index);
    }
    return std::nullopt;
  }
  // "GET /?code=... HTTP/1.1": method, one space, target, one space, version.
  const std::string line = c.received.substr(0, c.received.find('\n'));
  const size_t first = line.find(' ');
  const size_t second = first == std::string::npos ? first : line.find(' ', first + 1);
  const std::string method = line.substr(0, first);
  const std::string target =
      second == std::string::npos ? "" : line.substr(first + 1, second - first - 1);
  int refusal = 0;
  if (method != "GET")
    refusal = 405;
  else if (target.empty() || target[0] != '/')
    refusal = 400;
  else if (target.compare(0, target.find('?'), "/") != 0)
    refusal = 404;
  if (refusal != 0) {
    Reply(c.fd, refusal, "<p>Nothing here.</p>");
    Drop(index);
    return std::nullopt;
  }
  Request request{c.fd, target};
  c.fd = -1;  // now the caller's, until Answer()
  connections_.erase(connections_.begin() + static_cast<long>(index));
  return request;
}

void LoopbackListener::Answer(const Request& request, int status, const std::string& html) {
  if (request.connection < 0) return;
  Reply(request.connection, status, html);
  close(request.connection);
}

// Best effort, never blocking: the page is small enough for the socket's buffer.
void LoopbackListener::Reply(int fd, int status, const std::string& html) {
  const std::string page =
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>intaked"
      "</title></head><body>" +
      html + "</body></html>\n";
  const std::string response = "HTTP/1.1 " + std::to_string(status) + " " + Reason(status) +
                               "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
                               std::to_string(page.size()) +
                               "\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n" + page;
  (void)send(fd, response.data(), response.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  shutdown(fd, SHUT_WR);
}

void LoopbackListener::Drop(size_t index) {
  close(connections_[index].fd);
  connections_.erase(connections_.begin() + static_cast<long>(index));
}

void LoopbackListener::DropExpired(SteadyClock::time_point now) {
  for (size_t i = connections_.size(); i-- > 0;) {
    if (connections_[i].deadline <= now) Drop(i);
  }
}

}  // namespace intaked
