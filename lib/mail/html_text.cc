// SPDX-License-Identifier: GPL-3.0-or-later
#include "mail/html_text.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "base/text.h"
#include "mail/address.h"

namespace intaked {
namespace {

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes the entity at html[i] ('&'); returns how many bytes it used (0: not one).
size_t DecodeEntity(std::string_view html, size_t i, std::string& out) {
  // Entities are short: look no further than that, or a document of '&'s with
  // no ';' would be scanned to its end once per '&'.
  const size_t semi = html.substr(0, std::min(html.size(), i + 12)).find(';', i);
  if (semi == std::string_view::npos || semi - i > 10) return 0;
  const std::string name(html.substr(i + 1, semi - i - 1));
  if (name.size() > 1 && name[0] == '#') {
    const bool hex = name[1] == 'x' || name[1] == 'X';
    const std::string digits = name.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 7) return 0;
    for (char c : digits) {
      if (hex ? !std::isxdigit(static_cast<unsigned char>(c))
              : !std::isdigit(static_cast<unsigned char>(c)))
        return 0;
    }
    AppendUtf8(out, uint32_t(std::stoul(digits, nullptr, hex ? 16 : 10)));
    return semi - i + 1;
  }
  static const std::pair<const char*, uint32_t> kNamed[] = {
      {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
      {"apos", '\''},    {"nbsp", ' '},     {"pound", 0xA3},   {"euro", 0x20AC},
      {"copy", 0xA9},    {"ndash", 0x2013}, {"mdash", 0x2014}, {"lsquo", 0x2018},
      {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"hellip", 0x2026},
      {"eacute", 0xE9},  {"bull", 0x2022}};
  for (const auto& [n, cp] : kNamed) {
    if (name == n) {
      AppendUtf8(out, cp);
      return semi - i + 1;
    }
  }
  return 0;
}

bool IsBlockTag(const std::string& tag) {
  static const char* kBlocks[] = {"p",  "div", "br", "tr",         "table", "h1", "h2",  "h3",
                                  "h4", "h5",  "h6", "blockquote", "ul",    "ol", "pre", "hr"};
  for (const char* b : kBlocks) {
    if (tag == b) return true;
  }
  return false;
}

// Marks HtmlToText leaves in its draft for Tidy: a <blockquote> opens or
// closes. Control bytes of the mail itself never reach the draft.
constexpr char kQuoteOpen = '\x01';
constexpr char kQuoteClose = '\x02';
// Deeper quotes are prefixed as this deep: a hostile nest of 100,000
// blockquotes must not make every line 200 kB long.
constexpr int kMaxQuotePrefix = 8;

// What Outlook writes above the header block of the mail it quotes or
// forwards, in its own plain text: SplitReply knows it.
constexpr std::string_view kOutlookRule = "________________________________";

// Collapses runs of blanks and of blank lines that the markup left behind,
// and starts each line inside a blockquote with "> " per level, as a plain
// text client quotes.
std::string Tidy(const std::string& s) {
  std::string out;
  int newlines = 0, depth = 0;
  bool space = false, line_start = true;
  for (char c : s) {
    if (c == kQuoteOpen || c == kQuoteClose) {
      depth = c == kQuoteOpen ? depth + 1 : std::max(0, depth - 1);
      continue;
    }
    if (c == '\n') {
      ++newlines;
      space = false;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      space = true;
      continue;
    }
    if (newlines > 0) {
      if (!out.empty()) {
        out.append(newlines > 1 ? "\n\n" : "\n");
        line_start = true;
      }
      newlines = 0;
    } else if (space && !out.empty() && !line_start) {
      out += ' ';
    }
    if (line_start) {
      for (int d = 0; d < std::min(depth, kMaxQuotePrefix); ++d) out += "> ";
      line_start = false;
    }
    space = false;
    out += c;
  }
  return out;
}

}  // namespace

std::string HtmlToText(std::string_view html) {
  std::string out;
  out.reserve(html.size() / 2);
  size_t i = 0;
  while (i < html.size()) {
    const char c = html[i];
    if (c == '<') {
      const size_t close = html.find('>', i);
      if (close == std::string_view::npos) break;
      std::string tag = LowerAscii(html.substr(i + 1, close - i - 1));
      const bool end_tag = !tag.empty() && tag[0] == '/';
      size_t k = end_tag ? 1 : 0;
      size_t e = k;
      while (e < tag.size() && std::isalnum(static_cast<unsigned char>(tag[e]))) ++e;
      const std::string name = tag.substr(k, e - k);
      if (!end_tag && (name == "script" || name == "style" || name == "head")) {
        // Searched in place, never copied: a copy per <style> made this quadratic.
        const size_t skip = FindNoCase(html, "</" + name, close);
        i = skip == std::string_view::npos ? html.size() : skip;
        continue;
      }
      if (tag.rfind("!--", 0) == 0) {
        const size_t end = html.find("-->", i);
        i = end == std::string_view::npos ? html.size() : end + 3;
        continue;
      }
      if (name == "blockquote") {
        out += end_tag ? "\n\n\x02" : "\n\n\x01";
      } else if (name == "div" && !end_tag && tag.find("divrplyfwdmsg") != std::string::npos) {
        // Outlook on the web and mobile: the quoted mail's header block.
        out += "\n\n";
        out += kOutlookRule;
        out += "\n\n";
      } else if (name == "li" && !end_tag)
        out += "\n- ";
      else if (IsBlockTag(name))
        out += (name == "br" ? "\n" : "\n\n");
      else if (name == "td" || name == "th")
        out += ' ';
      i = close + 1;
    } else if (c == '&') {
      const size_t used = DecodeEntity(html, i, out);
      if (used == 0) out += c;
      i += used ? used : 1;
    } else {
      const bool mark = c == kQuoteOpen || c == kQuoteClose;
      out += (c == '\n' || c == '\r' || mark) ? ' ' : c;
      ++i;
    }
  }
  return Tidy(out);
}

}  // namespace intaked
