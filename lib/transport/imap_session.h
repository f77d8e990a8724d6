// SPDX-License-Identifier: GPL-3.0-or-later
// ImapSession: one logged-in IMAP connection, speaking just the commands
// intaked needs, with every read done by BODY.PEEK so no flag ever changes.
//
// libcurl connects, negotiates TLS and logs in (CURLOPT_CONNECT_ONLY); after
// that this class writes commands and reads responses itself, through
// ImapResponseReader, because libcurl's own IMAP fetch sets \Seen and truncates
// large messages (docs/ARCHITECTURE.md, "Why intaked speaks IMAP itself").
// It logs in with a password, or with an OAuth2 access token through SASL
// OAUTHBEARER or XOAUTH2, whichever the server offers (libcurl chooses).
// TLS follows TlsPolicy: imaps://, or
// STARTTLS without which no password is sent, except to a loopback address.
// A refusal of our credentials comes back as kPermanent (final for the
// account); everything else that stops a login is kConnection (retry later).
// Knows nothing of complaints. Not thread-safe; owns its connection.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "config/config.h"
#include "transport/imap_response_reader.h"
#include "transport/mail_folder.h"

namespace intaked {

struct ImapEndpoint {
  std::string server;  // "imap://127.0.0.1:1143/"
  std::string username;
  std::string password;
  std::string bearer;  // an OAuth2 access token: SASL OAUTHBEARER or XOAUTH2, no password
  TlsSettings tls;
  std::chrono::seconds timeout{60};
  uint64_t max_literal = 64u << 20;  // the biggest literal accepted outside Fetch
};

struct FolderInfo {
  uint32_t uidvalidity = 0;
  uint32_t uidnext = 0;
  uint32_t exists = 0;
};

class ImapSession {
 public:
  static Result<std::unique_ptr<ImapSession>> Connect(const ImapEndpoint& endpoint);
  ~ImapSession();
  ImapSession(const ImapSession&) = delete;
  ImapSession& operator=(const ImapSession&) = delete;

  // Opens a folder read-only (EXAMINE): intaked opens folders no other way.
  // Folder names here are UTF-8, sent in modified UTF-7 (imap_mailbox_name.h).
  Result<FolderInfo> Examine(const std::string& folder);
  // The UTF-8 name of the folder the server marks \Sent (RFC 6154): asked with
  // LIST (SPECIAL-USE) when the server has that capability, else with a plain
  // LIST, whose attributes Microsoft 365 and Gmail show as well. kNotFound when
  // no folder carries the mark.
  Result<std::string> FindSentFolder();
  Result<std::vector<FolderMessage>> ListAfter(uint32_t after_uid);
  // Whole messages by UID with BODY.PEEK[] (or the header alone past max_bytes).
  Result<std::vector<FetchedMail>> Fetch(const std::vector<FolderMessage>& messages,
                                         uint64_t max_bytes);
  // The flags of one message, e.g. "\Seen \Answered" (for tests and checks).
  Result<std::string> Flags(uint32_t uid);
  Status Append(const std::string& folder, const std::string& message, const std::string& flags);
  // IDLE on the open folder until the server reports new mail (true), `max`
  // passes or `stop` is set (false). A server without IDLE answers with a
  // kProtocol error.
  Result<bool> Idle(std::chrono::seconds max, const std::atomic<bool>& stop);
  Status Logout();
  // Whether the connection is encrypted (false only on loopback; see TlsPolicy).
  bool tls() const { return tls_; }

 private:
  ImapSession(void* curl, const ImapEndpoint& ep, bool tls)
      : curl_(curl), timeout_(ep.timeout), reader_({ep.max_literal}), tls_(tls) {}
  // Sends a command (literals as {N+}) and collects its untagged responses.
  Result<std::vector<ImapResponse>> Command(const std::string& command);
  Status SendAll(std::string_view bytes);
  Result<ImapResponse> ReadResponse();
  // Feeds whatever the connection has (waiting at most `wait`); false on timeout.
  Result<bool> Pump(std::chrono::milliseconds wait);
  Result<FolderInfo> Open(const std::string& verb, const std::string& folder);

  void* curl_;  // CURL*
  std::chrono::seconds timeout_;
  ImapResponseReader reader_;
  bool tls_;
  int next_tag_ = 1;
};

// Quotes a folder name or string for an IMAP command; nothing when it holds a
// CR, LF or NUL, which no quoted string may carry (they would end the command).
std::optional<std::string> ImapQuote(std::string_view s);

}  // namespace intaked
