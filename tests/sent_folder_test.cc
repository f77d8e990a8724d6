// SPDX-License-Identifier: GPL-3.0-or-later
// A co-chair's Sent folder found, not guessed, against scripted IMAP servers
// through real libcurl and real sockets: the LIST intaked sends, the folder it
// then EXAMINEs (by its modified UTF-7 name), and what it says when there is
// no folder to find. Also: every folder name goes on the wire encoded, and a
// name that cannot be sent safely is not sent at all.
#include <gtest/gtest.h>

#include <memory>

#include "fake_line_server.h"
#include "transport/folder_choice.h"
#include "transport/imap_folder_opener.h"
#include "transport/imap_session.h"
#include "transport/imap_url.h"

namespace intaked {
namespace {

const char kFrench[] = "\u00c9l\u00e9ments envoy\u00e9s";
const char kFrenchWire[] = "&AMk-l&AOk-ments envoy&AOk-s";

struct ListScript {
  std::string capabilities = "IMAP4rev1";
  std::string special_use = "";  // the untagged answer to LIST (SPECIAL-USE); empty: BAD
  std::string plain = "";        // the untagged answer to LIST "" "*"
};

// FakeImap, plus CAPABILITY and LIST as the script says, and APPEND with its literal.
FakeLineServer::Handler ListingImap(ListScript script) {
  struct Append {
    std::string tag;
    long left = -1;  // bytes of its literal still to come; -1: no APPEND under way
  };
  auto rest = FakeImap({});
  auto append = std::make_shared<Append>();
  return [script, rest, append](const std::string& line, bool* close) -> std::string {
    if (append->left > 0) {  // a line of the literal
      append->left -= long(line.size()) + 2;
      return "";
    }
    if (append->left == 0) {  // the CRLF that ends the command
      append->left = -1;
      return append->tag + " OK [APPENDUID 7 1] done\r\n";
    }
    const std::string tag = FakeLineServer::Word(line, 0);
    std::string verb = FakeLineServer::Word(line, 1);
    for (char& c : verb) c = char(std::toupper(static_cast<unsigned char>(c)));
    if (verb == "CAPABILITY")
      return "* CAPABILITY " + script.capabilities + "\r\n" + tag + " OK done\r\n";
    if (verb == "LIST" && line.find("(SPECIAL-USE)") != std::string::npos)
      return script.special_use.empty() ? tag + " BAD unknown selection option\r\n"
                                        : script.special_use + tag + " OK done\r\n";
    if (verb == "LIST") return script.plain + tag + " OK done\r\n";
    if (verb == "APPEND") {
      append->tag = tag;
      append->left = std::stol(line.substr(line.rfind('{') + 1));
      return "";
    }
    return rest(line, close);
  };
}

// Whether the client sent `command` (after its tag), exactly.
bool Sent(const FakeLineServer& server, const std::string& command) {
  for (const std::string& l : server.lines()) {
    const size_t sp = l.find(' ');
    if (sp != std::string::npos && l.substr(sp + 1) == command) return true;
  }
  return false;
}
bool SentVerb(const FakeLineServer& server, const std::string& verb) {
  for (const std::string& l : server.lines()) {
    if (FakeLineServer::Word(l, 1) == verb) return true;
  }
  return false;
}

std::string ServerUrl(const FakeLineServer& s) {
  return "imap://127.0.0.1:" + std::to_string(s.port()) + "/";
}

Result<std::unique_ptr<ImapSession>> Connect(const FakeLineServer& server) {
  ImapEndpoint ep;
  ep.server = ServerUrl(server);
  ep.username = "chair.a@pacts.test";
  ep.password = "pw";
  ep.timeout = std::chrono::seconds(5);
  return ImapSession::Connect(ep);
}

MailboxSettings Mailbox(const FakeLineServer& server, const std::string& sent_folder = "",
                        const std::string& url_folder = "INBOX") {
  MailboxSettings m;
  m.label = "chair.a@pacts.test";
  m.role = "co-chair Alex Able's mailbox";
  m.imap_url = ServerUrl(server) + url_folder;
  m.username = "chair.a@pacts.test";
  m.password = "pw";
  m.sent_folder = sent_folder;
  return m;
}

const char kDovecotSpecialUse[] =
    "* LIST (\\HasNoChildren \\Sent) \"/\" \"&AMk-l&AOk-ments envoy&AOk-s\"\r\n"
    "* LIST (\\HasNoChildren \\Trash) \"/\" Trash\r\n";

TEST(SentFolder, DovecotsIsFoundWithListSpecialUseAndOpenedByItsEncodedName) {
  FakeLineServer server("* OK ready\r\n",
                        ListingImap({.capabilities = "IMAP4rev1 LIST-EXTENDED SPECIAL-USE",
                                     .special_use = kDovecotSpecialUse}));
  ImapFolderOpener opener({});
  auto folder = opener.Open(Mailbox(server), kSentFolder);
  ASSERT_TRUE(folder.ok()) << folder.status().message();
  EXPECT_TRUE(Sent(server, "LIST (SPECIAL-USE) \"\" \"*\""));
  EXPECT_FALSE(Sent(server, "LIST \"\" \"*\"")) << "one LIST is enough";
  EXPECT_TRUE(Sent(server, std::string("EXAMINE \"") + kFrenchWire + "\""));
}

TEST(SentFolder, Microsoft365sIsFoundInAPlainListWithoutSpecialUse) {
  FakeLineServer server(
      "* OK ready\r\n",
      ListingImap({.plain = "* LIST (\\HasNoChildren) \"/\" INBOX\r\n"
                            "* LIST (\\Marked \\HasNoChildren \\Trash) \"/\" \"Deleted Items\"\r\n"
                            "* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent Items\"\r\n"}));
  auto session = Connect(server);
  ASSERT_TRUE(session.ok()) << session.status().message();
  const Result<ChosenFolder> chosen = ChooseFolder(**session, Mailbox(server), kSentFolder);
  ASSERT_TRUE(chosen.ok()) << chosen.status().message();
  EXPECT_EQ(chosen->name, "Sent Items");
  EXPECT_EQ(chosen->Described(), "Sent Items (found by its \\Sent mark)");
  EXPECT_FALSE(Sent(server, "LIST (SPECIAL-USE) \"\" \"*\"")) << "not offered, not asked";
  EXPECT_TRUE(Sent(server, "LIST \"\" \"*\""));
}

TEST(SentFolder, AServerThatRefusesTheSpecialUseSelectionIsAskedPlainly) {
  FakeLineServer server(
      "* OK ready\r\n",
      ListingImap({.capabilities = "IMAP4rev1 SPECIAL-USE",
                   .plain = "* LIST (\\HasNoChildren \\Sent) \"/\" \"[Gmail]/Sent Mail\"\r\n"}));
  auto session = Connect(server);
  ASSERT_TRUE(session.ok()) << session.status().message();
  Result<std::string> found = (*session)->FindSentFolder();
  ASSERT_TRUE(found.ok()) << found.status().message();
  EXPECT_EQ(*found, "[Gmail]/Sent Mail");
  EXPECT_TRUE(Sent(server, "LIST (SPECIAL-USE) \"\" \"*\""));
  EXPECT_TRUE(Sent(server, "LIST \"\" \"*\""));
}

// Nothing marked and nothing configured: the mailbox's failure, in words that
// tell the admin what to set - never a guess, never a crash.
TEST(SentFolder, NoneMarkedAndNoneConfiguredTellsTheAdminToSetSentFolder) {
  FakeLineServer server("* OK ready\r\n",
                        ListingImap({.plain = "* LIST (\\HasNoChildren) \"/\" INBOX\r\n"
                                              "* LIST (\\HasNoChildren) \"/\" Sent\r\n"}));
  ImapFolderOpener opener({});
  auto folder = opener.Open(Mailbox(server), kSentFolder);
  ASSERT_FALSE(folder.ok());
  EXPECT_EQ(folder.status().kind(), Status::Kind::kNotFound) << "the mailbox's, not the account's";
  const std::string why = folder.status().message();
  EXPECT_NE(why.find("co-chair Alex Able's mailbox: the server (" + ServerUrl(server) +
                     ") marks no folder as \\Sent"),
            std::string::npos)
      << why;
  EXPECT_NE(why.find("set sent_folder in their [[co_chair]] section"), std::string::npos) << why;
  EXPECT_FALSE(SentVerb(server, "EXAMINE")) << "\"Sent\" is not opened by a guess";
}

TEST(SentFolder, AConfiguredNameIsOpenedWithoutAskingAndSentEncoded) {
  FakeLineServer server("* OK ready\r\n", ListingImap({.capabilities = "IMAP4rev1 SPECIAL-USE"}));
  ImapFolderOpener opener({});
  auto folder = opener.Open(Mailbox(server, kFrench), kSentFolder);
  ASSERT_TRUE(folder.ok()) << folder.status().message();
  EXPECT_FALSE(SentVerb(server, "LIST"));
  EXPECT_TRUE(Sent(server, std::string("EXAMINE \"") + kFrenchWire + "\""));
}

// An imap_url's folder is percent-encoded UTF-8 (RFC 5092): decoded, then encoded for IMAP.
TEST(SentFolder, AnImapUrlsFolderIsSentEncodedToo) {
  FakeLineServer server("* OK ready\r\n", ListingImap({}));
  const std::string url_folder = "Bo%C3%AEte%20de%20r%C3%A9ception";
  EXPECT_EQ(ParseImapUrl(ServerUrl(server) + url_folder).folder, "Bo\u00eete de r\u00e9ception");
  ImapFolderOpener opener({});
  auto folder = opener.Open(Mailbox(server, "", url_folder), "");
  ASSERT_TRUE(folder.ok()) << folder.status().message();
  EXPECT_TRUE(Sent(server, "EXAMINE \"Bo&AO4-te de r&AOk-ception\""));
}

TEST(SentFolder, AppendSendsTheNameEncoded) {
  FakeLineServer server("* OK ready\r\n", ListingImap({}));
  auto session = Connect(server);
  ASSERT_TRUE(session.ok()) << session.status().message();
  const std::string raw = "Subject: x\r\n\r\nHello.\r\n";
  const Status s = (*session)->Append(kFrench, raw, "\\Seen");
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_TRUE(Sent(server, std::string("APPEND \"") + kFrenchWire + "\" (\\Seen) {" +
                               std::to_string(raw.size()) + "+}"));
}

// A name that is not UTF-8, or holds a control character - from the config, a
// URL or a hostile server's LIST - never reaches the wire.
TEST(SentFolder, ANameThatCannotBeSentSafelyIsNotSent) {
  FakeLineServer server(
      "* OK ready\r\n",
      ListingImap({.plain = "* LIST (\\Sent) \"/\" \"Sent&AA0ACg-I9 DELETE INBOX\"\r\n"}));
  {
    auto session = Connect(server);
    ASSERT_TRUE(session.ok()) << session.status().message();
    for (const std::string& name :
         {std::string("Envoy\xc3"), std::string("Sent\r\nI9 DELETE INBOX"),
          std::string("Sent\x1b[2J"), std::string("IN\0BOX", 6)}) {
      const Result<FolderInfo> info = (*session)->Examine(name);
      ASSERT_FALSE(info.ok());
      EXPECT_EQ(info.status().kind(), Status::Kind::kInvalidInput) << info.status().message();
      EXPECT_FALSE((*session)->Append(name, "Subject: x\r\n\r\n.\r\n", "").ok());
    }
  }  // the fake server takes one connection at a time
  ImapFolderOpener opener({});
  auto folder = opener.Open(Mailbox(server), kSentFolder);
  ASSERT_FALSE(folder.ok()) << "a CR LF hidden in a listed name";
  EXPECT_NE(folder.status().message().find("holds a control character"), std::string::npos)
      << folder.status().message();
  EXPECT_FALSE(SentVerb(server, "EXAMINE"));
  EXPECT_FALSE(SentVerb(server, "APPEND"));
  EXPECT_FALSE(SentVerb(server, "DELETE"));
}

}  // namespace
}  // namespace intaked
