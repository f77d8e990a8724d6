// SPDX-License-Identifier: GPL-3.0-or-later
// MailFolder and MailFolderOpener: read-only access to one folder of a mail
// server, as the engine sees it.
//
// Like isync's driver table: the engine calls these and never touches a
// socket; ImapFolderOpener (imap_folder_opener.h) implements them over IMAP and
// tests implement them in memory. Nothing here can change a flag, move or
// delete a message. A folder is used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "config/config.h"

namespace intaked {

struct FolderMessage {
  uint32_t uid = 0;
  uint64_t size = 0;
};

struct FetchedMail {
  uint32_t uid = 0;
  std::string raw;                           // the whole message, or only its header when truncated
  bool truncated = false;                    // over the size limit: `raw` is the header alone
  std::chrono::sys_seconds internal_date{};  // when the server received it (0 if unknown)
};

class MailFolder {
 public:
  virtual ~MailFolder() = default;
  virtual uint32_t uidvalidity() const = 0;
  // Messages with UID > after_uid, in UID order.
  virtual Result<std::vector<FolderMessage>> ListAfter(uint32_t after_uid) = 0;
  // The given messages, whole (read without setting \Seen); a message over
  // `max_bytes` comes back as its header only, marked truncated.
  virtual Result<std::vector<FetchedMail>> Fetch(const std::vector<FolderMessage>& messages,
                                                 uint64_t max_bytes) = 0;
};

// The folder name that asks MailFolderOpener::Open for a co-chair's Sent
// folder: the one their `sent_folder` names or, when that is left out, the one
// their server marks \Sent (RFC 6154). The engine asks by this name whatever
// the folder is called, so what it keys on stays the same across restarts.
inline constexpr char kSentFolder[] = "\\Sent";

class MailFolderOpener {
 public:
  virtual ~MailFolderOpener() = default;
  // Opens `folder` of `mailbox` read-only (empty folder: the one in its URL;
  // kSentFolder: its Sent folder, configured or found). A Sent folder that is
  // neither configured nor marked is the mailbox's failure (kNotFound).
  virtual Result<std::unique_ptr<MailFolder>> Open(const MailboxSettings& mailbox,
                                                   const std::string& folder) = 0;
};

}  // namespace intaked
