// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/browser_grant.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <unistd.h>

#include <cerrno>
#include <ostream>

#include "auth/authorization_request.h"
#include "auth/loopback_listener.h"
#include "auth/token_endpoint.h"

namespace intaked {
namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr size_t kMaxPastedLine = 8 * 1024;

Result<std::string> RandomText(size_t bytes) {
  std::string raw(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes)) != 1)
    return Status::Io("the system's random number source failed");
  return Base64UrlNoPadding(raw);
}

// What the person pastes, a line at a time; a line longer than
// kMaxPastedLine is dropped whole (reported as too long), never buffered.
class PastedLines {
 public:
  struct Line {
    std::string text;
    bool too_long = false;
  };
  explicit PastedLines(int fd) : fd_(fd) {}
  int fd() const { return fd_; }  // -1 once the terminal's input has ended

  std::vector<Line> Read() {
    std::vector<Line> lines;
    char chunk[4096];
    const ssize_t n = read(fd_, chunk, sizeof chunk);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) return lines;
    if (n <= 0) {  // end of input: what was pasted without a newline still counts
      fd_ = -1;
      if (!partial_.empty() || overlong_) lines.push_back({partial_, overlong_});
      return lines;
    }
    for (ssize_t i = 0; i < n; ++i) {
      if (chunk[i] == '\n') {
        lines.push_back({partial_, overlong_});
        partial_.clear();
        overlong_ = false;
      } else if (partial_.size() < kMaxPastedLine) {
        partial_ += chunk[i];
      } else {
        overlong_ = true;
      }
    }
    return lines;
  }

 private:
  int fd_;
  std::string partial_;
  bool overlong_ = false;
};

enum class Verdict { kNotAnAnswer, kOtherSignIn, kRefused, kCode };

struct Judgement {
  Verdict verdict = Verdict::kNotAnAnswer;
  AuthorizationResponse response;
  std::string why;  // for kNotAnAnswer
};

std::string Minutes(std::chrono::seconds s) {
  const long minutes = (s.count() + 59) / 60;
  return std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
}

