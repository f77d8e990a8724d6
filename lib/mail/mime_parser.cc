// SPDX-License-Identifier: GPL-3.0-or-later
#include "mail/mime_parser.h"

#include <mimetic/mimetic.h>

#include <algorithm>
#include <memory>

#include "base/text.h"
#include "mail/address.h"
#include "mail/charset.h"
#include "mail/date_header.h"
#include "mail/header_decode.h"
#include "mail/html_text.h"

namespace intaked {
namespace {

void CapPartHeaders(std::string_view body, const ParseLimits& limits, std::string& out,
                    std::vector<std::string>& defects);

// Makes the bytes safe for mimetic: drops an mbox "From " line, replaces NULs,
// cuts over-long header lines and an over-large header block.
std::string Sanitize(std::string_view raw, const ParseLimits& limits,
                     std::vector<std::string>& defects) {
  if (raw.rfind("From ", 0) == 0) {
    const size_t nl = raw.find('\n');
    raw = nl == std::string_view::npos ? std::string_view() : raw.substr(nl + 1);
  }
  size_t header_end = raw.find("\r\n\r\n");
  size_t lf_end = raw.find("\n\n");
  size_t body_start;
  if (lf_end != std::string_view::npos &&
      (header_end == std::string_view::npos || lf_end < header_end)) {
    header_end = lf_end;
    body_start = lf_end + 2;
  } else if (header_end != std::string_view::npos) {
    body_start = header_end + 4;
  } else {
    header_end = raw.size();
    body_start = raw.size();
  }
  std::string out;
  out.reserve(raw.size());
  const std::string_view headers = raw.substr(0, header_end);
  size_t pos = 0;
  bool cut = false;
  while (pos < headers.size()) {
    size_t nl = headers.find('\n', pos);
    if (nl == std::string_view::npos) nl = headers.size();
    std::string_view line = headers.substr(pos, nl - pos);
    if (line.size() > limits.max_header_line) {
      line = line.substr(0, limits.max_header_line);
      cut = true;
    }
    if (out.size() + line.size() > limits.max_header_bytes) {
      defects.push_back("header block over " + std::to_string(limits.max_header_bytes) +
                        " bytes cut");
      break;
    }
    out.append(line);
    out += '\n';
    pos = nl + 1;
  }
  if (cut) defects.push_back("over-long header line cut");
  out += '\n';
  if (body_start < raw.size()) CapPartHeaders(raw.substr(body_start), limits, out, defects);
  if (std::find(out.begin(), out.end(), '\0') != out.end()) {
    std::replace(out.begin(), out.end(), '\0', ' ');
    defects.push_back("NUL bytes replaced");
  }
  return out;
}

// Nesting can be no deeper than the number of "multipart/" the message holds,
// counted over all of it (nesting after a large first part is nesting too).
int MultipartDepthEstimate(std::string_view s) {
  int count = 0;
  for (size_t at = FindNoCase(s, "multipart/"); at != std::string_view::npos;
       at = FindNoCase(s, "multipart/", at + 1)) {
    ++count;
  }
  return count;
}

// mimetic parses the header block of every part as it does the message's, and
// as slowly: cut the over-long lines and over-large blocks there too. A part's
// header block is taken to start after a line beginning "--" (a boundary) and
// to end at the first empty line; body lines are never touched.
// Appends `body` to `out`.
void CapPartHeaders(std::string_view body, const ParseLimits& limits, std::string& out,
                    std::vector<std::string>& defects) {
  bool in_headers = false, cut = false;
  size_t block = 0, pos = 0;
  while (pos < body.size()) {
    size_t nl = body.find('\n', pos);
    const size_t end = nl == std::string_view::npos ? body.size() : nl + 1;
    std::string_view line(body.data() + pos, end - pos);
    const bool empty = line == "\n" || line == "\r\n";
    if (in_headers && !empty) {
      if (line.size() > limits.max_header_line) {
        line = line.substr(0, limits.max_header_line);
        cut = true;
      }
      block += line.size();
      if (block <= limits.max_header_bytes) {
        out.append(line);
        if (line.back() != '\n') out += '\n';
      } else {
        cut = true;
      }
    } else {
      out.append(line);
      if (in_headers && empty) in_headers = false;
    }
    if (line.size() >= 2 && line[0] == '-' && line[1] == '-' && !in_headers) {
      in_headers = true;
      block = 0;
    }
    pos = end;
  }
  if (cut) defects.push_back("over-long header lines inside a part cut");
}

std::string HeaderRaw(const mimetic::MimeEntity& e, const char* name) {
  const mimetic::Header& h = e.header();
  return h.hasField(name) ? h.field(name).value() : std::string();
}

// A parameter (e.g. filename) from a raw Content-Type/Disposition value,
// honouring RFC 2231 (name*=, name*0*=) and RFC 2047 in quoted strings.
std::string Param(const std::string& raw, const std::string& name) {
  const std::string lower = LowerAscii(raw);
  std::string joined;
  bool extended = false;
  for (int part = -1; part < 64; ++part) {
    std::string key = part < 0 ? name : name + "*" + std::to_string(part);
    bool found = false;
    for (const std::string& k : {key + "*=", key + "="}) {
      size_t at = 0;
      while ((at = lower.find(k, at)) != std::string::npos) {
        if (at == 0 || lower[at - 1] == ';' ||
            std::isspace(static_cast<unsigned char>(lower[at - 1])))
          break;
        ++at;
      }
      if (at == std::string::npos) continue;
      size_t v = at + k.size();
      std::string value;
      if (v < raw.size() && raw[v] == '"') {
        const size_t end = raw.find('"', v + 1);
        value = raw.substr(v + 1, end == std::string::npos ? std::string::npos : end - v - 1);
      } else {
        const size_t end = raw.find(';', v);
        value = Trim(raw.substr(v, end == std::string::npos ? std::string::npos : end - v));
      }
      if (k.size() >= 2 && k[k.size() - 2] == '*') extended = true;
      joined += value;
      found = true;
      break;
    }
    if (part < 0 && found) return extended ? DecodeRfc2231Value(joined) : DecodeHeaderValue(joined);
    if (part >= 0 && !found) break;
  }
  if (joined.empty()) return {};
  return extended ? DecodeRfc2231Value(joined) : DecodeHeaderValue(joined);
}

std::string MediaType(const mimetic::MimeEntity& e) {
  const std::string raw = HeaderRaw(e, "Content-Type");
  if (Trim(raw).empty()) return "text/plain";
  std::string t = LowerAscii(Trim(raw.substr(0, raw.find(';'))));
  return t.find('/') == std::string::npos ? "text/plain" : t;
}

std::string DecodedBody(const mimetic::MimeEntity& e) {
  const std::string enc = LowerAscii(Trim(HeaderRaw(e, "Content-Transfer-Encoding")));
  const std::string& body = e.body();
  if (enc == "base64") return DecodeBase64(body);
  if (enc == "quoted-printable") return DecodeQuotedPrintable(body);
  return body;
}

// CR LF and bare CR to LF, in place: the text is never longer afterwards, and
// a message of tens of megabytes is not copied once more for it.
std::string NormalizeNewlines(std::string s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      s[w++] = '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      s[w++] = s[i];
    }
  }
  s.resize(w);
  return s;
}

