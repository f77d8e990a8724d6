// SPDX-License-Identifier: GPL-3.0-or-later
#include "mail/address.h"

#include <algorithm>
#include <cctype>

#include "base/text.h"
#include "mail/header_decode.h"

namespace intaked {
namespace {

// Splits a list at top-level commas (not inside quotes, <>, or comments) and
// drops group syntax ("Group: a, b;").
std::vector<std::string> SplitList(std::string_view v) {
  std::vector<std::string> items;
  std::string cur;
  bool quoted = false;
  int angle = 0, paren = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    const char c = v[i];
    if (quoted) {
      if (c == '\\' && i + 1 < v.size()) {
        cur += c;
        cur += v[++i];
        continue;
      }
      if (c == '"') quoted = false;
    } else if (c == '"') {
      quoted = true;
    } else if (c == '(') {
      ++paren;
    } else if (c == ')' && paren > 0) {
      --paren;
    } else if (c == '<') {
      ++angle;
    } else if (c == '>' && angle > 0) {
      --angle;
    } else if (paren == 0 && angle == 0 && (c == ',' || c == ';')) {
      items.push_back(cur);
      cur.clear();
      continue;
    } else if (paren == 0 && angle == 0 && c == ':' && cur.find('@') == std::string::npos) {
      cur.clear();  // "Group name:" prefix
      continue;
    }
    cur += c;
  }
  items.push_back(cur);
  return items;
}

std::string Unquote(std::string s) {
  s = Trim(s);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') {
    std::string out;
    for (size_t i = 1; i + 1 < s.size(); ++i) {
      if (s[i] == '\\' && i + 2 < s.size()) ++i;
      out += s[i];
    }
    return out;
  }
  return s;
}

std::string StripComments(std::string_view s, std::string* comment) {
  std::string out;
  int depth = 0;
  for (char c : s) {
    if (c == '(') {
      if (depth++ == 0) continue;
    } else if (c == ')' && depth > 0) {
      if (--depth == 0) continue;
    }
    if (depth > 0) {
      if (comment) *comment += c;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

bool IsDeliverableAddress(std::string_view email) {
  if (email.size() < 3 || email.size() > 254) return false;
  const size_t at = email.find('@');
  if (at == 0 || at == std::string_view::npos || at > 64 || at + 1 >= email.size() ||
      email.find('@', at + 1) != std::string_view::npos)
    return false;
  constexpr std::string_view kSpecials = "<>()[],;:\\\"";
  for (size_t i = 0; i < at; ++i) {
    const unsigned char c = static_cast<unsigned char>(email[i]);
    if (c < 0x21 || c > 0x7E || kSpecials.find(char(c)) != std::string_view::npos) return false;
  }
  const std::string_view domain = email.substr(at + 1);
  size_t label = 0;
  for (const char ch : domain) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
    } else if (std::isalnum(c) || c == '-') {
      ++label;
    } else {
      return false;
    }
  }
  return label > 0;
}

std::vector<Address> ParseAddressList(std::string_view header_value) {
  size_t unusable = 0;
  return ParseAddressList(header_value, &unusable);
}

std::vector<Address> ParseAddressList(std::string_view header_value, size_t* unusable) {
  std::vector<Address> out;
  *unusable = 0;
  for (const std::string& raw : SplitList(header_value)) {
    Address a;
    const size_t lt = raw.rfind('<');
    const size_t gt = raw.rfind('>');
    if (lt != std::string::npos && gt != std::string::npos && gt > lt) {
      a.email = Trim(std::string_view(raw).substr(lt + 1, gt - lt - 1));
      if (!a.email.empty() && a.email.front() == '@') {  // obsolete source route "@a,@b:x@y"
        const size_t colon = a.email.find(':');
        a.email = colon == std::string::npos ? "" : a.email.substr(colon + 1);
      }
      a.name = Unquote(StripComments(std::string_view(raw).substr(0, lt), nullptr));
    } else {
      std::string comment;
      a.email = Trim(StripComments(raw, &comment));
      a.name = Trim(comment);
    }
    if (IsDeliverableAddress(a.email)) {
      a.name = DecodeHeaderValue(a.name);
      out.push_back(std::move(a));
    } else if (!Trim(raw).empty()) {
      ++*unusable;
    }
  }
  return out;
}

bool SameEmail(std::string_view a, std::string_view b) { return LowerAscii(a) == LowerAscii(b); }

std::string MaskEmail(std::string_view email) {
  const size_t at = email.rfind('@');
  if (at == std::string_view::npos) return email.empty() ? "" : "***";
  if (at == 0) return "***" + std::string(email.substr(at));
  return std::string(1, email[0]) + "***" + std::string(email.substr(at));
}

std::string EmailDomain(std::string_view email) {
  const size_t at = email.rfind('@');
  return at == std::string_view::npos ? "" : LowerAscii(email.substr(at + 1));
}

std::string FormatAddress(const Address& a) {
  return a.name.empty() ? a.email : a.name + " <" + a.email + ">";
}

}  // namespace intaked
