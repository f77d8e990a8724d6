// SPDX-License-Identifier: GPL-3.0-or-later
// ImapList: one untagged LIST response (RFC 3501 §7.2.2, with RFC 6154's
// special-use attributes) parsed into its parts - the attributes, the
// hierarchy delimiter and the mailbox name - so that a folder is found by its
// \Sent mark, not by guessing its name.
//
//   * LIST (\HasNoChildren \Sent) "/" "Sent Items"
//   * LIST (\HasNoChildren \Sent) "/" "[Gmail]/Sent Mail"
//   * LIST (\Sent) NIL {17}\r\n<17 bytes>\r\n
//
// The name may be an atom, a quoted string (with \" and \\ escapes) or a
// literal; ImapResponseReader has already taken a literal's bytes out of the
// text into ImapResponse::literals, leaving its "{N}" marker. Whatever follows
// the name (LIST-EXTENDED's extended data) is ignored. The name is returned as
// the server spelt it, in modified UTF-7 (imap_mailbox_name.h), except that
// any spelling of INBOX becomes "INBOX": that one name is case-insensitive.
//
// Pure and linear: one pass over the response, no recursion, nothing kept
// beyond the parts. A response that does not parse is refused as a whole
// (kProtocol) and never half-read.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "transport/imap_response_reader.h"

namespace intaked {

struct ListedMailbox {
  std::vector<std::string> attributes;  // as sent: "\HasNoChildren", "\Sent"
  std::optional<char> delimiter;        // none for NIL (a flat namespace)
  std::string name;                     // modified UTF-7, as sent; "INBOX" in any case is "INBOX"

  // Whether it carries `attribute` ("\Sent"); attributes are case-insensitive.
  bool Has(std::string_view attribute) const;
  // Whether it can be opened: not \Noselect or \NonExistent (RFC 5258).
  bool Selectable() const;
};

// Whether `r` is an untagged LIST response ("* LIST ...").
bool IsListResponse(const ImapResponse& r);

// Parses an untagged LIST response; kProtocol, naming what is wrong, when it
// is not one or is malformed.
Result<ListedMailbox> ParseListResponse(const ImapResponse& r);

// The UTF-8 name of the first selectable mailbox among `responses` that
// carries `attribute` ("\Sent"). Other responses, and LIST responses that do
// not parse, are passed over; kNotFound when no mailbox carries it, kProtocol
// when the one that does has a name that is not modified UTF-7.
Result<std::string> FindMarkedMailbox(const std::vector<ImapResponse>& responses,
                                      std::string_view attribute);

}  // namespace intaked