struct Walk {
  std::string plain, html;
  std::vector<Attachment> attachments;
};

// Parts nested deeper than `max_depth` multiparts are not walked.
void WalkEntity(const mimetic::MimeEntity& e, int depth, int max_depth, Walk& w) {
  const std::string type = MediaType(e);
  const std::string ctype_raw = HeaderRaw(e, "Content-Type");
  const std::string disp_raw = HeaderRaw(e, "Content-Disposition");
  if (type.rfind("multipart/", 0) == 0) {
    if (depth >= max_depth) return;
    for (const mimetic::MimeEntity* child : e.body().parts())
      WalkEntity(*child, depth + 1, max_depth, w);
    return;
  }
  std::string filename = Param(disp_raw, "filename");
  if (filename.empty()) filename = Param(ctype_raw, "name");
  const bool attachment =
      LowerAscii(Trim(disp_raw)).rfind("attachment", 0) == 0 || !filename.empty();
  if (!attachment && (type == "text/plain" || type == "text/html")) {
    std::string text = NormalizeNewlines(ToUtf8(DecodedBody(e), Param(ctype_raw, "charset")));
    std::string& slot = type == "text/plain" ? w.plain : w.html;
    if (slot.empty())
      slot = std::move(text);
    else
      slot += "\n\n" + text;  // several inline text parts: keep them all, in order
    return;
  }
  std::string data = DecodedBody(e);
  const size_t size = data.size();
  w.attachments.push_back({filename.empty() ? "(unnamed)" : filename, type, size, std::move(data)});
}

// A header's value with its folding undone, still encoded: addresses are
// parsed from this, so an encoded word can never become part of an addr-spec.
std::string Unfolded(const std::string& raw) {
  std::string out;
  out.reserve(raw.size());
  for (char c : raw) {
    if (c != '\r' && c != '\n') out += c;
  }
  return out;
}

std::vector<Address> AddressList(const mimetic::MimeEntity& e, const char* name) {
  return ParseAddressList(Unfolded(HeaderRaw(e, name)));
}

