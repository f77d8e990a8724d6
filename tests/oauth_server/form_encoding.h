// SPDX-License-Identifier: GPL-3.0-or-later
// Form encoding for the test authorization server: reading
// application/x-www-form-urlencoded bodies and URL queries (OAuth's request
// format, RFC 6749 appendix B), and writing them back into redirect URLs.
//
// Every input is hostile: parsing is one linear pass, bounded by the caller's
// body limit, and refuses what OAuth forbids (a parameter given twice, a bad
// %-escape) rather than guessing. Pure functions, no state.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace oauth_test {

using Form = std::map<std::string, std::string>;

// The fields of `encoded` ("a=1&b=two+words"), or nullopt when a %-escape is
// malformed or a name repeats (RFC 6749 §3.1: parameters MUST NOT repeat).
// Empty pieces ("a=1&&b=2") are skipped; a name without '=' has value "".
std::optional<Form> ParseForm(std::string_view encoded);

// `value` %-encoded so that it survives as one query or form value.
std::string FormEscape(std::string_view value);

// A request target split at '?': the path, and the query (possibly empty).
struct Target {
  std::string path;
  std::string query;
};
Target SplitTarget(std::string_view target);

// The value of `name` in `form`, or "" when absent.
std::string Field(const Form& form, const std::string& name);

}  // namespace oauth_test
