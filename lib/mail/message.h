// SPDX-License-Identifier: GPL-3.0-or-later
// Message: an incoming email, reduced to what the procedure needs.
//
// A plain value, produced by ParseMessage (mime_parser.h) from raw RFC 5322
// bytes. Every text field is UTF-8, whatever the sender's charsets were.
// Owns all its data; cheap to move.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace intaked {

struct Address {
  std::string name;   // display name, decoded; may be empty
  std::string email;  // addr-spec: empty or IsDeliverableAddress(); compare with SameEmail()
  bool operator==(const Address&) const = default;
};

struct Attachment {
  std::string filename;
  std::string content_type;
  size_t size = 0;   // decoded bytes
  std::string data;  // the decoded bytes themselves
};

struct Message {
  // Message-IDs without angle brackets, printable ASCII only (see ParseMessageIds).
  std::string message_id;   // may be empty
  std::string in_reply_to;  // the first id
  std::vector<std::string> references;
  std::optional<Address> from;    // its email is empty when from_unusable
  bool from_unusable = false;     // a From was there, but no address we may write to
  std::optional<Address> sender;  // Sender: header, if any
  std::vector<Address> reply_to;
  std::vector<Address> to;
  std::vector<Address> cc;
  std::string subject;
  std::optional<std::chrono::sys_seconds> date;  // from the Date header
  std::string body;                              // the text body, UTF-8
  std::vector<Attachment> attachments;

  // Headers that classification reads, as written (unfolded, decoded).
  std::string auto_submitted;
  std::string precedence;
  std::string list_id;
  std::string return_path;
  std::string content_type;  // top-level "type/subtype", lower case
  bool has_autoreply_header =
      false;  // X-Autoreply, X-Autorespond, X-Auto-Response-Suppress present

  // What went wrong while parsing, if anything; the fields above hold what
  // could be recovered.
  std::vector<std::string> defects;
};

}  // namespace intaked
