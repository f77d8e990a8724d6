// SPDX-License-Identifier: GPL-3.0-or-later
#include "mail/header_decode.h"

#include <cctype>

#include "base/text.h"
#include "mail/address.h"
#include "mail/charset.h"

namespace intaked {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

// Parses one encoded word starting at s[i] ("=?cs?e?text?="). On success
// returns its decoded UTF-8 text and sets *end past it.
bool DecodeWord(std::string_view s, size_t i, size_t* end, std::string* out) {
  if (s.compare(i, 2, "=?") != 0) return false;
  const size_t q1 = s.find('?', i + 2);
  if (q1 == std::string_view::npos || q1 + 2 >= s.size() || s[q1 + 2] != '?') return false;
  const size_t q3 = s.find("?=", q1 + 3);
  if (q3 == std::string_view::npos) return false;
  std::string charset(s.substr(i + 2, q1 - i - 2));
  if (const size_t star = charset.find('*'); star != std::string::npos) charset.resize(star);
  const char enc = static_cast<char>(std::toupper(static_cast<unsigned char>(s[q1 + 1])));
  const std::string_view text = s.substr(q1 + 3, q3 - q1 - 3);
  if (text.find_first_of(" \t\r\n") != std::string_view::npos) return false;
  std::string bytes;
  if (enc == 'B')
    bytes = DecodeBase64(text);
  else if (enc == 'Q')
    bytes = DecodeQuotedPrintable(text, true);
  else
    return false;
  *out = ToUtf8(bytes, charset);
  *end = q3 + 2;
  return true;
}

}  // namespace

std::string DecodeBase64(std::string_view in) {
  std::string out;
  out.reserve(in.size() * 3 / 4);
  unsigned buf = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=') break;
    const int v = Base64Value(c);
    if (v < 0) continue;  // line breaks and junk
    buf = (buf << 6) | unsigned(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buf >> bits) & 0xFF);
    }
  }
  return out;
}

std::string DecodeQuotedPrintable(std::string_view in, bool header_q) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '_' && header_q) {
      out += ' ';
    } else if (c == '=') {
      if (i + 2 < in.size() && HexValue(in[i + 1]) >= 0 && HexValue(in[i + 2]) >= 0) {
        out += static_cast<char>(HexValue(in[i + 1]) * 16 + HexValue(in[i + 2]));
        i += 2;
      } else {
        // Soft line break "=\r\n" / "=\n" (possibly after trailing blanks): drop it.
        size_t j = i + 1;
        while (j < in.size() && (in[j] == ' ' || in[j] == '\t')) ++j;
        if (j < in.size() && in[j] == '\r') ++j;
        if (j < in.size() && in[j] == '\n') {
          i = j;
        } else if (j >= in.size()) {
          i = j;  // trailing '=' at the very end
        } else {
          out += c;  // a stray '=': keep it, as readers expect
        }
      }
    } else {
      out += c;
    }
  }
  return out;
}

std::string DecodeHeaderValue(std::string_view raw) {
  std::string out;
  size_t i = 0;
  bool last_was_word = false;
  std::string pending_space;
  while (i < raw.size()) {
    const char c = raw[i];
    if (c == '\r' || c == '\n') {
      ++i;
      continue;  // unfold
    }
    if (c == ' ' || c == '\t') {
      pending_space += ' ';
      ++i;
      continue;
    }
    size_t end = 0;
    std::string word;
    if (c == '=' && DecodeWord(raw, i, &end, &word)) {
      if (!last_was_word) out += pending_space;  // space between two encoded words is dropped
      out += word;
      pending_space.clear();
      last_was_word = true;
      i = end;
      continue;
    }
    out += pending_space;
    pending_space.clear();
    size_t j = i;
    while (j < raw.size() && raw[j] != ' ' && raw[j] != '\t' && raw[j] != '\r' && raw[j] != '\n') {
      if (raw[j] == '=' && j + 1 < raw.size() && raw[j + 1] == '?' && j > i) break;
      ++j;
    }
    if (j == i) j = i + 1;
    out += ToUtf8(raw.substr(i, j - i), "");
    last_was_word = false;
    i = j;
  }
  // Collapse leading blanks left by folding.
  out = WithoutControls(out);
  size_t b = 0;
  while (b < out.size() && out[b] == ' ') ++b;
  return out.substr(b);
}

std::string DecodeRfc2231Value(std::string_view value) {
  const size_t q1 = value.find('\'');
  const size_t q2 = q1 == std::string_view::npos ? q1 : value.find('\'', q1 + 1);
  if (q2 == std::string_view::npos) return WithoutControls(ToUtf8(value, ""));
  const std::string charset(value.substr(0, q1));
  std::string bytes;
  const std::string_view enc = value.substr(q2 + 1);
  for (size_t i = 0; i < enc.size(); ++i) {
    if (enc[i] == '%' && i + 2 < enc.size() && HexValue(enc[i + 1]) >= 0 &&
        HexValue(enc[i + 2]) >= 0) {
      bytes += static_cast<char>(HexValue(enc[i + 1]) * 16 + HexValue(enc[i + 2]));
      i += 2;
    } else {
      bytes += enc[i];
    }
  }
  return WithoutControls(ToUtf8(bytes, charset));
}

}  // namespace intaked
