// ImapFolderOpener: MailFolderOpener over real IMAP servers.
//
// Each Open() logs in afresh and EXAMINEs the folder (read-only), so a
// co-chair's mailbox can never be changed through it. The folder owns its
// connection and logs out when destroyed.
#pragma once

#include "transport/mail_folder.h"

namespace intaked {

class ImapFolderOpener : public MailFolderOpener {
 public:
  explicit ImapFolderOpener(TlsSettings tls) : tls_(std::move(tls)) {}
  Result<std::unique_ptr<MailFolder>> Open(const MailboxSettings& mailbox,
                                           const std::string& folder) override;

 private:
  TlsSettings tls_;
};

}  // namespace intaked
