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
  std::string email;  // addr-spec as written; compare with SameEmail()
  bool operator==(const Address&) const = default;
};

struct Attachment {
  std::string filename;
  std::string content_type;
  size_t size = 0;   // decoded bytes
  std::string data;  // the decoded bytes themselves
};

struct Message {
  std::string message_id;               // without angle brackets; may be empty
  std::string in_reply_to;              // first id, without angle brackets
  std::vector<std::string> references;  // ids, without angle brackets
  std::optional<Address> from;
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
