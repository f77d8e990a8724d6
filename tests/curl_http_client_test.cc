// SPDX-License-Identifier: GPL-3.0-or-later
// CurlHttpClient, the real HTTP client for OAuth, against a one-shot HTTP
// server on 127.0.0.1: the form is percent-encoded, JSON is asked for,
// redirects are not followed, a huge answer is abandoned, and plain http:// to
// anything but a loopback address is refused before any connection is made.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "auth/http_client.h"
#include "base/text.h"

namespace intaked {
namespace {

// Serves one HTTP request with a canned answer and keeps what it was sent;
// over TLS with `tls` (a context holding the server's certificate).
class OneShotHttpServer {
 public:
  explicit OneShotHttpServer(std::string answer, SSL_CTX* tls = nullptr)
      : answer_(std::move(answer)), tls_(tls) {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(bind(listener_, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    EXPECT_EQ(listen(listener_, 4), 0);
    socklen_t len = sizeof a;
    getsockname(listener_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~OneShotHttpServer() {
    stop_ = true;
    thread_.join();
    close(listener_);
  }
  std::string url(const std::string& path = "/token") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  int connections() const { return connections_; }
  int handshakes() const { return handshakes_; }
  // The request as received; complete once the client's call has returned.
  const std::string& request() const { return request_; }

 private:
  void Serve() {
    pollfd p{listener_, POLLIN, 0};
    while (!stop_ && poll(&p, 1, 20) == 0) {
    }
    if (stop_) return;
    const int fd = accept(listener_, nullptr, nullptr);
    ++connections_;
    SSL* ssl = nullptr;
    if (tls_ != nullptr) {
      ssl = SSL_new(tls_);
      SSL_set_fd(ssl, fd);
      if (SSL_accept(ssl) != 1) {  // the client refused the certificate
        SSL_free(ssl);
        close(fd);
        return;
      }
      handshakes_++;
    }
    auto recv_some = [&](char* buffer, size_t size) -> ssize_t {
      return ssl ? SSL_read(ssl, buffer, static_cast<int>(size)) : recv(fd, buffer, size, 0);
    };
    auto send_some = [&](const char* buffer, size_t size) -> ssize_t {
      return ssl ? SSL_write(ssl, buffer, static_cast<int>(size))
                 : send(fd, buffer, size, MSG_NOSIGNAL);
    };
    char chunk[4096];
    for (;;) {
      const size_t end = request_.find("\r\n\r\n");
      if (end != std::string::npos) {
        const size_t length_at = FindNoCase(request_, "content-length:");
        const size_t length =
            length_at == std::string::npos ? 0 : std::stoul(request_.substr(length_at + 15));
        if (request_.size() >= end + 4 + length) break;
      }
      const ssize_t n = recv_some(chunk, sizeof chunk);
      if (n <= 0) break;
      request_.append(chunk, static_cast<size_t>(n));
    }
    for (size_t sent = 0; sent < answer_.size();) {
      const ssize_t n = send_some(answer_.data() + sent, answer_.size() - sent);
      if (n <= 0) break;
      sent += static_cast<size_t>(n);
    }
    if (ssl) {
      SSL_shutdown(ssl);
      SSL_free(ssl);
    }
    close(fd);
  }

  std::string answer_;
  SSL_CTX* tls_;
  std::atomic<int> handshakes_{0};
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  std::string request_;
  std::thread thread_;
};

std::string Ok(const std::string& body) {
  return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

TEST(CurlHttpClient, PostsAPercentEncodedFormAndAsksForJson) {
  OneShotHttpServer server(Ok(R"({"access_token":"x"})"));
  CurlHttpClient http(TlsSettings{});
  Result<HttpResponse> r = http.PostForm(
      server.url(), {{"grant_type", "refresh_token"}, {"a b", "x&y=z/+\xc3\xa9"}, {"empty", ""}});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, R"({"access_token":"x"})");
  const std::string& request = server.request();
  EXPECT_EQ(request.rfind("POST /token HTTP/1.1\r\n", 0), 0u) << request;
  EXPECT_NE(FindNoCase(request, "\r\naccept: application/json\r\n"), std::string::npos) << request;
  EXPECT_NE(FindNoCase(request, "\r\ncontent-type: application/x-www-form-urlencoded\r\n"),
            std::string::npos)
      << request;
  EXPECT_EQ(request.substr(request.find("\r\n\r\n") + 4),
            "grant_type=refresh_token&a%20b=x%26y%3Dz%2F%2B%C3%A9&empty=");
}

TEST(CurlHttpClient, ReturnsErrorAnswersForTheCallerToRead) {
  OneShotHttpServer server(
      "HTTP/1.1 400 Bad Request\r\nContent-Length: 25\r\n\r\n{\"error\":\"invalid_grant\"}");
  CurlHttpClient http(TlsSettings{});
  Result<HttpResponse> r = http.PostForm(server.url(), {{"a", "b"}});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(r->body, "{\"error\":\"invalid_grant\"}");
}

TEST(CurlHttpClient, DoesNotFollowRedirects) {
  OneShotHttpServer elsewhere(Ok("{}"));
  OneShotHttpServer server("HTTP/1.1 302 Found\r\nLocation: " + elsewhere.url() +
                           "\r\nContent-Length: 0\r\n\r\n");
  CurlHttpClient http(TlsSettings{});
  Result<HttpResponse> r = http.PostForm(server.url(), {{"client_secret", "s"}});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->status, 302);
  EXPECT_EQ(elsewhere.connections(), 0) << "the secret went nowhere else";
}

TEST(CurlHttpClient, AbandonsAnAnswerOverTheLimit) {
  const std::string huge(HttpClient::kMaxBody + 1, 'x');
  for (const std::string& answer :
       {Ok(huge), "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + huge + huge}) {
    OneShotHttpServer server(answer);
    CurlHttpClient http(TlsSettings{});
    Result<HttpResponse> r = http.PostForm(server.url(), {{"a", "b"}});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().kind(), Status::Kind::kConnection);
    EXPECT_NE(r.status().message().find("over 256 KiB"), std::string::npos) << r.status().message();
  }
}

TEST(CurlHttpClient, PlainHttpOnlyToALoopbackAddress) {
  CurlHttpClient http(TlsSettings{});
  for (const std::string url :
       {"http://idp.example/token", "http://127.0.0.1.evil.test/token",
        "http://localhost.evil.test/token", "http://127.0.0.1@evil.test/token",
        "ftp://127.0.0.1/token", "file:///etc/passwd", "gopher://127.0.0.1/", "not a url"}) {
    Result<HttpResponse> r = http.PostForm(url, {{"client_secret", "s"}});
    ASSERT_FALSE(r.ok()) << url;
    EXPECT_EQ(r.status().kind(), Status::Kind::kInvalidInput)
        << url << ": " << r.status().message();
  }
}

TEST(CurlHttpClient, AnUnreachableProviderIsAConnectionFailureNamingTheHost) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  close(fd);  // a port nobody listens on
  CurlHttpClient http(TlsSettings{});
  Result<HttpResponse> r =
      http.PostForm("http://127.0.0.1:" + std::to_string(ntohs(a.sin_port)) + "/token", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().kind(), Status::Kind::kConnection);
  EXPECT_EQ(r.status().message().rfind("cannot reach the identity provider at 127.0.0.1: ", 0), 0u)
      << r.status().message();
}

// A self-signed certificate for 127.0.0.1, made by the openssl tool in a
// private directory, and a server context holding it.
class SelfSignedServer {
 public:
  SelfSignedServer() {
    char pattern[] = "/tmp/intaked-tls-XXXXXX";
    dir_ = mkdtemp(pattern);
    const std::string command =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 "
        "-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout " +
        dir_ + "/key.pem -out " + dir_ + "/cert.pem >/dev/null 2>&1";
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
    ctx_ = SSL_CTX_new(TLS_server_method());
    EXPECT_EQ(SSL_CTX_use_certificate_file(ctx_, cert().c_str(), SSL_FILETYPE_PEM), 1);
    EXPECT_EQ(SSL_CTX_use_PrivateKey_file(ctx_, (dir_ + "/key.pem").c_str(), SSL_FILETYPE_PEM), 1);
  }
  ~SelfSignedServer() {
    SSL_CTX_free(ctx_);
    std::system(("rm -rf " + dir_).c_str());
  }
  std::string cert() const { return dir_ + "/cert.pem"; }
  SSL_CTX* ctx() const { return ctx_; }

 private:
  std::string dir_;
  SSL_CTX* ctx_ = nullptr;
};

std::string Https(const OneShotHttpServer& server) {
  const std::string url = server.url();
  return "https" + url.substr(4);
}

TEST(CurlHttpClient, VerifiesCertificatesEvenWhenMailTlsVerifyIsOff) {
  SelfSignedServer cert;
  OneShotHttpServer server(Ok("{}"), cert.ctx());
  CurlHttpClient http(TlsSettings{/*verify=*/false, ""});
  Result<HttpResponse> r = http.PostForm(Https(server), {{"client_secret", "s"}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().kind(), Status::Kind::kConnection);
  EXPECT_NE(r.status().message().find("certificate"), std::string::npos) << r.status().message();
  EXPECT_EQ(server.handshakes(), 0);
}

TEST(CurlHttpClient, TrustsTheCaFile) {
  SelfSignedServer cert;
  OneShotHttpServer server(Ok(R"({"ok":1})"), cert.ctx());
  CurlHttpClient http(TlsSettings{true, cert.cert()});
  Result<HttpResponse> r = http.PostForm(Https(server), {{"a", "b"}});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->body, R"({"ok":1})");
  EXPECT_EQ(server.request().substr(server.request().find("\r\n\r\n") + 4), "a=b");
}

}  // namespace
}  // namespace intaked
