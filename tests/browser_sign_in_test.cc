// SPDX-License-Identifier: GPL-3.0-or-later
// `intaked login` with the authorization-code grant and PKCE, end to end in
// one process: SignIn runs on a thread with a pipe standing in for the
// terminal; the test reads the printed "Open:" URL, then plays the browser
// with real HTTP requests to the loopback listener (right state, wrong state,
// hostile requests), or the person pasting the final address into the pipe.
// The identity provider's token endpoint is scripted (FakeHttpClient).
#include <arpa/inet.h>
#include <date/date.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <mutex>
#include <ostream>
#include <thread>

#include "auth/authorization_request.h"
#include "auth/loopback_listener.h"
#include "auth/sign_in.h"
#include "fake_http_client.h"

namespace intaked {
namespace {

using namespace std::chrono_literals;

constexpr char kToken[] =
    R"({"token_type":"Bearer","access_token":"at","refresh_token":"rt","expires_in":3600})";

// An ostream the sign-in thread writes while the test thread reads.
class SharedText : public std::streambuf {
 public:
  std::string Text() {
    std::lock_guard<std::mutex> lock(mu_);
    return text_;
  }

 protected:
  int overflow(int c) override {
    if (c == EOF) return 0;
    std::lock_guard<std::mutex> lock(mu_);
    text_ += static_cast<char>(c);
    return c;
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    std::lock_guard<std::mutex> lock(mu_);
    text_.append(s, static_cast<size_t>(n));
    return n;
  }

