// SPDX-License-Identifier: GPL-3.0-or-later
#include "transport/server_replies.h"

#include <array>
#include <cctype>

namespace intaked {
namespace {

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// The n-th space-separated word of `s` (0-based), or "".
std::string_view Word(std::string_view s, int n) {
  for (int i = 0; i < n; ++i) {
    const size_t sp = s.find(' ');
    if (sp == std::string_view::npos) return {};
    s.remove_prefix(sp + 1);
  }
  return s.substr(0, s.find(' '));
}

}  // namespace

bool ImapReplyRefusesCredentials(std::string_view tagged_reply) {
  if (Upper(Word(tagged_reply, 1)) != "NO") return false;
  const std::string code = Upper(Word(tagged_reply, 2));
  static constexpr std::array<std::string_view, 4> kTemporary = {"[UNAVAILABLE]", "[INUSE]",
                                                                 "[SERVERBUG]", "[LIMIT]"};
  for (std::string_view t : kTemporary) {
    if (code == t) return false;
  }
  return true;
}

SendOutcome::Kind GradeSmtpFailure(std::string_view last_command, int reply_code) {
  using Kind = SendOutcome::Kind;
  const int klass = reply_code / 100;
  // No answer, or a positive one: the connection or TLS broke, or curl gave up.
  // 421 is the server closing the whole session, whatever was said before.
  if ((klass != 4 && klass != 5) || reply_code == 421) return Kind::kServerUnavailable;
  const std::string verb = Upper(last_command);
  if (verb == "AUTH") return klass == 5 ? Kind::kLoginRefused : Kind::kServerUnavailable;
  if (verb == "RCPT" || verb == "DATA")
    return klass == 5 ? Kind::kPermanentFailure : Kind::kTemporaryFailure;
  // MAIL FROM names our own address: a refusal there is about the account, not
  // the letter - except 552, the letter's declared size is over the limit.
  if (verb == "MAIL" && reply_code == 552) return Kind::kPermanentFailure;
  return Kind::kServerUnavailable;
}

std::string PrintableReply(std::string_view reply) {
  std::string out;
  for (char c : reply) {
    if (out.size() >= 200) {
      out += "...";
      break;
    }
    const auto u = static_cast<unsigned char>(c);
    if (u == '\r' || u == '\n') continue;
    out += (u >= 0x20 && u < 0x7F) ? c : '?';
  }
  return out;
}

}  // namespace intaked
