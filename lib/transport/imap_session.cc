// SPDX-License-Identifier: GPL-3.0-or-later
#include "transport/imap_session.h"

#include <curl/curl.h>
#include <poll.h>
#include <strings.h>

#include <algorithm>
#include <limits>
#include <tuple>

#include "base/text.h"
#include "mail/date_header.h"
#include "transport/imap_list.h"
#include "transport/imap_mailbox_name.h"
#include "transport/server_replies.h"
#include "transport/tls_policy.h"

namespace intaked {
namespace {

CURL* Easy(void* p) { return static_cast<CURL*>(p); }

Status WaitFor(CURL* c, short events, std::chrono::seconds timeout) {
  curl_socket_t sock = CURL_SOCKET_BAD;
  if (curl_easy_getinfo(c, CURLINFO_ACTIVESOCKET, &sock) != CURLE_OK || sock == CURL_SOCKET_BAD) {
    return Status::Connection("connection closed");
  }
  pollfd p{sock, events, 0};
  const int r = poll(&p, 1, int(std::chrono::milliseconds(timeout).count()));
  if (r == 0)
    return Status::Connection("server did not answer within " + std::to_string(timeout.count()) +
                              " s");
  if (r < 0) return Status::Connection("poll failed");
  return Status::Ok();
}

uint32_t NumberAfter(const std::string& text, const std::string& key) {
  const size_t at = text.find(key);
  if (at == std::string::npos) return 0;
  return uint32_t(std::strtoul(text.c_str() + at + key.size(), nullptr, 10));
}

constexpr uint64_t kSizeSlack = 1u << 20;
constexpr uint64_t kNoLimit = std::numeric_limits<uint64_t>::max();

std::string UidSet(const std::vector<FolderMessage>& messages) {
  std::string set;
  for (const FolderMessage& m : messages) set += (set.empty() ? "" : ",") + std::to_string(m.uid);
  return set;
}

// INTERNALDATE "25-Nov-2026 14:40:10 +0000" -> instant (0 when absent). The
// server's text is not trusted: a bounded scan, no regex.
std::chrono::sys_seconds InternalDate(const std::string& text) {
  const std::string key = "INTERNALDATE \"";
  const size_t at = text.find(key);
  if (at == std::string::npos) return {};
  const size_t start = at + key.size(), end = text.find('"', start);
  if (end == std::string::npos || end - start > 40) return {};
  std::string date = text.substr(start, end - start);  // " 5-Nov-2026 14:40:10 -0500"
  for (int dash = 0; dash < 2; ++dash) {               // the date's dashes, not the zone's sign
    const size_t d = date.find('-');
    if (d == std::string::npos || d > 6) return {};
    date[d] = ' ';
  }
  auto t = ParseDateHeader(date);
  return t ? *t : std::chrono::sys_seconds{};
}

// What libcurl's login conversation showed: the server's last tagged reply
// (the answer to LOGIN or AUTHENTICATE, which says whether our credentials
// were refused) and whether TLS was negotiated. Our own commands are looked at
// only for the word STARTTLS: LOGIN carries the password and is never kept.
struct LoginTrace {
  std::string tagged_reply;
  bool tls = false;
};

int TraceLogin(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  auto* t = static_cast<LoginTrace*>(user);
  const std::string_view line(data, size);
  if (type == CURLINFO_HEADER_IN && !line.empty() && line[0] != '*' && line[0] != '+') {
    t->tagged_reply.assign(line.substr(0, 1024));
  } else if (type == CURLINFO_HEADER_OUT) {
    const size_t sp = line.find(' ');
    const std::string_view verb =
        sp == std::string_view::npos ? std::string_view() : line.substr(sp + 1, 8);
    if (verb.size() == 8 && strncasecmp(verb.data(), "STARTTLS", 8) == 0) t->tls = true;
  } else if (type == CURLINFO_SSL_DATA_IN || type == CURLINFO_SSL_DATA_OUT) {
    t->tls = true;
  }
  return 0;
}

// Why a connection or login failed, graded: kPermanent only for refused credentials.
Status LoginFailure(const ImapEndpoint& ep, CURLcode rc, const std::string& why,
                    const std::string& tagged_reply) {
  const std::string said = PrintableReply(tagged_reply.substr(tagged_reply.find(' ') + 1));
  if (rc == CURLE_USE_SSL_FAILED)
    return Status::Connection(ep.server +
                              ": the server does not offer STARTTLS, so intaked did not log in "
                              "(the password would cross the network in clear); use imaps:// or "
                              "turn on STARTTLS at the server");
  if (rc == CURLE_LOGIN_DENIED && ImapReplyRefusesCredentials(tagged_reply))
    return Status::Permanent("login refused for " + ep.username + ": " + said);
  if (rc == CURLE_LOGIN_DENIED)
    return Status::Connection(
        ep.server + ": login not possible for now: " + (tagged_reply.empty() ? why : said));
  return Status::Connection(ep.server + ": " + why);
}

// Whether a CAPABILITY response lists `name` (capabilities are case-insensitive).
bool HasCapability(const std::vector<ImapResponse>& responses, std::string_view name) {
  for (const ImapResponse& r : responses) {
    if (r.tag != "*" || ResponseStatus(r) != "CAPABILITY") continue;
    for (size_t at = 0; at != std::string::npos;) {
      const size_t end = r.text.find(' ', at);
      const std::string_view word = std::string_view(r.text).substr(at, end - at);
      if (word.size() == name.size() && strncasecmp(word.data(), name.data(), name.size()) == 0)
        return true;
      at = end == std::string::npos ? end : end + 1;
    }
  }
  return false;
}

// A folder name as it goes into a command: UTF-8 in, a quoted modified UTF-7
// string out (which is printable ASCII, so always quotable).
Result<std::string> FolderArgument(const std::string& folder) {
  Result<std::string> wire = EncodeMailboxName(folder);
  if (!wire.ok()) return wire.status().Context("folder \"" + WithoutControls(folder) + "\"");
  return *ImapQuote(*wire);
}

}  // namespace

std::optional<std::string> ImapQuote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '\r' || c == '\n' || c == '\0') return std::nullopt;
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

