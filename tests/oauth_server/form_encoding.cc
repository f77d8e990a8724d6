// SPDX-License-Identifier: GPL-3.0-or-later
#include "form_encoding.h"

namespace oauth_test {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes one name or value: '+' is a space, %XX a byte.
std::optional<std::string> Unescape(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '+') {
      out += ' ';
    } else if (in[i] == '%') {
      if (i + 2 >= in.size()) return std::nullopt;
      const int hi = HexValue(in[i + 1]), lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += char(hi * 16 + lo);
      i += 2;
    } else {
      out += in[i];
    }
  }
  return out;
}

}  // namespace

std::optional<Form> ParseForm(std::string_view encoded) {
  Form form;
  while (!encoded.empty()) {
    const size_t amp = encoded.find('&');
    const std::string_view piece = encoded.substr(0, amp);
    encoded = amp == std::string_view::npos ? std::string_view() : encoded.substr(amp + 1);
    if (piece.empty()) continue;
    const size_t eq = piece.find('=');
    auto name = Unescape(piece.substr(0, eq));
    auto value = Unescape(eq == std::string_view::npos ? std::string_view() : piece.substr(eq + 1));
    if (!name || !value) return std::nullopt;
    if (!form.emplace(std::move(*name), std::move(*value)).second) return std::nullopt;
  }
  return form;
}

std::string FormEscape(std::string_view value) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '.' || c == '_' || c == '~';
    if (plain) {
      out += char(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

Target SplitTarget(std::string_view target) {
  const size_t q = target.find('?');
  if (q == std::string_view::npos) return {std::string(target), ""};
  return {std::string(target.substr(0, q)), std::string(target.substr(q + 1))};
}

std::string Field(const Form& form, const std::string& name) {
  const auto it = form.find(name);
  return it == form.end() ? "" : it->second;
}

}  // namespace oauth_test