 private:
  std::mutex mu_;
  std::string text_;
};

int Connect(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  timeval five{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &five, sizeof five);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &five, sizeof five);
  EXPECT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  return fd;
}

// Sends `request` (as much as the listener takes) and returns what came back until it closed.
std::string Exchange(int port, const std::string& request) {
  const int fd = Connect(port);
  for (size_t sent = 0; sent < request.size();) {
    const ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string answer;
  char chunk[4096];
  for (ssize_t n; (n = recv(fd, chunk, sizeof chunk, 0)) > 0;) answer.append(chunk, size_t(n));
  close(fd);
  return answer;
}

std::string Get(int port, const std::string& target) {
  return Exchange(port,
                  "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n\r\n");
}

struct BrowserHarness {
  FakeHttpClient http;
  FixedClock clock{date::sys_days(date::year(2026) / 11 / 26) + std::chrono::hours(9)};
  SharedText shown;
  std::ostream out{&shown};
  int paste[2] = {-1, -1};
  SignInTerminal terminal{out, -1, "chair.a@pacts.test", nullptr, std::chrono::seconds(20)};
  OAuthEndpoints endpoints;
  std::thread thread;
  std::optional<Result<TokenGrant>> result;
  // From the printed URL:
  std::string open_url, redirect_uri, state, challenge;
  int port = 0;

  BrowserHarness() {
    EXPECT_EQ(pipe(paste), 0);
    terminal.paste_fd = paste[0];
    endpoints.authorization_url = "https://accounts.example/o/oauth2/v2/auth";
    endpoints.token_url = "https://oauth2.example/token";
    endpoints.scopes = {"https://mail.google.com/"};
    endpoints.client_id = "123.apps.example";
  }
  ~BrowserHarness() {
    if (thread.joinable()) thread.join();
    close(paste[0]);
    if (paste[1] >= 0) close(paste[1]);
  }

  // Starts SignIn and waits for its "Open:" line.
  void Start() {
    thread = std::thread([this] { result = SignIn(http, endpoints, terminal, clock); });
    for (int i = 0; i < 500 && open_url.empty(); ++i) {
      const std::string text = shown.Text();
      const size_t at = text.find("\nOpen: ");
      const size_t end = at == std::string::npos ? at : text.find('\n', at + 1);
      if (end != std::string::npos)
        open_url = text.substr(at + 7, end - at - 7);
      else
        std::this_thread::sleep_for(10ms);
    }
    ASSERT_FALSE(open_url.empty()) << shown.Text();
    auto query = ParseQuery(open_url.substr(open_url.find('?') + 1));
    ASSERT_TRUE(query);
    for (const auto& [name, value] : *query) {
      if (name == "redirect_uri") redirect_uri = value;
      if (name == "state") state = value;
      if (name == "code_challenge") challenge = value;
    }
    ASSERT_EQ(redirect_uri.rfind("http://127.0.0.1:", 0), 0u) << redirect_uri;
    port = std::stoi(redirect_uri.substr(17));
  }
  void Paste(const std::string& text) {
    ASSERT_EQ(write(paste[1], text.data(), text.size()), static_cast<ssize_t>(text.size()));
  }
  Result<TokenGrant> Finish() {
    thread.join();
    return *result;
  }
  // Waits until the sign-in has said `words` (it runs on another thread).
  bool Said(const std::string& words) {
    for (int i = 0; i < 500; ++i) {
      if (shown.Text().find(words) != std::string::npos) return true;
      std::this_thread::sleep_for(10ms);
    }
    return false;
  }
};

TEST(BrowserSignIn, TheBrowsersRedirectSignsInWithPkce) {
  BrowserHarness h;
  h.http.Answer(200, kToken);
  h.Start();
  EXPECT_EQ(h.open_url.rfind("https://accounts.example/o/oauth2/v2/auth?response_type=code&", 0),
            0u);
  EXPECT_NE(h.open_url.find("&code_challenge_method=S256"), std::string::npos) << h.open_url;
  EXPECT_NE(h.open_url.find("&login_hint=chair.a%40pacts.test"), std::string::npos) << h.open_url;
  EXPECT_EQ(h.redirect_uri, "http://127.0.0.1:" + std::to_string(h.port) + "/");
  EXPECT_GE(h.state.size(), 22u) << "at least 128 random bits";

  const std::string page = Get(h.port, "/?code=4%2F0AbCd&scope=x&state=" + h.state);
  EXPECT_EQ(page.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << page;
  EXPECT_NE(page.find("You may close this window"), std::string::npos) << page;

  Result<TokenGrant> g = h.Finish();
  ASSERT_TRUE(g.ok()) << g.status().message();
  EXPECT_EQ(g->refresh_token, "rt");
  ASSERT_EQ(h.http.posts.size(), 1u);
  const RecordedPost& p = h.http.posts[0];
  EXPECT_EQ(p.url, "https://oauth2.example/token");
  EXPECT_EQ(p.Names(), (std::vector<std::string>{"grant_type", "code", "redirect_uri",
                                                 "code_verifier", "client_id"}));
  EXPECT_EQ(p.Field("grant_type"), "authorization_code");
  EXPECT_EQ(p.Field("code"), "4/0AbCd");
  EXPECT_EQ(p.Field("redirect_uri"), h.redirect_uri);
  EXPECT_TRUE(IsValidCodeVerifier(p.Field("code_verifier"))) << p.Field("code_verifier");
  EXPECT_EQ(S256CodeChallenge(p.Field("code_verifier")), h.challenge);
  EXPECT_EQ(h.shown.Text().find(p.Field("code_verifier")), std::string::npos);
}

TEST(BrowserSignIn, EachSignInDrawsItsOwnVerifierAndState) {
  std::string first_state, first_challenge;
  for (int run = 0; run < 2; ++run) {
    BrowserHarness h;
    h.http.Answer(200, kToken);
    h.Start();
    Get(h.port, "/?code=c&state=" + h.state);
    ASSERT_TRUE(h.Finish().ok());
    if (run == 0) {
      first_state = h.state;
      first_challenge = h.challenge;
    } else {
      EXPECT_NE(h.state, first_state);
      EXPECT_NE(h.challenge, first_challenge);
    }
  }
}

TEST(BrowserSignIn, AWrongStateIsRefusedAndTheWaitGoesOn) {
  BrowserHarness h;
  h.http.Answer(200, kToken);
  h.Start();
  const std::string forged = Get(h.port, "/?code=attacker&state=not-" + h.state);
  EXPECT_EQ(forged.rfind("HTTP/1.1 400 ", 0), 0u) << forged;
  EXPECT_NE(forged.find("different sign-in"), std::string::npos) << forged;
  const std::string cancel = Get(h.port, "/?error=access_denied&state=guess");
  EXPECT_EQ(cancel.rfind("HTTP/1.1 400 ", 0), 0u) << "a forged refusal cannot end it either";
  EXPECT_TRUE(h.Said("different sign-in (its state does not match); ignored, still waiting"))
      << h.shown.Text();

  EXPECT_EQ(Get(h.port, "/?code=real&state=" + h.state).rfind("HTTP/1.1 200 ", 0), 0u);
  Result<TokenGrant> g = h.Finish();
  ASSERT_TRUE(g.ok()) << g.status().message();
  ASSERT_EQ(h.http.posts.size(), 1u);
  EXPECT_EQ(h.http.posts[0].Field("code"), "real");
}

TEST(BrowserSignIn, APastedAddressSignsIn) {
  BrowserHarness h;
  h.endpoints.client_secret = "installed-app-secret";
  h.http.Answer(200, kToken);
  h.Start();
  h.Paste("\n   \nhello\n");
  EXPECT_TRUE(h.Said("That is not the address: ")) << h.shown.Text();
  h.Paste(h.redirect_uri + "?code=pasted&state=wrong\n");
  EXPECT_TRUE(h.Said("That address belongs to a different sign-in")) << h.shown.Text();
  h.Paste(std::string(20000, 'x') + "\n");
  EXPECT_TRUE(h.Said("too long")) << h.shown.Text();
  h.Paste(h.redirect_uri + "?state=" + h.state + "&code=pasted&scope=x\r\n");
  Result<TokenGrant> g = h.Finish();
  ASSERT_TRUE(g.ok()) << g.status().message();
  ASSERT_EQ(h.http.posts.size(), 1u);
  EXPECT_EQ(h.http.posts[0].Field("code"), "pasted");
  EXPECT_EQ(h.http.posts[0].Field("redirect_uri"), h.redirect_uri);
  EXPECT_EQ(h.http.posts[0].Field("client_secret"), "installed-app-secret");
}

TEST(BrowserSignIn, ClosedInputStillWaitsForTheBrowser) {
  BrowserHarness h;
  h.http.Answer(200, kToken);
  h.Start();
  close(h.paste[1]);
  h.paste[1] = -1;
  std::this_thread::sleep_for(50ms);
  Get(h.port, "/?code=c&state=" + h.state);
  EXPECT_TRUE(h.Finish().ok());
}

TEST(BrowserSignIn, DeclinedInTheBrowserIsPermanentAndNothingIsExchanged) {
  BrowserHarness h;
  h.Start();
  const std::string page =
      Get(h.port, "/?error=access_denied&error_description=no&state=" + h.state);
  EXPECT_EQ(page.rfind("HTTP/1.1 200 ", 0), 0u) << page;
  Result<TokenGrant> g = h.Finish();
  EXPECT_EQ(g.status().kind(), Status::Kind::kPermanent);
  EXPECT_EQ(g.status().message(), "the sign-in was declined (access_denied)");
  EXPECT_TRUE(h.http.posts.empty());
}

TEST(BrowserSignIn, ARefusedCodeIsPermanent) {
  BrowserHarness h;
  h.http.Answer(400, R"({"error":"invalid_grant","error_description":"Bad Request"})");
  h.Start();
  Get(h.port, "/?code=c&state=" + h.state);
  Result<TokenGrant> g = h.Finish();
  EXPECT_EQ(g.status().kind(), Status::Kind::kPermanent);
  EXPECT_EQ(g.status().message(),
            "the identity provider refused the sign-in (invalid_grant: Bad Request)");
}

TEST(BrowserSignIn, NobodyAnsweringEndsAtTheTimeout) {
  BrowserHarness h;
  h.terminal.browser_timeout = std::chrono::seconds(1);
  const auto start = std::chrono::steady_clock::now();
  h.Start();
  Result<TokenGrant> g = h.Finish();
  EXPECT_EQ(g.status().kind(), Status::Kind::kPermanent);
  EXPECT_EQ(g.status().message().rfind("nobody finished signing in", 0), 0u)
      << g.status().message();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

TEST(BrowserSignIn, HostileRequestsAreBoundedAndDoNotStopTheRealOne) {
  BrowserHarness h;
  h.http.Answer(200, kToken);
  h.Start();
  // A connection that never says anything, held open throughout.
  const int idle = Connect(h.port);
  // A request line of exactly one byte more than the limit, never ended: 431.
  const std::string over =
      Exchange(h.port, "GET /?" + std::string(LoopbackListener::kMaxRequest - 5, 'a'));
  EXPECT_EQ(over.rfind("HTTP/1.1 431 ", 0), 0u) << over.substr(0, 100);
  // A 1 MB request line: read no further than the limit, then hung up on.
  const auto start = std::chrono::steady_clock::now();
  Exchange(h.port,
           "GET /?code=" + std::string(1 << 20, 'a') + "&state=" + h.state + " HTTP/1.1\r\n\r\n");
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_EQ(Get(h.port, "/favicon.ico").rfind("HTTP/1.1 404 ", 0), 0u);
  EXPECT_EQ(Exchange(h.port, "POST /?code=c&state=" + h.state + " HTTP/1.1\r\n\r\n")
                .rfind("HTTP/1.1 405 ", 0),
            0u);
  EXPECT_EQ(Exchange(h.port, "GET http://evil/ HTTP/1.1\r\n\r\n").rfind("HTTP/1.1 400 ", 0), 0u);
  EXPECT_EQ(Get(h.port, "/").rfind("HTTP/1.1 400 ", 0), 0u);
  EXPECT_EQ(Get(h.port, "/?code=a&code=b&state=" + h.state).rfind("HTTP/1.1 400 ", 0), 0u);
  // Many connections at once: the ones over the limit wait their turn.
  std::vector<int> crowd;
  for (size_t i = 0; i < LoopbackListener::kMaxConnections + 4; ++i)
    crowd.push_back(Connect(h.port));
  for (const int fd : crowd) close(fd);

  EXPECT_EQ(Get(h.port, "/?code=good&state=" + h.state).rfind("HTTP/1.1 200 ", 0), 0u);
  Result<TokenGrant> g = h.Finish();
  ASSERT_TRUE(g.ok()) << g.status().message();
  EXPECT_EQ(h.http.posts[0].Field("code"), "good");
  close(idle);
}

}  // namespace
}  // namespace intaked