Result<std::unique_ptr<ImapSession>> ImapSession::Connect(const ImapEndpoint& ep) {
  CURL* c = curl_easy_init();
  if (!c) return Status::Io("cannot initialise libcurl");
  curl_easy_setopt(c, CURLOPT_URL, ep.server.c_str());
  curl_easy_setopt(c, CURLOPT_USERNAME, ep.username.c_str());
  if (ep.bearer.empty())
    curl_easy_setopt(c, CURLOPT_PASSWORD, ep.password.c_str());
  else
    curl_easy_setopt(c, CURLOPT_XOAUTH2_BEARER, ep.bearer.c_str());
  curl_easy_setopt(c, CURLOPT_CONNECT_ONLY, 1L);
  // Only a loopback server may go without TLS; everyone else upgrades or is left.
  const bool plain_allowed = RequiredTls(ep.server) == TlsRequirement::kStartTlsIfOffered;
  curl_easy_setopt(c, CURLOPT_USE_SSL, long(plain_allowed ? CURLUSESSL_TRY : CURLUSESSL_ALL));
  // The debug callback sees the login conversation; nothing is printed.
  LoginTrace trace;
  curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, TraceLogin);
  curl_easy_setopt(c, CURLOPT_DEBUGDATA, &trace);
  curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, long(ep.timeout.count()));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  if (!ep.tls.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, ep.tls.ca_file.c_str());
  if (!ep.tls.verify) {
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  const CURLcode rc = curl_easy_perform(c);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(c, CURLOPT_VERBOSE, 0L);  // `trace` lives on this stack frame only
  curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, nullptr);
  curl_easy_setopt(c, CURLOPT_DEBUGDATA, nullptr);
  if (rc != CURLE_OK) {
    const std::string why = errbuf[0] ? errbuf : curl_easy_strerror(rc);
    curl_easy_cleanup(c);
    return LoginFailure(ep, rc, why, trace.tagged_reply);
  }
  const bool tls = trace.tls || RequiredTls(ep.server) == TlsRequirement::kImplicit;
  if (!tls && !plain_allowed) {  // cannot happen with CURLUSESSL_ALL; never trust that alone
    curl_easy_cleanup(c);
    return Status::Connection(ep.server + ": no TLS on a connection that requires it");
  }
  return std::unique_ptr<ImapSession>(new ImapSession(c, ep, tls));
}

