// SPDX-License-Identifier: GPL-3.0-or-later
// Header lines of composed letters (RFC 5322 2.1.1, 2.2.3): folded at
// whitespace to 78 bytes where they can be, never longer than 998, and the
// folding undone by any reader gives back exactly what was written.
#include <date/date.h>
#include <gtest/gtest.h>

#include "mail/mail_composer.h"
#include "mail/mime_parser.h"

namespace intaked {
namespace {

OutgoingMail Letter(const std::string& subject) {
  OutgoingMail out;
  out.from = {"PACTS Complaints", "info@pacts.test"};
  out.to = {{"Pat Parent", "parent@family.test"}};
  out.subject = subject;
  out.body = "Text.\n";
  out.message_id = "abcdefghijklmnopqrstuvwxyz@pacts.test";
  out.date = date::sys_days(date::year(2026) / 12 / 1);
  return out;
}

// The longest line of the header blocks (the message's and each part's) of `raw`.
std::vector<std::string> HeaderLines(const std::string& raw) {
  std::vector<std::string> lines;
  bool in_header = true;
  for (size_t pos = 0, nl; (nl = raw.find("\r\n", pos)) != std::string::npos; pos = nl + 2) {
    const std::string line = raw.substr(pos, nl - pos);
    if (line.empty()) in_header = false;
    if (line.rfind("--=_intaked_", 0) == 0) in_header = true;  // a part's headers follow
    if (in_header && !line.empty()) lines.push_back(line);
  }
  return lines;
}

TEST(HeaderFolding, ASixteenKilobyteSubjectIsFoldedAndReadsBackTheSame) {
  std::string subject = "[PACTS-2026-0001] Re:";
  for (int i = 0; subject.size() < 16 * 1024; ++i) subject += " word" + std::to_string(i % 997);
  const std::string raw = ComposeMail(Letter(subject));
  const auto lines = HeaderLines(raw);
  ASSERT_GT(lines.size(), 200u) << "folded";
  for (const std::string& line : lines) EXPECT_LE(line.size(), 78u) << line;
  const Message back = ParseMessage(raw);
  EXPECT_EQ(back.subject, subject);
  EXPECT_EQ(back.message_id, "abcdefghijklmnopqrstuvwxyz@pacts.test");
  EXPECT_EQ(back.body, "Text.\n");
}

TEST(HeaderFolding, NoLineIsLongerThan998EvenWithoutASpaceToFoldAt) {
  OutgoingMail out = Letter("Re: " + std::string(5000, 'x') + " end");
  out.in_reply_to = std::string(1500, 'i') + "@family.test";  // a hostile complainant's id
  out.references = {out.in_reply_to};
  const std::string raw = ComposeMail(out);
  for (const std::string& line : HeaderLines(raw)) EXPECT_LE(line.size(), 998u);
  const Message back = ParseMessage(raw);
  EXPECT_EQ(back.message_id, out.message_id);
  EXPECT_EQ(back.body, "Text.\n") << "the header block still ends where it should";
  std::string squeezed;
  for (char c : back.subject) {
    if (c != ' ') squeezed += c;
  }
  EXPECT_EQ(squeezed, "Re:" + std::string(5000, 'x') + "end") << "only spaces were added";
}

TEST(HeaderFolding, AttachmentHeadersAreFoldedToo) {
  OutgoingMail out = Letter("[PACTS-2026-0001] New complaint");
  std::string name;
  while (name.size() < 600) name += "minutes of the meeting ";
  name += "draft.pdf";
  out.attachments = {{name, "application/pdf", 5, "%PDF-"}};
  const std::string raw = ComposeMail(out);
  for (const std::string& line : HeaderLines(raw)) EXPECT_LE(line.size(), 78u) << line;
  const Message back = ParseMessage(raw);
  ASSERT_EQ(back.attachments.size(), 1u);
  EXPECT_EQ(back.attachments[0].filename, name);
  EXPECT_EQ(back.attachments[0].data, "%PDF-");
}

TEST(HeaderFolding, FoldsOnlyBeforeWhitespaceWithTextOnBothSides) {
  EXPECT_EQ(FoldHeaderLines("Subject: short\r\n"), "Subject: short\r\n");
  EXPECT_EQ(FoldHeaderLines("To: a,\r\n b\r\n"), "To: a,\r\n b\r\n") << "existing folds kept";
  const std::string word(40, 'w');
  EXPECT_EQ(FoldHeaderLines("Subject: " + word + " " + word + "\r\n"),
            "Subject: " + word + "\r\n " + word + "\r\n");
  // A run of spaces: the new line starts with the last of them, never holds only spaces.
  EXPECT_EQ(FoldHeaderLines("Subject: " + word + "    " + word + "\r\n"),
            "Subject: " + word + "   \r\n " + word + "\r\n");
  // Unfolding (deleting each CRLF) gives back the line.
  std::string line = "X-Test:";
  for (int i = 0; i < 300; ++i) line += (i % 7 ? " a" : "\tbb") + std::to_string(i);
  std::string folded = FoldHeaderLines(line + "\r\n");
  std::string unfolded;
  for (size_t i = 0; i < folded.size(); ++i) {
    if (folded.compare(i, 2, "\r\n") == 0 && i + 2 < folded.size()) {
      ++i;
      continue;
    }
    unfolded += folded[i];
  }
  EXPECT_EQ(unfolded, line + "\r\n");
}

}  // namespace
}  // namespace intaked
