// SPDX-License-Identifier: GPL-3.0-or-later
#include "transport/folder_choice.h"

#include "transport/imap_url.h"
#include "transport/mail_folder.h"

namespace intaked {

std::string ChosenFolder::Described() const {
  return found_by_mark ? name + " (found by its \\Sent mark)" : name;
}

Result<ChosenFolder> ChooseFolder(ImapSession& session, const MailboxSettings& mailbox,
                                  const std::string& folder) {
  if (folder.empty()) return ChosenFolder{ParseImapUrl(mailbox.imap_url).folder, false};
  if (folder != kSentFolder) return ChosenFolder{folder, false};
  if (!mailbox.sent_folder.empty()) return ChosenFolder{mailbox.sent_folder, false};
  Result<std::string> found = session.FindSentFolder();
  if (found.ok()) return ChosenFolder{found.value(), true};
  if (found.status().kind() != Status::Kind::kNotFound) return found.status();
  // The mailbox's failure, not the account's: its INBOX is still read.
  return Status::NotFound(mailbox.role + ": the server (" + ParseImapUrl(mailbox.imap_url).server +
                          ") marks no folder as \\Sent, so intaked cannot tell which folder holds "
                          "the mail they send; set sent_folder in their [[co_chair]] section of "
                          "the config to that folder's name (e.g. \"Sent Items\")");
}

}  // namespace intaked