bool SameSecret(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

Judgement Judge(std::string_view url, const std::string& state) {
  Judgement j;
  Result<AuthorizationResponse> read = ReadAuthorizationResponse(url);
  if (!read.ok()) {
    j.why = read.status().message();
    return j;
  }
  j.response = std::move(read).value();
  if (!SameSecret(j.response.state, state))
    j.verdict = Verdict::kOtherSignIn;
  else
    j.verdict = j.response.error.empty() ? Verdict::kCode : Verdict::kRefused;
  return j;
}

void AnswerBrowser(LoopbackListener& listener, const LoopbackListener::Request& request,
                   Verdict verdict) {
  switch (verdict) {
    case Verdict::kCode:
      listener.Answer(request, 200,
                      "<h1>Signed in</h1><p>intaked is finishing the sign-in in the terminal. "
                      "You may close this window.</p>");
      return;
    case Verdict::kRefused:
      listener.Answer(request, 200,
                      "<h1>Not signed in</h1><p>The sign-in was not completed; the terminal says "
                      "why. You may close this window.</p>");
      return;
    case Verdict::kOtherSignIn:
      listener.Answer(request, 400,
                      "<h1>Not this sign-in</h1><p>This answer belongs to a different sign-in, so "
                      "intaked ignored it. Use the address the terminal printed last.</p>");
      return;
    case Verdict::kNotAnAnswer:
      listener.Answer(request, 400, "<p>This is not a sign-in answer.</p>");
      return;
  }
}

void Tell(SignInTerminal& terminal, const std::string& url) {
  std::ostream& out = terminal.out;
  out << "To sign in" << (terminal.login_hint.empty() ? "" : " " + terminal.login_hint)
      << ", open this address in a browser and sign in as that mailbox (for a shared mailbox, "
         "as a person allowed to open it):\n";
  out << "Open: " << url << "\n";
  out << "When you have signed in, the browser comes back to this machine by itself. If the "
         "browser runs on another machine, it ends on a page that cannot be reached: copy that "
         "page's whole address from the address bar, paste it here and press Enter.\n";
  out << "Waiting up to " << Minutes(terminal.browser_timeout) << "..." << std::endl;
}

// Waits for an answer with this sign-in's state, from the browser or a paste.
Result<AuthorizationResponse> AwaitAnswer(LoopbackListener& listener, SignInTerminal& terminal,
                                          const std::string& state) {
  PastedLines pasted(terminal.paste_fd);
  const SteadyClock::time_point deadline = SteadyClock::now() + terminal.browser_timeout;
  bool told_other = false;
  for (;;) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - SteadyClock::now());
    if (left.count() <= 0)
      return Status::Permanent("nobody finished signing in within " +
                               Minutes(terminal.browser_timeout) + "; run the login again");
    const LoopbackListener::Event event = listener.Wait(pasted.fd(), left);
    if (event.failed) return Status::Io("cannot wait for the browser's answer");
    if (event.request) {
      const Judgement j = Judge(event.request->target, state);
      AnswerBrowser(listener, *event.request, j.verdict);
      if (j.verdict == Verdict::kCode || j.verdict == Verdict::kRefused) return j.response;
      if (j.verdict == Verdict::kOtherSignIn && !told_other) {
        terminal.out << "A browser brought the answer to a different sign-in (its state does "
                        "not match); ignored, still waiting."
                     << std::endl;
        told_other = true;
      }
      continue;
    }
    if (!event.other_readable) continue;
    for (const PastedLines::Line& line : pasted.Read()) {
      if (line.too_long) {
        terminal.out << "That line is too long to be the address; still waiting." << std::endl;
        continue;
      }
      if (line.text.find_first_not_of(" \t\r") == std::string::npos) continue;
      const Judgement j = Judge(line.text, state);
      if (j.verdict == Verdict::kCode || j.verdict == Verdict::kRefused) return j.response;
      terminal.out << (j.verdict == Verdict::kOtherSignIn
                           ? std::string("That address belongs to a different sign-in (its state "
                                         "does not match)")
                           : "That is not the address: " + j.why)
                   << "; still waiting." << std::endl;
    }
  }
}

}  // namespace

Result<TokenGrant> SignInInBrowser(HttpClient& http, const OAuthEndpoints& endpoints,
                                   SignInTerminal& terminal, const Clock& clock) {
  Result<std::string> verifier = RandomText(32);
  if (!verifier.ok()) return verifier.status();
  Result<std::string> state = RandomText(16);
  if (!state.ok()) return state.status();
  Result<std::unique_ptr<LoopbackListener>> listener = LoopbackListener::Open();
  if (!listener.ok()) return listener.status();

  AuthorizationRequest request;
  request.redirect_uri = "http://127.0.0.1:" + std::to_string((*listener)->port()) + "/";
  request.state = *state;
  request.code_challenge = S256CodeChallenge(*verifier);
  request.login_hint = terminal.login_hint;
  Tell(terminal, AuthorizationUrl(endpoints, request));

  Result<AuthorizationResponse> answer = AwaitAnswer(**listener, terminal, *state);
  if (!answer.ok()) return answer.status();
  if (answer->error == "access_denied")
    return Status::Permanent("the sign-in was declined (" + answer->error + ")");
  if (!answer->error.empty()) {
    TokenEndpointReply refusal;
    refusal.error = answer->error;
    refusal.error_description = answer->error_description;
    return SignInRefusal(refusal);
  }
  terminal.out << "Finishing the sign-in..." << std::endl;
  Result<TokenEndpointReply> reply = RequestToken(http, endpoints,
                                                  {{"grant_type", "authorization_code"},
                                                   {"code", answer->code},
                                                   {"redirect_uri", request.redirect_uri},
                                                   {"code_verifier", *verifier}},
                                                  clock.Now());
  if (!reply.ok()) return reply.status();
  if (reply->grant) return *reply->grant;
  return SignInRefusal(*reply);
}

}  // namespace intaked
