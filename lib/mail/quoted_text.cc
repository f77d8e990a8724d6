#include "mail/quoted_text.h"

#include <cctype>
#include <vector>

#include "base/text.h"

namespace intaked {
namespace {

std::vector<std::string> Lines(std::string_view s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t nl = s.find('\n', start);
    if (nl == std::string_view::npos) nl = s.size();
    std::string line(s.substr(start, nl - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out.push_back(std::move(line));
    start = nl + 1;
  }
  return out;
}

bool StartsWithCi(const std::string& s, std::string_view prefix) {
  return StartsWithNoCase(s, prefix);
}

// Attribution lines are short; a longer "line" is a paragraph that happens to
// start with "On". The bound also keeps the test cheap on hostile input.
constexpr size_t kMaxAttribution = 1000;

// "On <date>, <person> wrote:" and its translations in the languages a UK
// charity's mail is likely to carry: an opening word, some text, a closing
// verb, a colon. Matched by hand, in one pass: no regular expression meets
// untrusted text.
bool IsAttributionText(std::string_view line) {
  if (line.size() > kMaxAttribution) return false;
  std::string_view t = line;
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front()))) t.remove_prefix(1);
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.remove_suffix(1);
  if (t.empty() || t.back() != ':') return false;
  t.remove_suffix(1);
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.remove_suffix(1);
  static constexpr std::string_view kOpen[] = {"on", "am", "le", "el", "il", "op"};
  static constexpr std::string_view kVerb[] = {"wrote",
                                               "schrieb",
                                               "a \xc3\xa9"
                                               "crit",
                                               "escribi\xc3\xb3",
                                               "ha scritto",
                                               "schreef"};
  bool opens = false;
  for (std::string_view w : kOpen) {
    if (StartsWithNoCase(t, w) && t.size() > w.size() &&
        std::isspace(static_cast<unsigned char>(t[w.size()]))) {
      opens = true;
      t.remove_prefix(w.size() + 1);
      break;
    }
  }
  if (!opens) return false;
  for (std::string_view v : kVerb) {
    // Something (the date, the person) must stand between the two words.
    if (EndsWithNoCase(t, v) && t.size() > v.size() &&
        std::isspace(static_cast<unsigned char>(t[t.size() - v.size() - 1])))
      return true;
  }
  return false;
}

// An attribution, possibly wrapped over two lines by the writer's client.
bool IsAttribution(const std::vector<std::string>& lines, size_t i) {
  if (IsAttributionText(lines[i])) return true;
  if (i + 1 < lines.size() && StartsWithCi(TrimLeft(lines[i]), "on ") &&
      lines[i].size() + lines[i + 1].size() < kMaxAttribution) {
    return IsAttributionText(lines[i] + " " + lines[i + 1]);
  }
  return false;
}

bool IsOutlookSeparator(const std::string& line) {
  const std::string t = TrimLeft(line);
  return StartsWithCi(t, "-----original message-----") ||
         StartsWithCi(t, "----- original message -----") ||
         StartsWithCi(t, "-------- original message --------") ||
         StartsWithCi(t, "---------- forwarded message") ||
         (t.size() >= 20 && t.find_first_not_of('_') == std::string::npos);
}

// Outlook without a separator: "From: x" then "Sent:"/"Date:" and "To:"/"Subject:" close by.
bool IsOutlookHeaderBlock(const std::vector<std::string>& lines, size_t i) {
  if (!StartsWithCi(TrimLeft(lines[i]), "from:")) return false;
  bool sent = false, to_or_subject = false;
  for (size_t k = i + 1; k < lines.size() && k <= i + 5; ++k) {
    const std::string t = TrimLeft(lines[k]);
    if (StartsWithCi(t, "sent:") || StartsWithCi(t, "date:")) sent = true;
    if (StartsWithCi(t, "to:") || StartsWithCi(t, "subject:")) to_or_subject = true;
  }
  return sent && to_or_subject;
}

}  // namespace

std::string StripQuotedText(std::string_view body) {
  const std::vector<std::string> lines = Lines(body);
  std::vector<std::string> kept;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (IsAttribution(lines, i) || IsOutlookSeparator(lines[i]) || IsOutlookHeaderBlock(lines, i)) {
      break;  // everything below is the earlier mail
    }
    if (!lines[i].empty() && lines[i][0] == '>') continue;
    kept.push_back(lines[i]);
  }
  while (!kept.empty() && TrimLeft(kept.back()).empty()) kept.pop_back();
  size_t first = 0;
  while (first < kept.size() && TrimLeft(kept[first]).empty()) ++first;
  std::string out;
  for (size_t i = first; i < kept.size(); ++i) {
    out += kept[i];
    if (i + 1 < kept.size()) out += '\n';
  }
  return out;
}

}  // namespace intaked
