// SPDX-License-Identifier: GPL-3.0-or-later
// ImapFolderOpener: MailFolderOpener over real IMAP servers.
//
// Each Open() logs in afresh and EXAMINEs the folder (read-only), so a
// co-chair's mailbox can never be changed through it; which folder that is,
// FolderChoice decides (a Sent folder may be found by its \Sent mark). The folder owns its
// connection and logs out when destroyed. Logins go through the LoginGuard,
// if given: an account whose credentials were refused is not offered to its
// server again until the config is reloaded (Open returns kPermanent at once).
#pragma once

#include "transport/login_guard.h"
#include "transport/mail_folder.h"

namespace intaked {

class ImapFolderOpener : public MailFolderOpener {
 public:
  explicit ImapFolderOpener(TlsSettings tls, LoginGuard* guard = nullptr)
      : tls_(std::move(tls)), guard_(guard) {}
  Result<std::unique_ptr<MailFolder>> Open(const MailboxSettings& mailbox,
                                           const std::string& folder) override;

 private:
  TlsSettings tls_;
  LoginGuard* guard_;
};

}  // namespace intaked
