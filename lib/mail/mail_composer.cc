// SPDX-License-Identifier: GPL-3.0-or-later
#include "mail/mail_composer.h"

#include <date/date.h>
#include <fmt/format.h>

namespace intaked {
namespace {

constexpr size_t kFoldAt = 78;    // RFC 5322 2.1.1: lines SHOULD be no longer
constexpr size_t kMaxLine = 998;  // ... and MUST be no longer (without CRLF)

bool IsPlainAscii(std::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || u < 0x20) return false;
  }
  return true;
}

std::string Base64(std::string_view in) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned v =
        (unsigned char)in[i] << 16 | (unsigned char)in[i + 1] << 8 | (unsigned char)in[i + 2];
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i + 1 == in.size()) {
    const unsigned v = (unsigned char)in[i] << 16;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    const unsigned v = (unsigned char)in[i] << 16 | (unsigned char)in[i + 1] << 8;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

std::string FormatMailbox(const Address& a) {
  if (a.name.empty()) return "<" + a.email + ">";
  if (!IsPlainAscii(a.name)) return EncodeHeaderText(a.name) + " <" + a.email + ">";
  std::string quoted = "\"";
  for (char c : a.name) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\" <" + a.email + ">";
}

std::string FormatList(const std::vector<Address>& list) {
  std::string out;
  for (size_t i = 0; i < list.size(); ++i) {
    if (i) out += ",\r\n ";
    out += FormatMailbox(list[i]);
  }
  return out;
}

bool IsFoldSpace(char c) { return c == ' ' || c == '\t'; }

// Where to fold `line` so that (with `lead` bytes already before it on the
// output line) the part before the fold is at most `limit` bytes: the index
// of a space or tab with text on both sides, the last one within the limit
// when `last`, else the first one beyond `from`; npos when there is none.
size_t FoldPoint(std::string_view line, size_t lead, size_t limit, bool last, size_t from = 0) {
  size_t text = 0;  // a fold must leave text on the line before it
  while (text < line.size() && IsFoldSpace(line[text])) ++text;
  const size_t end = std::min(line.size() - 2, limit - lead);  // callers pass lines over 78
  auto ok = [&](size_t i) { return i > text && IsFoldSpace(line[i]) && !IsFoldSpace(line[i + 1]); };
  if (last) {
    for (size_t i = end; i > text; --i) {
      if (ok(i)) return i;
    }
    return std::string_view::npos;
  }
  for (size_t i = from; i <= end; ++i) {
    if (ok(i)) return i;
  }
  return std::string_view::npos;
}

// Appends one physical header line (no CRLF), folded.
void FoldLine(std::string_view line, std::string& out) {
  size_t lead = 0;  // 1 after a forced break: the space that continues the line
  while (lead + line.size() > kFoldAt) {
    size_t cut = FoldPoint(line, lead, kFoldAt, true);
    if (cut == std::string_view::npos)
      cut = FoldPoint(line, lead, kMaxLine, false, kFoldAt - lead + 1);
    if (cut == std::string_view::npos && lead + line.size() <= kMaxLine) break;
    const bool forced = cut == std::string_view::npos;
    // A run of over 998 bytes without a space (an absurd subject word) is
    // broken anyway: a reader sees a space there, which beats a rejected letter.
    if (forced) cut = kMaxLine - lead;
    out.append(lead, ' ').append(line.substr(0, cut)).append("\r\n");
    line.remove_prefix(cut);
    lead = forced ? 1 : 0;
  }
  out.append(lead, ' ').append(line);
}

}  // namespace

std::string FoldHeaderLines(std::string_view block) {
  std::string out;
  out.reserve(block.size() + block.size() / 32);
  while (!block.empty()) {
    const size_t eol = block.find("\r\n");
    FoldLine(block.substr(0, eol), out);
    if (eol == std::string_view::npos) break;
    out += "\r\n";
    block.remove_prefix(eol + 2);
  }
  return out;
}

