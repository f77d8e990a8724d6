// SPDX-License-Identifier: GPL-3.0-or-later
// LIST responses as real servers send them - Dovecot, Gmail, Microsoft 365 -
// read through the same ImapResponseReader the session uses, and the Sent
// folder found among them by its \Sent mark; then what a hostile server
// might send instead.
#include "transport/imap_list.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace intaked {
namespace {

// The responses in `bytes`, as ImapSession would collect them.
std::vector<ImapResponse> Responses(const std::string& bytes) {
  ImapResponseReader reader;
  reader.Feed(bytes);
  std::vector<ImapResponse> out;
  while (auto r = reader.Next()) out.push_back(std::move(*r));
  EXPECT_TRUE(reader.status().ok()) << reader.status().message();
  EXPECT_EQ(reader.buffered(), 0u) << "every byte read";
  return out;
}

ListedMailbox Parsed(const std::string& line) {
  const std::vector<ImapResponse> r = Responses(line);
  EXPECT_EQ(r.size(), 1u) << line;
  if (r.size() != 1) return {};
  const Result<ListedMailbox> m = ParseListResponse(r[0]);
  EXPECT_TRUE(m.ok()) << line << ": " << m.status().message();
  return m.ok() ? m.value() : ListedMailbox{};
}

std::string SentIn(const std::string& bytes) {
  const Result<std::string> name = FindMarkedMailbox(Responses(bytes), "\\Sent");
  EXPECT_TRUE(name.ok()) << name.status().message();
  return name.ok() ? name.value() : "";
}

// Dovecot 2.3 answering LIST (SPECIAL-USE) "" "*": atoms where it can, a
// non-ASCII name in modified UTF-7.
const char kDovecot[] =
    "* LIST (\\HasNoChildren \\Sent) \"/\" \"&AMk-l&AOk-ments envoy&AOk-s\"\r\n"
    "* LIST (\\HasNoChildren \\Trash) \"/\" Trash\r\n"
    "I3 OK List completed (0.001 + 0.000 secs).\r\n";

// Gmail answering a plain LIST "" "*" (it also offers SPECIAL-USE).
const char kGmail[] =
    "* LIST (\\HasNoChildren) \"/\" \"INBOX\"\r\n"
    "* LIST (\\HasChildren \\Noselect) \"/\" \"[Gmail]\"\r\n"
    "* LIST (\\All \\HasNoChildren) \"/\" \"[Gmail]/All Mail\"\r\n"
    "* LIST (\\Drafts \\HasNoChildren) \"/\" \"[Gmail]/Drafts\"\r\n"
    "* LIST (\\HasNoChildren \\Important) \"/\" \"[Gmail]/Important\"\r\n"
    "* LIST (\\HasNoChildren \\Sent) \"/\" \"[Gmail]/Sent Mail\"\r\n"
    "* LIST (\\HasNoChildren \\Junk) \"/\" \"[Gmail]/Spam\"\r\n"
    "* LIST (\\Flagged \\HasNoChildren) \"/\" \"[Gmail]/Starred\"\r\n"
    "* LIST (\\HasNoChildren \\Trash) \"/\" \"[Gmail]/Bin\"\r\n"
    "I4 OK Success\r\n";

// Microsoft 365 (Exchange Online), which has no SPECIAL-USE capability but
// marks its folders in a plain LIST all the same.
const char kMicrosoft365[] =
    "* LIST (\\Marked \\HasNoChildren) \"/\" Archive\r\n"
    "* LIST (\\HasChildren) \"/\" Calendar\r\n"
    "* LIST (\\HasNoChildren) \"/\" \"Calendar/Birthdays\"\r\n"
    "* LIST (\\HasNoChildren \\Drafts) \"/\" Drafts\r\n"
    "* LIST (\\Marked \\HasNoChildren \\Trash) \"/\" \"Deleted Items\"\r\n"
    "* LIST (\\Marked \\HasNoChildren) \"/\" INBOX\r\n"
    "* LIST (\\HasNoChildren \\Junk) \"/\" \"Junk Email\"\r\n"
    "* LIST (\\HasNoChildren) \"/\" Outbox\r\n"
    "* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent Items\"\r\n"
    "I5 OK LIST completed.\r\n";

TEST(ImapList, FindsDovecotsSentFolderByItsMarkInModifiedUtf7) {
  EXPECT_EQ(SentIn(kDovecot), "\u00c9l\u00e9ments envoy\u00e9s");
  const ListedMailbox trash = Parsed("* LIST (\\HasNoChildren \\Trash) \"/\" Trash\r\n");
  EXPECT_EQ(trash.name, "Trash");
  EXPECT_EQ(trash.delimiter, '/');
  EXPECT_EQ(trash.attributes, (std::vector<std::string>{"\\HasNoChildren", "\\Trash"}));
}

TEST(ImapList, FindsGmailsSentMail) {
  EXPECT_EQ(SentIn(kGmail), "[Gmail]/Sent Mail");
  // A Russian account's folder names are in modified UTF-7.
  EXPECT_EQ(SentIn("* LIST (\\HasNoChildren \\Sent) \"/\" "
                   "\"[Gmail]/&BB4EQgQ,BEAEMAQyBDsENQQ9BD0ESwQ1-\"\r\n"),
            "[Gmail]/\u041e\u0442\u043f\u0440\u0430\u0432\u043b\u0435\u043d\u043d\u044b\u0435");
}

TEST(ImapList, FindsMicrosoft365sSentItems) { EXPECT_EQ(SentIn(kMicrosoft365), "Sent Items"); }

TEST(ImapList, ReadsANameSentAsALiteral) {
  const std::string bytes = "* LIST (\\HasNoChildren \\Sent) \"/\" {12}\r\nSent \"Items\"\r\n";
  const ListedMailbox m = Parsed(bytes);
  EXPECT_EQ(m.name, "Sent \"Items\"");
  EXPECT_TRUE(m.Has("\\sent")) << "attributes are case-insensitive";
  EXPECT_EQ(SentIn(bytes + "I1 OK done\r\n"), "Sent \"Items\"");
  // A literal that is followed by LIST-EXTENDED data on the rest of the line.
  EXPECT_EQ(Parsed("* LIST (\\Sent) \"/\" {4}\r\nSent (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n").name,
            "Sent");
}

TEST(ImapList, ReadsDelimitersEscapesAndExtendedData) {
  const ListedMailbox flat = Parsed("* LIST (\\Sent) NIL \"Sent\"\r\n");
  EXPECT_FALSE(flat.delimiter.has_value());
  EXPECT_EQ(Parsed("* LIST (\\Sent) nil Sent\r\n").name, "Sent");
  EXPECT_EQ(Parsed("* LIST () \"\\\\\" \"a\\\\b\"\r\n").delimiter, '\\');
  EXPECT_EQ(Parsed("* LIST () \"\\\\\" \"a\\\\b\"\r\n").name, "a\\b");
  EXPECT_EQ(Parsed("* LIST () \".\" \"Say \\\"hi\\\"\"\r\n").name, "Say \"hi\"");
  EXPECT_TRUE(Parsed("* LIST () \".\" x\r\n").attributes.empty());
  EXPECT_EQ(Parsed("* list (\\Sent) \"/\" \"Sent\" (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n").name,
            "Sent");
  EXPECT_EQ(Parsed("* LIST (\\Sent) \"/\" Sent]*%\r\n").name, "Sent]*%");
}

// INBOX is the one case-insensitive name (RFC 3501 §5.1): any spelling is "INBOX".
TEST(ImapList, AnySpellingOfInboxIsInbox) {
  EXPECT_EQ(Parsed("* LIST () \"/\" inbox\r\n").name, "INBOX");
  EXPECT_EQ(Parsed("* LIST () \"/\" \"InBoX\"\r\n").name, "INBOX");
  EXPECT_EQ(Parsed("* LIST () \"/\" \"inbox/Sent\"\r\n").name, "inbox/Sent");
  EXPECT_EQ(Parsed("* LIST () \"/\" Inboxes\r\n").name, "Inboxes");
}

TEST(ImapList, PassesOverWhatCannotBeOpenedOrRead) {
  // \Noselect and \NonExistent folders cannot be opened; a malformed line is skipped.
  EXPECT_EQ(SentIn("* LIST (\\Sent \\Noselect) \"/\" Old\r\n"
                   "* LIST (\\Sent \\NonExistent) \"/\" Gone\r\n"
                   "* LIST (\\Sent \"/\" Broken\r\n"
                   "* STATUS Sent (MESSAGES 3)\r\n"
                   "* LIST (\\Sent) \"/\" \"Sent&AOk-\"\r\n"),
            "Sent\u00e9");
  // The marked folder's name is not modified UTF-7: said so, not opened by a guess.
  const Result<std::string> raw =
      FindMarkedMailbox(Responses("* LIST (\\Sent) \"/\" \"Envoy\xc3\xa9s\"\r\n"), "\\Sent");
  ASSERT_FALSE(raw.ok());
  EXPECT_EQ(raw.status().kind(), Status::Kind::kProtocol);
  EXPECT_NE(raw.status().message().find("has a name intaked cannot read"), std::string::npos);
  // No mark at all.
  const Result<std::string> none = FindMarkedMailbox(
      Responses("* LIST (\\HasNoChildren) \"/\" Sent\r\n* LIST () \"/\" INBOX\r\n"), "\\Sent");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().kind(), Status::Kind::kNotFound);
}

