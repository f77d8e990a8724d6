// SPDX-License-Identifier: GPL-3.0-or-later
// ImapResponseReader: splits the bytes an IMAP server sends into responses,
// honouring literals ({N}\r\n followed by N bytes), so that a message body
// containing anything at all - including a line that looks like a tagged
// reply - is read whole. Pure: bytes in, responses out; no socket.
//
// The server is not trusted: a literal may not claim more than `max_literal`
// bytes, a response's text (literals left out) may not exceed `max_line`, and
// a response's literals together may not exceed `max_literal`. Breaking a
// limit puts the reader in a failed state for good (status()), which the
// session turns into a connection error: the connection is dropped, never the
// process, and memory stays bounded. Each byte is scanned once, however the
// network splits the stream. Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace intaked {

struct ImapResponse {
  std::string tag;   // "*", "+", or the command's tag
  std::string text;  // the response after the tag, literals left out (their {N} markers stay)
  std::vector<std::string> literals;
};

struct ImapReaderLimits {
  uint64_t max_literal = 64u << 20;  // bytes of literal data in one response
  size_t max_line = 1u << 20;        // bytes of one response's text, literals left out
};

class ImapResponseReader {
 public:
  explicit ImapResponseReader(ImapReaderLimits limits = {}) : limits_(limits) {}

  // Callers read every response Next() has before feeding more, so that the
  // buffer never holds more than one response plus one read's worth of bytes.
  void Feed(std::string_view bytes);
  // The next complete response, if one has fully arrived; never one after a
  // limit was broken.
  std::optional<ImapResponse> Next();
  // Ok, or the limit the server broke (kProtocol).
  const Status& status() const { return status_; }
  size_t buffered() const { return buffer_.size() - pos_; }
  // Changes the literal limit from the next literal on (a FETCH of large mail).
  void set_max_literal(uint64_t bytes) { limits_.max_literal = bytes; }
  uint64_t max_literal() const { return limits_.max_literal; }

 private:
  std::optional<ImapResponse> Fail(std::string why);

  ImapReaderLimits limits_;
  std::string buffer_;
  size_t pos_ = 0;   // the first byte not yet taken into the response in progress
  size_t scan_ = 0;  // where the search for the next CRLF resumes (>= pos_)
  // The response in progress.
  std::string text_;
  std::vector<std::string> literals_;
  uint64_t literal_bytes_ = 0;
  std::optional<uint64_t> awaiting_literal_;  // its size, while its bytes arrive
  Status status_;
};

// The response's status word for a tagged line ("OK", "NO", "BAD"), upper-cased.
std::string ResponseStatus(const ImapResponse& r);

}  // namespace intaked
