// SPDX-License-Identifier: GPL-3.0-or-later
// FolderChoice: which folder of a mailbox a MailFolderOpener's folder argument
// names, asked of the server when it must be: "" is the folder in the
// mailbox's imap_url, kSentFolder (mail_folder.h) is a co-chair's Sent folder -
// their `sent_folder` when configured, else the folder the server marks \Sent
// (RFC 6154: "Sent Items" at Microsoft 365, "[Gmail]/Sent Mail" at Google) -
// and any other name is itself. ImapFolderOpener opens what it chooses;
// `intaked check` prints it. Names are UTF-8. Stateless: each call asks afresh.
#pragma once

#include <string>

#include "base/status.h"
#include "config/config.h"
#include "transport/imap_session.h"

namespace intaked {

struct ChosenFolder {
  std::string name;            // UTF-8, as people read it
  bool found_by_mark = false;  // the server's \Sent mark named it, not the config

  // "Sent Items (found by its \Sent mark)", or the name alone.
  std::string Described() const;
};

// Resolves `folder` for `mailbox` on its logged-in `session`. A Sent folder
// neither configured nor marked is kNotFound, in words telling the admin to
// set sent_folder.
Result<ChosenFolder> ChooseFolder(ImapSession& session, const MailboxSettings& mailbox,
                                  const std::string& folder);

}  // namespace intaked