std::string EncodeHeaderText(std::string_view text) {
  if (IsPlainAscii(text)) return std::string(text);
  // Encoded words of at most 39 input bytes (lines stay under 78 after "Subject: "), split on UTF-8
  // character boundaries.
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = std::min(text.size(), i + 39);
    while (end > i && end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
      --end;
    // Not UTF-8 (a run of continuation bytes): cut anyway, so the loop always advances.
    if (end == i) end = std::min(text.size(), i + 39);
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(text.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string EncodeQuotedPrintable(std::string_view text) {
  std::string out;
  size_t line_len = 0;
  auto emit = [&](const std::string& piece) {
    if (line_len + piece.size() > 75) {
      out += "=\r\n";
      line_len = 0;
    }
    out += piece;
    line_len += piece.size();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      out += "\r\n";
      line_len = 0;
      continue;
    }
    if (c == '\r') continue;
    const bool at_line_end = i + 1 == text.size() || text[i + 1] == '\n' || text[i + 1] == '\r';
    const bool safe =
        (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !at_line_end);
    // A line starting "From " or "." is escaped so no agent mangles it.
    const bool risky_start =
        line_len == 0 && (c == '.' || (c == 'F' && text.substr(i, 5) == "From "));
    emit(safe && !risky_start ? std::string(1, char(c)) : fmt::format("={:02X}", c));
  }
  return out;
}

std::string FormatRfc5322Date(std::chrono::sys_seconds t) {
  return date::format("%a, %d %b %Y %H:%M:%S +0000", t);
}

std::string ComposeMail(const OutgoingMail& mail) {
  std::string h;
  h += "From: " + FormatMailbox(mail.from) + "\r\n";
  h += "To: " + FormatList(mail.to) + "\r\n";
  if (!mail.cc.empty()) h += "Cc: " + FormatList(mail.cc) + "\r\n";
  if (mail.reply_to) h += "Reply-To: " + FormatMailbox(*mail.reply_to) + "\r\n";
  h += "Subject: " + EncodeHeaderText(mail.subject) + "\r\n";
  h += "Date: " + FormatRfc5322Date(mail.date) + "\r\n";
  h += "Message-ID: <" + mail.message_id + ">\r\n";
  if (!mail.in_reply_to.empty()) h += "In-Reply-To: <" + mail.in_reply_to + ">\r\n";
  if (!mail.references.empty()) {
    h += "References:";
    for (size_t i = 0; i < mail.references.size(); ++i) {
      h += (i == 0 ? " <" : "\r\n <") + mail.references[i] + ">";  // folded: no 998-byte lines
    }
    h += "\r\n";
  }
  h += "Auto-Submitted: " + mail.auto_submitted + "\r\n";
  h += "X-Auto-Response-Suppress: All\r\n";
  h += "MIME-Version: 1.0\r\n";
  h = FoldHeaderLines(h);
  std::string body = EncodeQuotedPrintable(mail.body);
  if (body.empty() || body.back() != '\n') body += "\r\n";
  const std::string text_headers =
      "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n";
  if (mail.attachments.empty()) return h + text_headers + "\r\n" + body;
  // The boundary is derived from the Message-ID, which is unique and never in base64 or QP output.
  const std::string boundary =
      "=_intaked_" + std::to_string(std::hash<std::string>{}(mail.message_id));
  std::string out = h + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n";
  // The line break before a boundary belongs to the boundary: add one so the text keeps its own.
  out += "--" + boundary + "\r\n" + text_headers + "\r\n" + body + "\r\n";
  for (const Attachment& a : mail.attachments) {
    std::string safe = a.filename;
    for (char& c : safe) {
      if (c == '"' || c == '\\' || c == '\r' || c == '\n') c = '_';
    }
    const std::string name = EncodeHeaderText(safe);
    out +=
        "--" + boundary + "\r\n" +
        FoldHeaderLines("Content-Type: " +
                        (a.content_type.empty() ? "application/octet-stream" : a.content_type) +
                        "; name=\"" + name + "\"\r\nContent-Disposition: attachment; filename=\"" +
                        name + "\"\r\nContent-Transfer-Encoding: base64\r\n") +
        "\r\n";
    const std::string encoded = Base64(a.data);
    for (size_t i = 0; i < encoded.size(); i += 76) out += encoded.substr(i, 76) + "\r\n";
  }
  return out + "--" + boundary + "--\r\n";
}

}  // namespace intaked
