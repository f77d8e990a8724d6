// SPDX-License-Identifier: GPL-3.0-or-later
// oauth_test_server: a small OAuth 2.0 authorization server for end-to-end
// tests (device grant, authorization code + PKCE, rotating refresh tokens,
// RFC 7662 introspection for Dovecot), with a control API for the tests.
// State is in memory; each request is logged (never a code or token) to
// STATE_DIR/oauth_server.log, and STATE_DIR/pid is written once it listens.
//
//   oauth_test_server --port PORT --state-dir DIR [--interval SECONDS]
//
// One thread, Boost.Beast over Asio. Requests are bounded (8 KiB of header,
// 64 KiB of body, 30 s to arrive); anything that does not parse is answered
// 400 and the connection closed. The endpoints are listed in oauth_routes.h.

// Boost 1.74's Asio does not compile under g++ 12 in C++20 unless <utility> comes
// before it: included first, where include sorting cannot move it.
// clang-format off
#include <utility>
// clang-format on

#include <unistd.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "oauth_routes.h"
#include "oauth_state.h"

namespace oauth_test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr size_t kHeaderLimit = 8 * 1024;
constexpr size_t kBodyLimit = 64 * 1024;
constexpr auto kReadTimeout = std::chrono::seconds(30);

class Log {
 public:
  explicit Log(const std::string& path) : out_(path, std::ios::app) {}
  void Line(const std::string& text) {
    const std::time_t now = std::time(nullptr);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    out_ << stamp << ' ' << text << '\n' << std::flush;
  }

 private:
  std::ofstream out_;
};

// Printable ASCII only, so that a hostile request line cannot forge log lines.
std::string Printable(std::string_view s, size_t max = 200) {
  std::string out;
  for (char c : s.substr(0, max)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  return out;
}

http::response<http::string_body> ToResponse(const Reply& reply, unsigned version, bool keep) {
  http::response<http::string_body> res{static_cast<http::status>(reply.status), version};
  res.set(http::field::server, "oauth_test_server");
  res.set(http::field::cache_control, "no-store");
  res.set(http::field::pragma, "no-cache");
  if (!reply.location.empty()) {
    res.set(http::field::location, reply.location);
  } else if (!reply.text.empty()) {
    res.set(http::field::content_type, "text/plain; charset=utf-8");
    res.body() = reply.text;
  } else {
    res.set(http::field::content_type, "application/json");
    // Invalid UTF-8 a client sent (a login_hint, say) is replaced, not thrown over.
    res.body() = reply.json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  res.keep_alive(keep);
  res.prepare_payload();
  return res;
}

// One connection: read a request, answer it, and again while the client keeps it alive.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, AuthorizationState& state, Log& log)
      : stream_(std::move(socket)), state_(state), log_(log) {}

  void Read() {
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    parser_->body_limit(kBodyLimit);
    stream_.expires_after(kReadTimeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

 private:
  void OnRead(beast::error_code ec, size_t) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::connection_reset || ec == asio::error::eof) {
      return Close();
    }
    if (ec) {  // the bytes were not HTTP, or too many of them
      log_.Line("400 unparseable request: " + ec.message());
      return Write(ToResponse(OAuthError("invalid_request", "malformed HTTP request"), 11, false));
    }
    const auto& req = parser_->get();
    HttpRequest request{std::string(req.method_string()), std::string(req.target()),
                        std::string(req[http::field::content_type]), req.body()};
    Reply reply;
    try {
      reply = Route(state_, request);
    } catch (const std::exception& e) {  // a bug here must not end every test's server
      reply = OAuthError("server_error", e.what(), 500);
    }
    log_.Line(std::to_string(reply.status) + ' ' + Printable(request.method) + ' ' +
              Printable(SplitTarget(request.target).path) + ": " + Printable(reply.note));
    Write(ToResponse(reply, req.version(), req.keep_alive()));
  }

  void Write(http::response<http::string_body> res) {
    response_ = std::make_shared<http::response<http::string_body>>(std::move(res));
    stream_.expires_after(kReadTimeout);
    http::async_write(
        stream_, *response_,
        beast::bind_front_handler(&Session::OnWrite, shared_from_this(), response_->keep_alive()));
  }

  void OnWrite(bool keep_alive, beast::error_code ec, size_t) {
    if (ec || !keep_alive) return Close();
    Read();
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_{kHeaderLimit + kBodyLimit};
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<http::response<http::string_body>> response_;
  AuthorizationState& state_;
  Log& log_;
};

class Listener {
 public:
  Listener(asio::io_context& io, tcp::endpoint at, AuthorizationState& state, Log& log)
      : acceptor_(io, at), state_(state), log_(log) {}
  void Accept() {
    acceptor_.async_accept([this](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted) return;  // shutting down
      if (!ec) std::make_shared<Session>(std::move(socket), state_, log_)->Read();
      Accept();
    });
  }

 private:
  tcp::acceptor acceptor_;
  AuthorizationState& state_;
  Log& log_;
};

struct Options {
  int port = 0;
  std::string state_dir;
  long interval = 1;
};

bool ParseOptions(int argc, char** argv, Options& o) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--port") {
      o.port = std::atoi(value.c_str());
    } else if (flag == "--state-dir") {
      o.state_dir = value;
    } else if (flag == "--interval") {
      o.interval = std::atol(value.c_str());
    } else {
      return false;
    }
  }
  return argc % 2 == 1 && o.port > 0 && o.port < 65536 && !o.state_dir.empty() && o.interval >= 0;
}

int Serve(const Options& o) {
  Log log(o.state_dir + "/oauth_server.log");
  Settings settings;
  settings.poll_interval = Seconds(o.interval);
  AuthorizationState state("http://127.0.0.1:" + std::to_string(o.port), settings,
                           [] { return std::chrono::system_clock::now(); });
  asio::io_context io;
  Listener listener(io, {asio::ip::make_address("127.0.0.1"), static_cast<uint16_t>(o.port)}, state,
                    log);
  listener.Accept();
  asio::signal_set signals(io, SIGTERM, SIGINT);
  signals.async_wait([&](beast::error_code, int) { io.stop(); });
  std::ofstream(o.state_dir + "/pid") << getpid() << '\n';
  log.Line("listening on 127.0.0.1:" + std::to_string(o.port));
  io.run();
  log.Line("stopped");
  return 0;
}

}  // namespace
}  // namespace oauth_test

int main(int argc, char** argv) {
  oauth_test::Options options;
  if (!oauth_test::ParseOptions(argc, argv, options)) {
    std::cerr << "usage: oauth_test_server --port PORT --state-dir DIR [--interval SECONDS]\n";
    return 2;
  }
  try {
    return oauth_test::Serve(options);
  } catch (const std::exception& e) {
    std::cerr << "oauth_test_server: " << e.what() << '\n';
    return 1;
  }
}
