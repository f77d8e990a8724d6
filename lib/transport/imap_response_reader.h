// ImapResponseReader: splits the bytes an IMAP server sends into responses,
// honouring literals ({N}\r\n followed by N bytes), so that a message body
// containing anything at all - including a line that looks like a tagged
// reply - is read whole. Pure: bytes in, responses out; no socket.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace intaked {

struct ImapResponse {
  std::string tag;   // "*", "+", or the command's tag
  std::string text;  // the response after the tag, literals left out (their {N} markers stay)
  std::vector<std::string> literals;
};

class ImapResponseReader {
 public:
  void Feed(std::string_view bytes);
  // The next complete response, if one has fully arrived.
  std::optional<ImapResponse> Next();
  size_t buffered() const { return buffer_.size() - start_; }

 private:
  std::string buffer_;
  size_t start_ = 0;
};

// The response's status word for a tagged line ("OK", "NO", "BAD"), upper-cased.
std::string ResponseStatus(const ImapResponse& r);

}  // namespace intaked