TEST(ImapList, RefusesMalformedResponsesWhole) {
  const char* bad[] = {
      "* LIST\r\n",
      "* LISTING () \"/\" x\r\n",
      "* LIST \"/\" Sent\r\n",
      "* LIST (\\Sent \"/\" Sent\r\n",
      "* LIST (\\Sent\r\n",
      "* LIST (\\Sent \\) \"/\" Sent\r\n",
      "* LIST (\\Sent  \\Trash) \"/\" Sent\r\n",
      "* LIST (\\Sent)\"/\" Sent\r\n",
      "* LIST (\\Sent) \"//\" Sent\r\n",
      "* LIST (\\Sent) \"\" Sent\r\n",
      "* LIST (\\Sent) \"\\x\" Sent\r\n",
      "* LIST (\\Sent) / Sent\r\n",
      "* LIST (\\Sent) \"/\"\r\n",
      "* LIST (\\Sent) \"/\" \r\n",
      "* LIST (\\Sent) \"/\" \"\"\r\n",
      "* LIST (\\Sent) \"/\" \"Sent\r\n",
      "* LIST (\\Sent) \"/\" \"Se\\nt\"\r\n",
      "* LIST (\\Sent) \"/\" \"Sent\"x\r\n",
      "* LIST (\\Sent) \"/\" Sent(x\r\n",
      "* LIST (\\Sent) \"/\" {x}\r\n",
      "* LIST (\\Sent) \"/\" {}\r\n",
      "* LIST (\\Sent) \"/\" {99999999999999999999999}\r\n",
  };
  for (const char* b : bad) {
    ImapResponseReader reader;
    reader.Feed(b);
    const std::optional<ImapResponse> r = reader.Next();
    if (!r) continue;  // the reader itself refused it: never reaches the parser
    const Result<ListedMailbox> m = ParseListResponse(*r);
    ASSERT_FALSE(m.ok()) << b << " parsed, named " << m->name;
    EXPECT_EQ(m.status().kind(), Status::Kind::kProtocol);
    EXPECT_NE(m.status().message().find("LIST response: "), std::string::npos);
  }
  // What the reader cannot produce, but a parser must not trust: a literal
  // marker with no literal, or one of another size.
  EXPECT_FALSE(ParseListResponse({"*", "LIST () \"/\" {4}", {}}).ok());
  EXPECT_FALSE(ParseListResponse({"*", "LIST () \"/\" {4}", {"Sent Items"}}).ok());
  EXPECT_FALSE(ParseListResponse({"I1", "LIST () \"/\" Sent", {}}).ok()) << "tagged";
}

