#include "procedure/case_reference.h"

#include <fmt/format.h>

#include <regex>

namespace intaked {

std::string FormatCaseReference(std::string_view prefix, int year, int sequence) {
  return fmt::format("{}-{:04}-{:04}", prefix, year, sequence);
}

std::optional<std::string> FindCaseReference(std::string_view subject, std::string_view prefix) {
  std::string escaped;
  for (char c : prefix) {
    if (!std::isalnum(static_cast<unsigned char>(c))) escaped += '\\';
    escaped += c;
  }
  const std::regex re("(^|[^A-Za-z0-9])(" + escaped + "-[0-9]{4}-[0-9]{4,})([^0-9]|$)",
                      std::regex::icase);
  std::smatch m;
  const std::string s(subject);
  if (!std::regex_search(s, m, re)) return std::nullopt;
  std::string ref = m[2].str();
  for (size_t i = 0; i < prefix.size(); ++i) ref[i] = prefix[i];  // canonical case
  return ref;
}

}  // namespace intaked
