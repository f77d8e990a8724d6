// SPDX-License-Identifier: GPL-3.0-or-later
// ImapUrl: splits an imap[s]://host:port/FOLDER URL into the server part
// libcurl connects to and the folder name (percent-decoded; INBOX if absent).
#pragma once

#include <string>

namespace intaked {

struct ImapUrl {
  std::string server;  // "imaps://host:993/"
  std::string folder;  // "INBOX"
  bool tls = false;
};

ImapUrl ParseImapUrl(const std::string& url);

}  // namespace intaked
