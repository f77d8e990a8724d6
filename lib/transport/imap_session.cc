#include "transport/imap_session.h"

#include <curl/curl.h>
#include <poll.h>

#include <algorithm>
#include <regex>
#include <tuple>

#include "mail/date_header.h"

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

std::string UidSet(const std::vector<FolderMessage>& messages) {
  std::string set;
  for (const FolderMessage& m : messages) set += (set.empty() ? "" : ",") + std::to_string(m.uid);
  return set;
}

// INTERNALDATE "25-Nov-2026 14:40:10 +0000" -> instant (0 when absent).
std::chrono::sys_seconds InternalDate(const std::string& text) {
  static const std::regex re(
      R"re(INTERNALDATE "(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d{2}:\d{2}:\d{2}) ([+-]\d{4})")re");
  std::smatch m;
  if (!std::regex_search(text, m, re)) return {};
  auto t = ParseDateHeader(m[1].str() + " " + m[2].str() + " " + m[3].str() + " " + m[4].str() +
                           " " + m[5].str());
  return t ? *t : std::chrono::sys_seconds{};
}

}  // namespace

std::string ImapQuote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
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
  curl_easy_setopt(c, CURLOPT_PASSWORD, ep.password.c_str());
  curl_easy_setopt(c, CURLOPT_CONNECT_ONLY, 1L);
  curl_easy_setopt(c, CURLOPT_USE_SSL, long(CURLUSESSL_TRY));
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
  if (rc != CURLE_OK) {
    const std::string why = errbuf[0] ? errbuf : curl_easy_strerror(rc);
    curl_easy_cleanup(c);
    if (rc == CURLE_LOGIN_DENIED)
      return Status::Permanent("login refused for " + ep.username + ": " + why);
    return Status::Connection(ep.server + ": " + why);
  }
  return std::unique_ptr<ImapSession>(new ImapSession(c, ep.timeout));
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
  while (true) {
    Result<ImapResponse> r = ReadResponse();
    if (!r.ok()) return r.status();
    if (r->tag != tag) {
      if (r->tag == "*" && ResponseStatus(*r) == "BYE")
        return Status::Connection("server said BYE: " + r->text);
      untagged.push_back(std::move(r.value()));
      continue;
    }
    const std::string status = ResponseStatus(*r);
    if (status == "OK") return untagged;
    const std::string shown = command.substr(0, std::min<size_t>(command.find('\r'), 60));
    return Status::Protocol("\"" + shown + "\" failed: " + r->text);
  }
}

Result<FolderInfo> ImapSession::Open(const std::string& verb, const std::string& folder) {
  auto r = Command(verb + " " + ImapQuote(folder));
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
Result<FolderInfo> ImapSession::Select(const std::string& folder) { return Open("SELECT", folder); }

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
    auto r = Command("UID FETCH " + UidSet(*set) + " (UID INTERNALDATE " + item + ")");
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
  const std::string cmd = "APPEND " + ImapQuote(folder) +
                          (flags.empty() ? "" : " (" + flags + ")") + " {" +
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
    if (r->tag == tag) return Status::Protocol("IDLE refused: " + r->text);
  }
  bool changed = false;
  const auto deadline = std::chrono::steady_clock::now() + max;
  while (!changed && !stop && std::chrono::steady_clock::now() < deadline) {
    while (auto u = reader_.Next()) {
      if (u->tag == "*" && (u->text.ends_with(" EXISTS") || u->text.ends_with(" RECENT")))
        changed = true;
      if (u->tag == "*" && ResponseStatus(*u) == "BYE")
        return Status::Connection("server said BYE: " + u->text);
    }
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