void ReadHeaders(const mimetic::MimeEntity& e, Message& m) {
  m.message_id = [&] {
    auto ids = ParseMessageIds(HeaderRaw(e, "Message-ID"));
    return ids.empty() ? std::string() : ids.front();
  }();
  auto irt = ParseMessageIds(HeaderRaw(e, "In-Reply-To"));
  if (!irt.empty()) m.in_reply_to = irt.front();
  m.references = ParseMessageIds(HeaderRaw(e, "References"));
  size_t unusable = 0;
  const std::vector<Address> from = ParseAddressList(Unfolded(HeaderRaw(e, "From")), &unusable);
  if (!from.empty()) {
    m.from = from.front();
  } else if (unusable > 0) {
    // Somebody wrote; their address is one nothing may be sent to. Keep them
    // as a sender without an address: the mail is still read and handled.
    m.from = Address{};
    m.from_unusable = true;
    m.defects.push_back("From address unusable: nothing will be sent to it");
  } else {
    m.defects.push_back("no readable From");
  }
  if (auto sender = AddressList(e, "Sender"); !sender.empty()) m.sender = sender.front();
  m.reply_to = AddressList(e, "Reply-To");
  m.to = AddressList(e, "To");
  m.cc = AddressList(e, "Cc");
  m.subject = DecodeHeaderValue(HeaderRaw(e, "Subject"));
  m.date = ParseDateHeader(HeaderRaw(e, "Date"));
  m.auto_submitted = LowerAscii(Trim(HeaderRaw(e, "Auto-Submitted")));
  m.precedence = LowerAscii(Trim(HeaderRaw(e, "Precedence")));
  m.list_id = Trim(HeaderRaw(e, "List-Id"));
  m.return_path = Trim(HeaderRaw(e, "Return-Path"));
  m.content_type = MediaType(e);
  m.has_autoreply_header =
      e.header().hasField("X-Autoreply") || e.header().hasField("X-Autorespond");
}

}  // namespace

namespace {

std::vector<std::string> IdsAsWritten(std::string_view value) {
  std::vector<std::string> ids;
  size_t pos = 0;
  while ((pos = value.find('<', pos)) != std::string_view::npos) {
    const size_t end = value.find('>', pos);
    if (end == std::string_view::npos) break;
    std::string id = Trim(std::string(value.substr(pos + 1, end - pos - 1)));
    if (!id.empty()) ids.push_back(std::move(id));
    pos = end + 1;
  }
  if (ids.empty()) {  // some clients omit the brackets
    std::string bare = Trim(std::string(value));
    if (!bare.empty() && bare.find(' ') == std::string::npos &&
        bare.find('@') != std::string::npos) {
      ids.push_back(bare);
    }
  }
  return ids;
}

// An id we may write back into In-Reply-To/References: printable ASCII, no
// brackets, short enough for one header line.
bool UsableMessageId(std::string_view id) {
  if (id.empty() || id.size() > 250) return false;
  for (char ch : id) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x21 || c > 0x7E || c == '<' || c == '>') return false;
  }
  return true;
}

// mimetic can throw on broken multipart structure (the fuzzer found a
// std::length_error in its block copy). ParseMessage never throws: read the
// top level alone, then, failing that, the header block alone.
std::unique_ptr<const mimetic::MimeEntity> LoadEntity(const std::string& clean, int mask,
                                                      std::vector<std::string>& defects) {
  try {
    return std::make_unique<const mimetic::MimeEntity>(clean.begin(), clean.end(), mask);
  } catch (const std::exception& e) {
    defects.push_back(std::string("MIME structure unreadable (") + e.what() +
                      "); only the top level read");
  }
  try {
    return std::make_unique<const mimetic::MimeEntity>(clean.begin(), clean.end(),
                                                       int(mimetic::imChildParts));
  } catch (const std::exception&) {
    defects.push_back("MIME body unreadable; only the header read");
  }
  const size_t end = clean.find("\n\n");
  const std::string headers = clean.substr(0, end == std::string::npos ? clean.size() : end + 2);
  return std::make_unique<const mimetic::MimeEntity>(headers.begin(), headers.end(),
                                                     int(mimetic::imBody));
}

}  // namespace

std::vector<std::string> ParseMessageIds(std::string_view value) {
  std::vector<std::string> ids = IdsAsWritten(value);
  std::erase_if(ids, [](const std::string& id) { return !UsableMessageId(id); });
  return ids;
}

Message ParseMessage(std::string_view raw, const ParseLimits& limits) {
  Message m;
  // Line ends as one LF: mimetic's boundary search trims a block's last
  // newline by looking at two bytes, and a one-byte block after a CR LF made
  // it subtract 2 from 1 (std::length_error, found by the fuzzer - and mimetic
  // leaks what it had built when it throws). With no CR left it cannot.
  const std::string clean = NormalizeNewlines(Sanitize(raw, limits, m.defects));
  int mask = mimetic::imNone;
  if (MultipartDepthEstimate(clean) > limits.max_multipart_depth) {
    mask = mimetic::imChildParts;
    m.defects.push_back("too many nested multiparts; only the top level read");
  }
  const std::unique_ptr<const mimetic::MimeEntity> read = LoadEntity(clean, mask, m.defects);
  const mimetic::MimeEntity& entity = *read;
  ReadHeaders(entity, m);
  Walk w;
  WalkEntity(entity, 0, limits.max_multipart_depth, w);
  m.body = !w.plain.empty() ? std::move(w.plain) : HtmlToText(w.html);
  m.attachments = std::move(w.attachments);
  if (m.message_id.empty()) m.defects.push_back("no Message-ID");
  return m;
}

}  // namespace intaked
