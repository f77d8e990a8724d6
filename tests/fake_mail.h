// SPDX-License-Identifier: GPL-3.0-or-later
// In-memory MailFolderOpener and MailSender for engine tests.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "mail/mime_parser.h"
#include "transport/mail_folder.h"
#include "transport/mail_sender.h"

namespace intaked {

struct FakeFolderData {
  uint32_t uidvalidity = 1;
  uint32_t next_uid = 1;
  std::vector<FetchedMail> messages;
  bool down = false;
  std::string refused;  // when set, logins are refused (kPermanent) with these words
};

class FakeMailServer : public MailFolderOpener {
 public:
  // Delivers `raw` to `user`'s INBOX; returns its UID.
  uint32_t Deliver(const std::string& user, const std::string& raw, Instant when = {},
                   const std::string& folder = "INBOX") {
    FakeFolderData& f = folders_[user + "/" + folder];
    f.messages.push_back({f.next_uid, raw, false, when});
    return f.next_uid++;
  }
  FakeFolderData& Folder(const std::string& user, const std::string& folder = "INBOX") {
    return folders_[user + "/" + folder];
  }
  int opens = 0;

  Result<std::unique_ptr<MailFolder>> Open(const MailboxSettings& mailbox,
                                           const std::string& folder) override {
    ++opens;
    FakeFolderData& f = folders_[mailbox.username + "/" + FolderName(mailbox, folder)];
    if (f.down) return Status::Connection("connection refused");
    if (!f.refused.empty()) return Status::Permanent(f.refused);
    return std::unique_ptr<MailFolder>(new View(f));
  }

 private:
  // The fake's folders by name: its Sent folder, unless configured, is "Sent"
  // (as if the server marked that one \Sent).
  static std::string FolderName(const MailboxSettings& mailbox, const std::string& folder) {
    if (folder.empty()) return "INBOX";
    if (folder != kSentFolder) return folder;
    return mailbox.sent_folder.empty() ? "Sent" : mailbox.sent_folder;
  }

  class View : public MailFolder {
   public:
    explicit View(FakeFolderData& f) : f_(f) {}
    uint32_t uidvalidity() const override { return f_.uidvalidity; }
    Result<std::vector<FolderMessage>> ListAfter(uint32_t after) override {
      std::vector<FolderMessage> out;
      for (const auto& m : f_.messages) {
        if (m.uid > after) out.push_back({m.uid, m.raw.size()});
      }
      return out;
    }
    Result<std::vector<FetchedMail>> Fetch(const std::vector<FolderMessage>& want,
                                           uint64_t) override {
      std::vector<FetchedMail> out;
      for (const auto& w : want) {
        for (const auto& m : f_.messages) {
          if (m.uid == w.uid) out.push_back(m);
        }
      }
      return out;
    }

   private:
    FakeFolderData& f_;
  };
  std::map<std::string, FakeFolderData> folders_;
};

struct SentMail {
  std::string to;
  Message message;
  std::string raw;
};

class FakeSender : public MailSender {
 public:
  // The outcome of every send, unless `decide` (given the recipient) says otherwise.
  SendOutcome::Kind next = SendOutcome::Kind::kAccepted;
  std::function<SendOutcome::Kind(const std::string& to)> decide;
  std::vector<SentMail> sent;
  std::vector<std::string> offered;  // every recipient offered to the server, in order
  int attempts = 0;

  SendOutcome Send(const std::string&, const std::vector<std::string>& recipients,
                   const std::string& raw) override {
    ++attempts;
    for (const auto& r : recipients) offered.push_back(r);
    const SendOutcome::Kind kind = decide ? decide(recipients.at(0)) : next;
    if (kind != SendOutcome::Kind::kAccepted) return {kind, "451 try later"};
    for (const auto& r : recipients) sent.push_back({r, ParseMessage(raw), raw});
    return {SendOutcome::Kind::kAccepted, "250 ok"};
  }
  std::vector<SentMail> To(const std::string& who) const {
    std::vector<SentMail> out;
    for (const auto& s : sent) {
      if (s.to == who) out.push_back(s);
    }
    return out;
  }
};

class CountingTokens : public TokenSource {
 public:
  std::string NewToken() override { return "tok" + std::to_string(++n_); }

 private:
  int n_ = 0;
};

}  // namespace intaked
