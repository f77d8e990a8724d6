// SPDX-License-Identifier: GPL-3.0-or-later
#include "transport/imap_list.h"

#include <strings.h>

#include <cstdint>

#include "base/text.h"
#include "transport/imap_mailbox_name.h"

namespace intaked {
namespace {

// More attributes than any server gives one mailbox; past this it is an attack.
constexpr size_t kMaxAttributes = 64;

bool AtomChar(unsigned char c) {
  // RFC 3501 ATOM-CHAR, with "]" (ASTRING-CHAR) and the list wildcards, which
  // some servers leave unquoted in names.
  return c > 0x20 && c < 0x7F && c != '(' && c != ')' && c != '{' && c != '"' && c != '\\';
}

// Reads the response left to right, once.
class ListParser {
 public:
  explicit ListParser(const ImapResponse& r) : text_(r.text), literals_(r.literals) {}

  Result<ListedMailbox> Parse() {
    ListedMailbox m;
    if (!Word("list") || !Take(' ')) return Fail("not a LIST response");
    if (Status s = Attributes(&m.attributes); !s.ok()) return s;
    if (!Take(' ')) return Fail("no space after the attributes");
    if (Status s = Delimiter(&m.delimiter); !s.ok()) return s;
    if (!Take(' ')) return Fail("no space after the hierarchy delimiter");
    if (Status s = Name(&m.name); !s.ok()) return s;
    if (m.name.empty()) return Fail("an empty mailbox name");
    if (at_ < text_.size() && text_[at_] != ' ') return Fail("something stuck to the name");
    if (EqualsNoCase(m.name, "inbox")) m.name = "INBOX";
    return m;
  }

 private:
  static bool EqualsNoCase(std::string_view s, std::string_view lower) {
    return s.size() == lower.size() && StartsWithNoCase(s, lower);
  }
  bool Take(char c) {
    if (at_ >= text_.size() || text_[at_] != c) return false;
    ++at_;
    return true;
  }
  bool Word(std::string_view lower) {
    if (!StartsWithNoCase(text_.substr(at_), lower)) return false;
    at_ += lower.size();
    return true;
  }
  Status Fail(const std::string& why) const {
    return Status::Protocol("LIST response: " + why + " at byte " + std::to_string(at_));
  }
  size_t AtomEnd(size_t from) const {
    while (from < text_.size() && AtomChar(static_cast<unsigned char>(text_[from]))) ++from;
    return from;
  }

  // "(" [flag *(SP flag)] ")", each flag "\" atom or an atom.
  Status Attributes(std::vector<std::string>* out) {
    if (!Take('(')) return Fail("no \"(\" before the attributes");
    if (Take(')')) return Status::Ok();
    while (true) {
      const size_t start = at_;
      Take('\\');
      const size_t end = AtomEnd(at_);
      if (end == at_) return Fail("an empty or malformed attribute");
      if (out->size() == kMaxAttributes)
        return Fail("over " + std::to_string(kMaxAttributes) + " attributes");
      out->emplace_back(text_.substr(start, end - start));
      at_ = end;
      if (Take(')')) return Status::Ok();
      if (!Take(' ')) return Fail("attributes not ended by \")\"");
    }
  }

  // DQUOTE QUOTED-CHAR DQUOTE / nil
  Status Delimiter(std::optional<char>* out) {
    if (Word("nil")) return Status::Ok();
    if (!Take('"')) return Fail("no hierarchy delimiter");
    if (Take('\\')) {
      if (at_ >= text_.size() || (text_[at_] != '"' && text_[at_] != '\\'))
        return Fail("a bad escape in the delimiter");
    } else if (at_ >= text_.size() || text_[at_] == '"' ||
               static_cast<unsigned char>(text_[at_]) < 0x20 ||
               static_cast<unsigned char>(text_[at_]) >= 0x7F) {
      return Fail("a bad hierarchy delimiter");
    }
    *out = text_[at_++];
    if (!Take('"')) return Fail("a delimiter of more than one character");
    return Status::Ok();
  }

  Status Name(std::string* out) {
    if (Take('"')) return Quoted(out);
    if (at_ < text_.size() && text_[at_] == '{') return Literal(out);
    const size_t end = AtomEnd(at_);
    if (end == at_) return Fail("no mailbox name");
    out->assign(text_.substr(at_, end - at_));
    at_ = end;
    return Status::Ok();
  }

  // After the opening quote: up to the closing one, with \" and \\ unescaped.
  Status Quoted(std::string* out) {
    for (; at_ < text_.size(); ++at_) {
      char c = text_[at_];
      if (c == '"') {
        ++at_;
        return Status::Ok();
      }
      if (c == '\\') {
        if (++at_ == text_.size() || (text_[at_] != '"' && text_[at_] != '\\'))
          return Fail("a bad escape in a quoted name");
        c = text_[at_];
      }
      *out += c;
    }
    return Fail("a quoted name never closed");
  }

  // "{N}" (the reader took its N bytes out): the next of the response's literals.
  Status Literal(std::string* out) {
    ++at_;  // "{"
    uint64_t n = 0;
    const size_t digits = at_;
    while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9' && at_ - digits < 19)
      n = n * 10 + uint64_t(text_[at_++] - '0');
    if (at_ == digits) return Fail("a literal without its size");
    Take('+');
    if (!Take('}')) return Fail("a malformed literal");
    if (next_literal_ >= literals_.size()) return Fail("a literal that never came");
    const std::string& bytes = literals_[next_literal_++];
    if (bytes.size() != n) return Fail("a literal of another size than announced");
    *out = bytes;
    return Status::Ok();
  }

  std::string_view text_;
  const std::vector<std::string>& literals_;
  size_t at_ = 0;
  size_t next_literal_ = 0;
};

}  // namespace

bool ListedMailbox::Has(std::string_view attribute) const {
  for (const std::string& a : attributes) {
    if (a.size() == attribute.size() && strncasecmp(a.data(), attribute.data(), a.size()) == 0)
      return true;
  }
  return false;
}

bool ListedMailbox::Selectable() const { return !Has("\\Noselect") && !Has("\\NonExistent"); }

bool IsListResponse(const ImapResponse& r) {
  return r.tag == "*" && r.text.size() > 5 && StartsWithNoCase(r.text, "list ");
}

Result<ListedMailbox> ParseListResponse(const ImapResponse& r) {
  if (r.tag != "*") return Status::Protocol("LIST response: not an untagged response");
  return ListParser(r).Parse();
}

Result<std::string> FindMarkedMailbox(const std::vector<ImapResponse>& responses,
                                      std::string_view attribute) {
  Status unreadable;  // a marked mailbox whose name does not decode, if no other is found
  for (const ImapResponse& r : responses) {
    if (!IsListResponse(r)) continue;
    const Result<ListedMailbox> m = ParseListResponse(r);
    if (!m.ok() || !m->Has(attribute) || !m->Selectable()) continue;
    Result<std::string> name = DecodeMailboxName(m->name);
    if (name.ok()) return name;
    if (unreadable.ok())
      unreadable =
          Status::Protocol("the folder marked " + std::string(attribute) +
                           " has a name intaked cannot read (" + name.status().message() + ")");
  }
  if (!unreadable.ok()) return unreadable;
  return Status::NotFound("the server marks no folder " + std::string(attribute));
}

}  // namespace intaked
