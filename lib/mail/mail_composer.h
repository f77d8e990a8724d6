// SPDX-License-Identifier: GPL-3.0-or-later
// ComposeMail: an outgoing letter as RFC 5322 bytes, ready for SMTP.
//
// Always UTF-8 text, quoted-printable, encoded-word subjects and names,
// CRLF line ends, header lines folded to 78 bytes where they can be, and the
// headers that keep auto-replies from looping (Auto-Submitted,
// X-Auto-Response-Suppress). Pure: the caller supplies the
// date and the Message-ID.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "mail/message.h"

namespace intaked {

struct OutgoingMail {
  Address from;
  std::vector<Address> to;
  std::vector<Address> cc;
  std::optional<Address> reply_to;
  std::string subject;
  std::string body;        // UTF-8, "\n" line ends
  std::string message_id;  // without angle brackets
  std::string in_reply_to;
  std::vector<std::string> references;
  std::string auto_submitted = "auto-replied";  // or "auto-generated"
  std::chrono::sys_seconds date;
  std::vector<Attachment> attachments;  // sent as base64 parts of a multipart/mixed
};

std::string ComposeMail(const OutgoingMail& mail);

// Folds every line of a header block (CRLF line ends) longer than 78 bytes
// before a space or tab (RFC 5322 2.2.3), so unfolding gives back the same
// text; a line is never left longer than 998 bytes.
std::string FoldHeaderLines(std::string_view block);
// Encodes a header text as RFC 2047 encoded words when it is not plain ASCII.
std::string EncodeHeaderText(std::string_view text);
std::string EncodeQuotedPrintable(std::string_view text);
// "Tue, 01 Dec 2026 10:00:00 +0000".
std::string FormatRfc5322Date(std::chrono::sys_seconds t);

}  // namespace intaked