ImapSession::~ImapSession() { curl_easy_cleanup(Easy(curl_)); }

Status ImapSession::SendAll(std::string_view bytes) {
  while (!bytes.empty()) {
    size_t sent = 0;
    const CURLcode rc = curl_easy_send(Easy(curl_), bytes.data(), bytes.size(), &sent);
    if (rc == CURLE_AGAIN) {
      if (Status s = WaitFor(Easy(curl_), POLLOUT, timeout_); !s.ok()) return s;
      continue;
    }
    if (rc != CURLE_OK)
      return Status::Connection(std::string("send failed: ") + curl_easy_strerror(rc));
    bytes.remove_prefix(sent);
  }
  return Status::Ok();
}

Result<ImapResponse> ImapSession::ReadResponse() {
  char buf[64 * 1024];
  while (true) {
    if (auto r = reader_.Next()) return std::move(*r);
    if (!reader_.status().ok()) return Status::Connection(reader_.status().message());
    size_t n = 0;
    const CURLcode rc = curl_easy_recv(Easy(curl_), buf, sizeof buf, &n);
    if (rc == CURLE_AGAIN) {
      if (Status s = WaitFor(Easy(curl_), POLLIN, timeout_); !s.ok()) return s;
      continue;
    }
    if (rc != CURLE_OK)
      return Status::Connection(std::string("receive failed: ") + curl_easy_strerror(rc));
    if (n == 0) return Status::Connection("server closed the connection");
    reader_.Feed(std::string_view(buf, n));
  }
}

Result<std::vector<ImapResponse>> ImapSession::Command(const std::string& command) {
  const std::string tag = "I" + std::to_string(next_tag_++);
  if (Status s = SendAll(tag + " " + command + "\r\n"); !s.ok()) return s;
  std::vector<ImapResponse> untagged;
  // What one command may bring back: its literals plus this much text.
  constexpr uint64_t kTextBytes = 32u << 20;
  const uint64_t limit =
      reader_.max_literal() > kNoLimit - kTextBytes ? kNoLimit : reader_.max_literal() + kTextBytes;
  uint64_t held = 0;
  while (true) {
    Result<ImapResponse> r = ReadResponse();
    if (!r.ok()) return r.status();
    if (r->tag != tag) {
      if (r->tag == "*" && ResponseStatus(*r) == "BYE")
        return Status::Connection("server said BYE: " + PrintableReply(r->text));
      held += r->text.size() + 64;  // 64: what holding a response costs besides its bytes
      for (const std::string& l : r->literals) held += l.size();
      if (held > limit)
        return Status::Connection("the server sent over " + std::to_string(limit) +
                                  " bytes in answer to one command; dropping the connection");
      untagged.push_back(std::move(r.value()));
      continue;
    }
    const std::string status = ResponseStatus(*r);
    if (status == "OK") return untagged;
    const std::string shown = command.substr(0, std::min<size_t>(command.find('\r'), 60));
    return Status::Protocol("\"" + shown + "\" failed: " + PrintableReply(r->text));
  }
}

