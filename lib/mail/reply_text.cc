// SPDX-License-Identifier: GPL-3.0-or-later
#include "mail/reply_text.h"

#include <deque>
#include <vector>

#include "base/text.h"
#include "mail/address.h"
#include "mail/reply_markers.h"

namespace intaked {
namespace {

Lines SplitLines(std::string_view text) {
  Lines lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(start, nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = nl + 1;
  }
  return lines;
}

// The writer's own lines, in order, with marks where quoted mail or a client
// footer was taken out: the blank lines around such a hole become one.
class OwnLines {
 public:
  void Add(std::string_view line) {
    if (IsClientFooter(line)) {
      Hole();
    } else {
      entries_.push_back({line, false});
    }
  }
  void Hole() { entries_.push_back({{}, true}); }

  std::string Join() const {
    std::vector<std::string_view> out;
    for (size_t i = 0; i < entries_.size();) {
      if (!entries_[i].hole && !IsBlank(entries_[i].line)) {
        out.push_back(entries_[i++].line);
        continue;
      }
      size_t blanks = 0;
      bool hole = false;
      for (; i < entries_.size() && (entries_[i].hole || IsBlank(entries_[i].line)); ++i) {
        if (entries_[i].hole)
          hole = true;
        else
          ++blanks;
      }
      if (hole && blanks > 1) blanks = 1;
      out.insert(out.end(), blanks, std::string_view());
    }
    size_t first = 0, last = out.size();
    while (first < last && out[first].empty()) ++first;
    while (last > first && out[last - 1].empty()) --last;
    std::string text;
    for (size_t i = first; i < last; ++i) {
      text += out[i];
      if (i + 1 < last) text += '\n';
    }
    return text;
  }

 private:
  struct Entry {
    std::string_view line;
    bool hole;
  };
  std::vector<Entry> entries_;
};

// "Sam Parent <sam@family.test>", "Sam Parent [mailto:sam@family.test]",
// "*Sam Parent* <sam@family.test>", or a bare name (Exchange's own users).
Address SenderOf(std::string_view value) {
  std::string v(value);
  if (const size_t m = FindNoCase(v, "[mailto:"); m != std::string::npos) {
    const size_t end = v.find(']', m);
    if (end != std::string::npos) v = v.substr(0, m) + "<" + v.substr(m + 8, end - m - 8) + ">";
  }
  std::erase(v, '*');
  const std::vector<Address> found = ParseAddressList(v);
  if (!found.empty()) return found.front();
  std::string name = Trim(v.substr(0, v.find('<')));
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
    name = name.substr(1, name.size() - 2);
  return Address{name, ""};
}

class Splitter {
 public:
  Splitter(const Lines& lines, bool read_forward, bool forward_subject)
      : lines_(lines), read_forward_(read_forward), forward_subject_(forward_subject) {}

  ReplyText Run() {
    size_t i = 0;
    while (i < lines_.size()) {
      const std::string_view line = lines_[i];
      if (IsQuoteLine(line)) {
        const size_t end = QuoteRunEnd(i);
        QuoteLines(i, end);
        own_.Hole();
        i = end;
        continue;
      }
      const Separator sep = SeparatorOf(line);
      if (sep != Separator::kNone || HeaderBlockAt(lines_, i) > 0) {
        const bool forward = sep == Separator::kForward || forward_subject_;
        if (!forward || !read_forward_ || result_.forwarded) {
          QuoteLines(i, lines_.size());  // everything below is the earlier mail
          break;
        }
        i = ReadForward(sep == Separator::kNone ? i : i + 1);
        own_.Hole();
        continue;
      }
      if (const size_t span = AttributionAt(lines_, i)) {
        QuoteLines(i, i + span);
        i += span;
        if (!QuoteFollows(i)) {  // Yahoo, AOL: the history is not '>'-quoted
          QuoteLines(i, lines_.size());
          break;
        }
        own_.Hole();
        continue;
      }
      own_.Add(line);
      ++i;
    }
    result_.own = own_.Join();
    return std::move(result_);
  }

 private:
  // One past the last '>' line of the run starting at lines_[i]; blank lines
  // inside the run belong to it.
  size_t QuoteRunEnd(size_t i) const {
    size_t end = i;
    for (size_t k = i; k < lines_.size(); ++k) {
      if (IsQuoteLine(lines_[k])) {
        end = k + 1;
      } else if (!IsBlank(lines_[k])) {
        break;
      }
    }
    return end;
  }

  bool QuoteFollows(size_t i) const {
    while (i < lines_.size() && IsBlank(lines_[i])) ++i;
    return i < lines_.size() && IsQuoteLine(lines_[i]);
  }

  void QuoteLines(size_t from, size_t to) {
    for (size_t k = from; k < to && k < lines_.size(); ++k) {
      result_.quoted += lines_[k];
      result_.quoted += '\n';
    }
  }

  // Reads the forwarded message that starts at lines_[i] (its header block,
  // maybe '>'-quoted as the iPhone sends it); returns the line after it.
  size_t ReadForward(size_t i) {
    while (i < lines_.size() && IsBlank(lines_[i])) ++i;
    Lines region;
    size_t after = lines_.size();
    if (i < lines_.size() && IsQuoteLine(lines_[i])) {
      after = QuoteRunEnd(i);
      for (size_t k = i; k < after; ++k) region.push_back(Unquote(lines_[k]));
    } else {
      region.assign(lines_.begin() + std::ptrdiff_t(std::min(i, lines_.size())), lines_.end());
    }
    ForwardedMessage fwd;
    size_t k = 0;
    while (k < region.size() && IsBlank(region[k])) ++k;
    for (size_t n = 0; k < region.size() && n < kMaxHeaderLines; ++k, ++n) {
      const auto h = HeaderLineOf(region[k]);
      if (!h) break;
      ReadForwardHeader(*h, n == 0, fwd);
    }
    const Lines body(region.begin() + std::ptrdiff_t(k), region.end());
    ReplyText inner = Splitter(body, false, false).Run();
    fwd.text = std::move(inner.own);
    result_.quoted += inner.quoted;
    result_.forwarded = std::move(fwd);
    return after;
  }

  static void ReadForwardHeader(const HeaderLine& h, bool first, ForwardedMessage& fwd) {
    const HeaderRole role = RoleOf(h.key);
    if (role == HeaderRole::kFrom || (first && h.value.find('@') != std::string_view::npos)) {
      fwd.from = SenderOf(h.value);
    } else if (role == HeaderRole::kSubject) {
      fwd.subject = std::string(h.value);
    } else if (role == HeaderRole::kDate || (role == HeaderRole::kOther && !fwd.sent_local)) {
      if (const auto shown = ParseShownDate(h.value)) {
        fwd.sent_local = shown->local;
        fwd.utc_offset = shown->utc_offset;
      }
    }
  }

  const Lines& lines_;
  const bool read_forward_;
  const bool forward_subject_;
  OwnLines own_;
  ReplyText result_;
};

}  // namespace

ReplyText SplitReply(std::string_view text, std::string_view subject) {
  const Lines lines = SplitLines(text);
  return Splitter(lines, true, IsForwardSubject(subject)).Run();
}

}  // namespace intaked
