// SPDX-License-Identifier: GPL-3.0-or-later
#include "transport/imap_folder_opener.h"

#include "transport/folder_choice.h"
#include "transport/imap_session.h"
#include "transport/imap_url.h"

namespace intaked {
namespace {

class ImapFolder : public MailFolder {
 public:
  ImapFolder(std::unique_ptr<ImapSession> session, FolderInfo info)
      : session_(std::move(session)), info_(info) {}
  ~ImapFolder() override { session_->Logout(); }

  uint32_t uidvalidity() const override { return info_.uidvalidity; }
  Result<std::vector<FolderMessage>> ListAfter(uint32_t after_uid) override {
    if (info_.uidnext != 0 && info_.uidnext <= after_uid + 1) return std::vector<FolderMessage>{};
    return session_->ListAfter(after_uid);
  }
  Result<std::vector<FetchedMail>> Fetch(const std::vector<FolderMessage>& messages,
                                         uint64_t max_bytes) override {
    return session_->Fetch(messages, max_bytes);
  }

 private:
  std::unique_ptr<ImapSession> session_;
  FolderInfo info_;
};

}  // namespace

Result<std::unique_ptr<MailFolder>> ImapFolderOpener::Open(const MailboxSettings& mailbox,
                                                           const std::string& folder) {
  const ImapUrl url = ParseImapUrl(mailbox.imap_url);
  Result<std::unique_ptr<ImapSession>> session = Status::Connection("not connected");
  auto connect = [&](const Credential& c) {
    session = ImapSession::Connect({url.server, c.username, c.password, c.bearer, tls_});
    return session.status();
  };
  if (guard_) {
    if (const Status s = guard_->Attempt(AccountOf(mailbox), connect); !s.ok()) return s;
  } else {
    connect({mailbox.username, mailbox.password, ""});
  }
  if (!session.ok()) return session.status();
  const Result<ChosenFolder> chosen = ChooseFolder(**session, mailbox, folder);
  if (!chosen.ok()) return chosen.status();
  auto info = (*session)->Examine(chosen->name);
  if (!info.ok()) return info.status();
  return std::unique_ptr<MailFolder>(new ImapFolder(std::move(session.value()), info.value()));
}

}  // namespace intaked
