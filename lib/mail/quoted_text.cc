#include "mail/quoted_text.h"

#include <regex>
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
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

// "On <date>, <person> wrote:", possibly wrapped over two lines, and its
// translations in the languages a UK charity's mail is likely to carry.
bool IsAttribution(const std::vector<std::string>& lines, size_t i) {
  static const std::regex kOneLine(
      R"re(^\s*(On|Am|Le|El|Il|Op)\s.+(wrote|schrieb|a écrit|escribió|ha scritto|schreef)\s*:\s*$)re",
      std::regex::icase);
  if (std::regex_match(lines[i], kOneLine)) return true;
  if (i + 1 < lines.size() && StartsWithCi(TrimLeft(lines[i]), "on ")) {
    return std::regex_match(lines[i] + " " + lines[i + 1], kOneLine);
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
