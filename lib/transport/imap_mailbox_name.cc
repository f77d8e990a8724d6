// SPDX-License-Identifier: GPL-3.0-or-later
#include "transport/imap_mailbox_name.h"

#include <cstdint>
#include <optional>

namespace intaked {
namespace {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

bool Printable(uint32_t c) { return c >= 0x20 && c <= 0x7E; }
bool Control(uint32_t c) { return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F); }
bool HighSurrogate(uint32_t u) { return u >= 0xD800 && u <= 0xDBFF; }
bool LowSurrogate(uint32_t u) { return u >= 0xDC00 && u <= 0xDFFF; }

std::optional<uint32_t> Base64Value(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == ',') return 63;
  return std::nullopt;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    *out += char(cp);
  } else if (cp < 0x800) {
    *out += char(0xC0 | (cp >> 6));
    *out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out += char(0xE0 | (cp >> 12));
    *out += char(0x80 | ((cp >> 6) & 0x3F));
    *out += char(0x80 | (cp & 0x3F));
  } else {
    *out += char(0xF0 | (cp >> 18));
    *out += char(0x80 | ((cp >> 12) & 0x3F));
    *out += char(0x80 | ((cp >> 6) & 0x3F));
    *out += char(0x80 | (cp & 0x3F));
  }
}

// The code point starting at s[*i] (advancing *i past it), or nothing when the
// bytes there are not UTF-8: overlong forms, surrogates and values past
// U+10FFFF are refused like any stray byte.
std::optional<uint32_t> NextCodePoint(std::string_view s, size_t* i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = b(*i);
  if (lead < 0x80) return b((*i)++);
  size_t len = 0;
  uint32_t cp = 0, min_second = 0x80, max_second = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    len = 2, cp = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    len = 3, cp = lead & 0x0F;
    if (lead == 0xE0) min_second = 0xA0;  // overlong
    if (lead == 0xED) max_second = 0x9F;  // UTF-16 surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    len = 4, cp = lead & 0x07;
    if (lead == 0xF0) min_second = 0x90;  // overlong
    if (lead == 0xF4) max_second = 0x8F;  // past U+10FFFF
  } else {
    return std::nullopt;
  }
  if (s.size() - *i < len) return std::nullopt;
  for (size_t k = 1; k < len; ++k) {
    const unsigned char c = b(*i + k);
    const bool ok = k == 1 ? c >= min_second && c <= max_second : c >= 0x80 && c <= 0xBF;
    if (!ok) return std::nullopt;
    cp = (cp << 6) | (c & 0x3F);
  }
  *i += len;
  return cp;
}

// Collects UTF-16 units into one base64 run ("&...-").
class Base64Run {
 public:
  explicit Base64Run(std::string* out) : out_(out) {}
  void Add(uint32_t unit) {
    if (!open_) *out_ += '&';
    open_ = true;
    bits_ = (bits_ << 16) | unit;
    nbits_ += 16;
    while (nbits_ >= 6) {
      nbits_ -= 6;
      *out_ += kBase64[(bits_ >> nbits_) & 0x3F];
    }
    bits_ &= (1u << nbits_) - 1;
  }
  void Close() {
    if (!open_) return;
    if (nbits_ > 0) *out_ += kBase64[(bits_ << (6 - nbits_)) & 0x3F];
    *out_ += '-';
    open_ = false;
    bits_ = nbits_ = 0;
  }

 private:
  std::string* out_;
  bool open_ = false;
  uint32_t bits_ = 0;
  int nbits_ = 0;
};

Status Malformed(std::string_view why, size_t at) {
  return Status::InvalidInput("not a modified UTF-7 mailbox name: " + std::string(why) +
                              " at byte " + std::to_string(at));
}

// Decodes the base64 run that starts at wire[*i] (just after its "&"), up to and
// past its "-", appending UTF-8 to *out.
Status DecodeRun(std::string_view wire, size_t* i, std::string* out) {
  const size_t start = *i - 1;
  uint32_t bits = 0, high = 0;
  int nbits = 0;
  for (; *i < wire.size() && wire[*i] != '-'; ++*i) {
    const std::optional<uint32_t> v = Base64Value(static_cast<unsigned char>(wire[*i]));
    if (!v) return Malformed("a character outside modified base64", *i);
    bits = ((bits << 6) | *v) & 0x3FFFFF;
    nbits += 6;
    if (nbits < 16) continue;
    nbits -= 16;
    const uint32_t unit = (bits >> nbits) & 0xFFFF;
    if (high != 0) {
      if (!LowSurrogate(unit)) return Malformed("a high surrogate without its low one", *i);
      AppendUtf8(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00), out);
      high = 0;
    } else if (HighSurrogate(unit)) {
      high = unit;
    } else if (LowSurrogate(unit)) {
      return Malformed("a low surrogate without its high one", *i);
    } else if (Printable(unit)) {
      return Malformed("printable ASCII inside \"&...-\"", *i);
    } else {
      AppendUtf8(unit, out);
    }
  }
  if (*i == wire.size()) return Malformed("\"&\" never ended by \"-\"", start);
  if (high != 0) return Malformed("a high surrogate without its low one", *i);
  // A correct encoder writes the fewest characters: under 6 bits left, all zero.
  if (nbits >= 6) return Malformed("base64 characters left over", *i);
  if ((bits & ((1u << nbits) - 1)) != 0) return Malformed("non-zero padding bits", *i);
  ++*i;  // the "-"
  return Status::Ok();
}

}  // namespace

Result<std::string> EncodeMailboxName(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  Base64Run run(&out);
  for (size_t i = 0; i < utf8.size();) {
    const size_t at = i;
    const std::optional<uint32_t> cp = NextCodePoint(utf8, &i);
    if (!cp)
      return Status::InvalidInput("the folder name is not UTF-8 (at byte " + std::to_string(at) +
                                  ")");
    if (Control(*cp))
      return Status::InvalidInput("the folder name holds a control character (at byte " +
                                  std::to_string(at) + ")");
    if (Printable(*cp)) {
      run.Close();
      out += *cp == '&' ? "&-" : std::string(1, char(*cp));
    } else if (*cp >= 0x10000) {
      run.Add(0xD800 + ((*cp - 0x10000) >> 10));
      run.Add(0xDC00 + ((*cp - 0x10000) & 0x3FF));
    } else {
      run.Add(*cp);
    }
  }
  run.Close();
  return out;
}

Result<std::string> DecodeMailboxName(std::string_view wire) {
  std::string out;
  out.reserve(wire.size());
  bool after_run = false;  // the last thing read was a run's closing "-"
  for (size_t i = 0; i < wire.size();) {
    const unsigned char c = static_cast<unsigned char>(wire[i]);
    if (c != '&') {
      if (!Printable(c)) return Malformed("a byte that is not printable ASCII", i);
      out += char(c);
      ++i;
      after_run = false;
    } else if (i + 1 < wire.size() && wire[i + 1] == '-') {
      out += '&';
      i += 2;
      after_run = false;
    } else {
      // One run would have held both: "&AOk-&AOk-" is "&AOkA6Q-" written twice as long.
      if (after_run) return Malformed("two \"&...-\" runs side by side", i);
      ++i;
      if (Status s = DecodeRun(wire, &i, &out); !s.ok()) return s;
      after_run = true;
    }
  }
  return out;
}

}  // namespace intaked
