// SPDX-License-Identifier: GPL-3.0-or-later
#include "transport/imap_url.h"

#include <cctype>

namespace intaked {

ImapUrl ParseImapUrl(const std::string& url) {
  ImapUrl u;
  const size_t scheme_end = url.find("://");
  const size_t path =
      scheme_end == std::string::npos ? std::string::npos : url.find('/', scheme_end + 3);
  u.server = path == std::string::npos ? url + "/" : url.substr(0, path + 1);
  u.tls = url.rfind("imaps://", 0) == 0;
  const std::string raw = path == std::string::npos ? "" : url.substr(path + 1);
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '%' && i + 2 < raw.size() &&
        std::isxdigit(static_cast<unsigned char>(raw[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(raw[i + 2]))) {
      u.folder += static_cast<char>(std::stoi(raw.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else if (raw[i] == ';' || raw[i] == '?') {
      break;  // URL parameters (";UID=") are not part of the folder
    } else {
      u.folder += raw[i];
    }
  }
  if (!u.folder.empty() && u.folder.back() == '/') u.folder.pop_back();
  if (u.folder.empty()) u.folder = "INBOX";
  return u;
}

}  // namespace intaked
