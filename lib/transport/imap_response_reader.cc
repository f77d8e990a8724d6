// SPDX-License-Identifier: GPL-3.0-or-later
#include "transport/imap_response_reader.h"

#include <algorithm>
#include <cctype>
#include <limits>

namespace intaked {
namespace {

// If `line` ends with a literal marker "{N}" or "{N+}", returns N; a number too
// big for 64 bits comes back as the largest value, which no limit allows.
std::optional<uint64_t> TrailingLiteral(std::string_view line) {
  if (line.empty() || line.back() != '}') return std::nullopt;
  const size_t open = line.rfind('{');
  if (open == std::string_view::npos) return std::nullopt;
  std::string_view digits = line.substr(open + 1, line.size() - open - 2);
  if (!digits.empty() && digits.back() == '+') digits.remove_suffix(1);
  if (digits.empty()) return std::nullopt;
  uint64_t n = 0;
  constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
  for (char c : digits) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    const uint64_t d = uint64_t(c - '0');
    n = n > (kMax - d) / 10 ? kMax : n * 10 + d;
  }
  return n;
}

}  // namespace

void ImapResponseReader::Feed(std::string_view bytes) {
  if (!status_.ok()) return;
  if (pos_ > 0 && pos_ >= buffer_.size() / 2) {  // compact now and then: linear overall
    buffer_.erase(0, pos_);
    scan_ -= pos_;
    pos_ = 0;
  }
  buffer_.append(bytes);
}

std::optional<ImapResponse> ImapResponseReader::Fail(std::string why) {
  status_ = Status::Protocol(std::move(why));
  buffer_.clear();
  buffer_.shrink_to_fit();
  text_.clear();
  literals_.clear();
  pos_ = scan_ = 0;
  return std::nullopt;
}

std::optional<ImapResponse> ImapResponseReader::Next() {
  if (!status_.ok()) return std::nullopt;
  while (true) {
    if (awaiting_literal_) {
      if (buffer_.size() - pos_ < *awaiting_literal_) return std::nullopt;
      literals_.emplace_back(buffer_, pos_, size_t(*awaiting_literal_));
      pos_ += size_t(*awaiting_literal_);
      scan_ = pos_;
      awaiting_literal_.reset();
      continue;
    }
    const size_t crlf = buffer_.find("\r\n", scan_);
    if (crlf == std::string::npos) {
      // Next time, search on from here (one byte back: it may be a CR).
      scan_ = std::max(pos_, buffer_.empty() ? 0 : buffer_.size() - 1);
      if (text_.size() + (buffer_.size() - pos_) > limits_.max_line)
        return Fail("the server sent a response line over " + std::to_string(limits_.max_line) +
                    " bytes");
      return std::nullopt;
    }
    const std::string_view line(buffer_.data() + pos_, crlf - pos_);
    if (text_.size() + line.size() > limits_.max_line)
      return Fail("the server sent a response line over " + std::to_string(limits_.max_line) +
                  " bytes");
    text_.append(line);
    const std::optional<uint64_t> literal = TrailingLiteral(line);
    pos_ = scan_ = crlf + 2;
    if (literal) {
      if (*literal > limits_.max_literal - std::min(literal_bytes_, limits_.max_literal))
        return Fail("the server announced a literal of " + std::to_string(*literal) +
                    " bytes, over the limit of " + std::to_string(limits_.max_literal) +
                    (literal_bytes_ ? " with the " + std::to_string(literal_bytes_) +
                                          " literal bytes before it in this response"
                                    : ""));
      literal_bytes_ += *literal;
      awaiting_literal_ = *literal;
      continue;
    }
    ImapResponse r;
    const size_t sp = text_.find(' ');
    r.tag = text_.substr(0, sp);
    r.text = sp == std::string::npos ? "" : text_.substr(sp + 1);
    r.literals = std::move(literals_);
    text_.clear();
    literals_.clear();
    literal_bytes_ = 0;
    return r;
  }
}

std::string ResponseStatus(const ImapResponse& r) {
  std::string word = r.text.substr(0, r.text.find(' '));
  for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return word;
}

}  // namespace intaked
