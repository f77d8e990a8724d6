// SPDX-License-Identifier: GPL-3.0-or-later
#include "mail/charset.h"

#include <errno.h>
#include <iconv.h>

#include "mail/address.h"

namespace intaked {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Length of the valid UTF-8 sequence at s[i], or 0 when it is invalid.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  size_t n;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF)
    n = 2;
  else if (c >= 0xE0 && c <= 0xEF)
    n = 3;
  else if (c >= 0xF0 && c <= 0xF4)
    n = 4;
  else
    return 0;
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  }
  const auto c1 = static_cast<unsigned char>(s[i + 1]);
  if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
  if (c == 0xED && c1 > 0x9F) return 0;  // surrogates
  if (c == 0xF0 && c1 < 0x90) return 0;  // overlong
  if (c == 0xF4 && c1 > 0x8F) return 0;  // beyond U+10FFFF
  return n;
}

std::string Convert(std::string_view bytes, const std::string& from, bool* ok) {
  *ok = false;
  iconv_t cd = iconv_open("UTF-8", from.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return {};
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  char buf[4096];
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  while (in_left > 0) {
    char* o = buf;
    size_t o_left = sizeof buf;
    const size_t r = iconv(cd, &in, &in_left, &o, &o_left);
    out.append(buf, size_t(o - buf));
    if (r == size_t(-1)) {
      if (errno == E2BIG) continue;
      // EILSEQ or EINVAL (truncated input): mark the byte and go on.
      out += kReplacement;
      ++in;
      --in_left;
      iconv(cd, nullptr, nullptr, nullptr, nullptr);
    }
  }
  iconv_close(cd);
  *ok = true;
  return out;
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const size_t n = Utf8SequenceLength(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string SanitizeUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const size_t n = Utf8SequenceLength(s, i);
    if (n == 0) {
      out += kReplacement;
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string ToUtf8(std::string_view bytes, std::string_view charset) {
  std::string cs = LowerAscii(charset);
  if (cs.empty() || cs == "us-ascii" || cs == "ascii" || cs == "utf-8" || cs == "utf8" ||
      cs == "unknown-8bit" || cs == "x-unknown") {
    if (IsValidUtf8(bytes)) return std::string(bytes);
    if (!cs.empty() && cs != "us-ascii" && cs != "ascii" && cs.rfind("utf", 0) == 0) {
      return SanitizeUtf8(bytes);  // declared UTF-8 but broken: keep what is valid
    }
    cs = "windows-1252";  // 8-bit text without a (true) declaration
  }
  // Mail clients write ISO-8859-1 when they mean Windows-1252; the latter is a superset.
  if (cs == "iso-8859-1" || cs == "latin1" || cs == "iso_8859-1") cs = "windows-1252";
  bool ok = false;
  std::string out = Convert(bytes, cs, &ok);
  // iconv's idea of UTF-8 is not ours: glibc passes code points above
  // U+10FFFF through from UCS-4 and its aliases. Check what it gave back.
  if (ok) return IsValidUtf8(out) ? out : SanitizeUtf8(out);
  // Unknown charset name: best effort.
  if (IsValidUtf8(bytes)) return std::string(bytes);
  out = Convert(bytes, "windows-1252", &ok);
  return ok ? out : SanitizeUtf8(bytes);
}

}  // namespace intaked
