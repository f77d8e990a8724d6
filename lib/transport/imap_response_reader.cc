#include "transport/imap_response_reader.h"

#include <cctype>

namespace intaked {
namespace {

// If `line` ends with a literal marker "{N}" or "{N+}", returns N.
std::optional<size_t> TrailingLiteral(std::string_view line) {
  if (line.empty() || line.back() != '}') return std::nullopt;
  const size_t open = line.rfind('{');
  if (open == std::string_view::npos) return std::nullopt;
  std::string_view digits = line.substr(open + 1, line.size() - open - 2);
  if (!digits.empty() && digits.back() == '+') digits.remove_suffix(1);
  if (digits.empty() || digits.size() > 12) return std::nullopt;
  size_t n = 0;
  for (char c : digits) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    n = n * 10 + size_t(c - '0');
  }
  return n;
}

}  // namespace

void ImapResponseReader::Feed(std::string_view bytes) {
  if (start_ > 0 && start_ >= buffer_.size() / 2) {  // compact now and then, not on every response
    buffer_.erase(0, start_);
    start_ = 0;
  }
  buffer_.append(bytes);
}

std::optional<ImapResponse> ImapResponseReader::Next() {
  ImapResponse r;
  size_t pos = start_;
  std::string text;
  while (true) {
    const size_t crlf = buffer_.find("\r\n", pos);
    if (crlf == std::string::npos) return std::nullopt;
    const std::string_view line(buffer_.data() + pos, crlf - pos);
    text.append(line);
    const auto literal = TrailingLiteral(line);
    if (!literal) {
      pos = crlf + 2;
      break;
    }
    const size_t lit_start = crlf + 2;
    if (buffer_.size() - lit_start < *literal) return std::nullopt;
    r.literals.emplace_back(buffer_, lit_start, *literal);
    pos = lit_start + *literal;
  }
  start_ = pos;
  const size_t sp = text.find(' ');
  r.tag = text.substr(0, sp);
  r.text = sp == std::string::npos ? "" : text.substr(sp + 1);
  return r;
}

std::string ResponseStatus(const ImapResponse& r) {
  std::string word = r.text.substr(0, r.text.find(' '));
  for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return word;
}

}  // namespace intaked