Result<FolderInfo> ImapSession::Open(const std::string& verb, const std::string& folder) {
  Result<std::string> quoted = FolderArgument(folder);
  if (!quoted.ok()) return quoted.status();
  auto r = Command(verb + " " + *quoted);
  if (!r.ok()) return r.status().Context("folder " + folder);
  FolderInfo info;
  for (const ImapResponse& u : *r) {
    if (u.text.find("[UIDVALIDITY ") != std::string::npos)
      info.uidvalidity = NumberAfter(u.text, "[UIDVALIDITY ");
    if (u.text.find("[UIDNEXT ") != std::string::npos)
      info.uidnext = NumberAfter(u.text, "[UIDNEXT ");
    if (u.text.ends_with(" EXISTS")) info.exists = NumberAfter(u.text, "");
  }
  if (info.uidvalidity == 0)
    return Status::Protocol("folder " + folder + ": server sent no UIDVALIDITY");
  return info;
}

Result<FolderInfo> ImapSession::Examine(const std::string& folder) {
  return Open("EXAMINE", folder);
}

Result<std::string> ImapSession::FindSentFolder() {
  auto capabilities = Command("CAPABILITY");
  if (!capabilities.ok()) return capabilities.status();
  Result<std::vector<ImapResponse>> listed = Status::NotFound("not listed");
  if (HasCapability(*capabilities, "SPECIAL-USE")) {
    listed = Command("LIST (SPECIAL-USE) \"\" \"*\"");
    // A server that offers SPECIAL-USE but refuses the selection is asked plainly.
    if (!listed.ok() && listed.status().kind() != Status::Kind::kProtocol) return listed.status();
  }
  if (!listed.ok()) listed = Command("LIST \"\" \"*\"");
  if (!listed.ok()) return listed.status();
  return FindMarkedMailbox(*listed, "\\Sent");
}

Result<std::vector<FolderMessage>> ImapSession::ListAfter(uint32_t after_uid) {
  // "n:*" always matches the highest message, even below n: filter below.
  auto r = Command("UID FETCH " + std::to_string(after_uid + 1) + ":* (UID RFC822.SIZE)");
  if (!r.ok()) return r.status();
  std::vector<FolderMessage> out;
  for (const ImapResponse& u : *r) {
    if (u.text.find(" FETCH ") == std::string::npos) continue;
    FolderMessage m{NumberAfter(u.text, "UID "), NumberAfter(u.text, "RFC822.SIZE ")};
    if (m.uid > after_uid) out.push_back(m);
  }
  std::sort(out.begin(), out.end(),
            [](const FolderMessage& a, const FolderMessage& b) { return a.uid < b.uid; });
  return out;
}

Result<std::vector<FetchedMail>> ImapSession::Fetch(const std::vector<FolderMessage>& messages,
                                                    uint64_t max_bytes) {
  std::vector<FolderMessage> whole, header_only;
  for (const FolderMessage& m : messages) (m.size > max_bytes ? header_only : whole).push_back(m);
  std::vector<FetchedMail> out;
  for (const auto& [set, item, truncated] : {std::tuple{&whole, "BODY.PEEK[]", false},
                                             std::tuple{&header_only, "BODY.PEEK[HEADER]", true}}) {
    if (set->empty()) continue;
    // A message may be as big as the caller allows, and a little more: servers'
    // RFC822.SIZE and the literal they send can differ slightly.
    const uint64_t usual = reader_.max_literal();
    reader_.set_max_literal(max_bytes > kNoLimit - kSizeSlack ? kNoLimit : max_bytes + kSizeSlack);
    auto r = Command("UID FETCH " + UidSet(*set) + " (UID INTERNALDATE " + item + ")");
    reader_.set_max_literal(usual);
    if (!r.ok()) return r.status();
    for (ImapResponse& u : *r) {
      if (u.text.find(" FETCH ") == std::string::npos || u.literals.empty()) continue;
      out.push_back({NumberAfter(u.text, "UID "), std::move(u.literals.back()), truncated,
                     InternalDate(u.text)});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const FetchedMail& a, const FetchedMail& b) { return a.uid < b.uid; });
  return out;
}

