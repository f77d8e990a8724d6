// SPDX-License-Identifier: GPL-3.0-or-later
// Mailbox names as IMAP carries them: modified UTF-7 (RFC 3501 §5.1.3).
//
// intaked holds every folder name in UTF-8 - as the config spells it, as an
// imap_url's percent-escapes decode (RFC 5092), as people read it - and
// ImapSession encodes it on its way into a command (EXAMINE, APPEND). Names a
// server lists come back encoded and are decoded here, for display and to be
// opened again. In modified UTF-7, printable ASCII stands for itself, "&" is
// written "&-", and anything else is UTF-16 in a base64 run between "&" and
// "-" (with "," for "/").
//
// Both directions are pure, linear and allocate at most about the size of
// their input. The decoder takes a server's bytes, so it is strict: it refuses
// whatever a correct encoder never writes (an unterminated or empty run, a
// bad base64 character, leftover bits, printable ASCII or a lone surrogate
// inside a run, two runs side by side). Names that decode are exactly the
// names that encode back to the same bytes.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace intaked {

// UTF-8 -> modified UTF-7. kInvalidInput for bytes that are not UTF-8 and for
// control characters (C0, DEL, C1): RFC 3501 could encode them, but no folder
// intaked is asked to open has one, and in a command it can only be a mistake
// or an attack.
Result<std::string> EncodeMailboxName(std::string_view utf8);

// Modified UTF-7 -> UTF-8; kInvalidInput, naming the byte, for malformed input.
Result<std::string> DecodeMailboxName(std::string_view wire);

}  // namespace intaked