// A hostile server's megabyte line: refused or read in one pass, never a hang.
TEST(ImapList, HostileLinesAreBounded) {
  std::string many = "* LIST (";
  for (int i = 0; i < 200000; ++i) many += "\\A ";
  many += "\\Sent) \"/\" Sent\r\n";
  std::string nested = "* LIST (\\Sent) \"/\" Sent ";
  nested += std::string(500000, '(') + "\r\n";
  std::string long_name = "* LIST (\\Sent) \"/\" \"";
  for (int i = 0; i < 100000; ++i) long_name += "\\\"&AOk-";  // 700 KB: under the line limit
  long_name += "\"\r\n";
  const auto start = std::chrono::steady_clock::now();
  const std::vector<ImapResponse> a = Responses(many), b = Responses(nested),
                                  c = Responses(long_name);
  const Result<ListedMailbox> pa = ParseListResponse(a.at(0));
  ASSERT_FALSE(pa.ok()) << "over 64 attributes";
  EXPECT_NE(pa.status().message().find("over 64 attributes"), std::string::npos);
  EXPECT_EQ(ParseListResponse(b.at(0))->name, "Sent") << "extended data is not descended into";
  const Result<std::string> found = FindMarkedMailbox(c, "\\Sent");
  ASSERT_TRUE(found.ok()) << found.status().message();
  EXPECT_EQ(found->size(), 100000u * 3);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

}  // namespace
}  // namespace intaked