Result<std::string> ImapSession::Flags(uint32_t uid) {
  auto r = Command("UID FETCH " + std::to_string(uid) + " (FLAGS)");
  if (!r.ok()) return r.status();
  for (const ImapResponse& u : *r) {
    const size_t at = u.text.find("FLAGS (");
    if (at == std::string::npos) continue;
    const size_t end = u.text.find(')', at);
    return u.text.substr(at + 7, end - at - 7);
  }
  return Status::NotFound("no message with UID " + std::to_string(uid));
}

Status ImapSession::Append(const std::string& folder, const std::string& message,
                           const std::string& flags) {
  // LITERAL+ ({N+}) saves a round trip; Dovecot and most servers offer it.
  Result<std::string> quoted = FolderArgument(folder);
  if (!quoted.ok()) return quoted.status();
  const std::string cmd = "APPEND " + *quoted + (flags.empty() ? "" : " (" + flags + ")") + " {" +
                          std::to_string(message.size()) + "+}\r\n" + message;
  auto r = Command(cmd);
  return r.ok() ? Status::Ok() : r.status();
}

Result<bool> ImapSession::Pump(std::chrono::milliseconds wait) {
  char buf[16 * 1024];
  size_t n = 0;
  // libcurl may hold decrypted bytes the socket no longer shows: read first, then wait.
  CURLcode rc = curl_easy_recv(Easy(curl_), buf, sizeof buf, &n);
  if (rc == CURLE_AGAIN) {
    curl_socket_t sock = CURL_SOCKET_BAD;
    curl_easy_getinfo(Easy(curl_), CURLINFO_ACTIVESOCKET, &sock);
    if (sock == CURL_SOCKET_BAD) return Status::Connection("connection closed");
    pollfd p{sock, POLLIN, 0};
    const int r = poll(&p, 1, int(wait.count()));
    if (r < 0) return Status::Connection("poll failed");
    if (r == 0) return false;
    rc = curl_easy_recv(Easy(curl_), buf, sizeof buf, &n);
    if (rc == CURLE_AGAIN) return false;
  }
  if (rc != CURLE_OK)
    return Status::Connection(std::string("receive failed: ") + curl_easy_strerror(rc));
  if (n == 0) return Status::Connection("server closed the connection");
  reader_.Feed(std::string_view(buf, n));
  return true;
}

Result<bool> ImapSession::Idle(std::chrono::seconds max, const std::atomic<bool>& stop) {
  const std::string tag = "I" + std::to_string(next_tag_++);
  if (Status s = SendAll(tag + " IDLE\r\n"); !s.ok()) return s;
  while (true) {  // the server's "+ idling", or a refusal
    Result<ImapResponse> r = ReadResponse();
    if (!r.ok()) return r.status();
    if (r->tag == "+") break;
    if (r->tag == tag) return Status::Protocol("IDLE refused: " + PrintableReply(r->text));
  }
  bool changed = false;
  const auto deadline = std::chrono::steady_clock::now() + max;
  while (!changed && !stop && std::chrono::steady_clock::now() < deadline) {
    while (auto u = reader_.Next()) {
      if (u->tag == "*" && (u->text.ends_with(" EXISTS") || u->text.ends_with(" RECENT")))
        changed = true;
      if (u->tag == "*" && ResponseStatus(*u) == "BYE")
        return Status::Connection("server said BYE: " + PrintableReply(u->text));
    }
    if (!reader_.status().ok()) return Status::Connection(reader_.status().message());
    if (changed) break;
    auto pumped = Pump(std::chrono::milliseconds(500));
    if (!pumped.ok()) return pumped.status();
  }
  if (Status s = SendAll("DONE\r\n"); !s.ok()) return s;
  while (true) {
    Result<ImapResponse> r = ReadResponse();
    if (!r.ok()) return r.status();
    if (r->tag == tag) break;
    if (r->tag == "*" && r->text.ends_with(" EXISTS")) changed = true;
  }
  return changed;
}

Status ImapSession::Logout() {
  auto r = Command("LOGOUT");
  return r.ok() ? Status::Ok() : r.status();
}

}  // namespace intaked
