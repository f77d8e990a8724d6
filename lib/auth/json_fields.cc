// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/json_fields.h"

namespace intaked {
namespace {

bool VisibleAscii(std::string_view s) {
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

const nlohmann::json* Member(const nlohmann::json& object, const char* name) {
  const auto it = object.find(name);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

}  // namespace

std::optional<nlohmann::json> ParseJsonObject(std::string_view body) {
  nlohmann::json parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) return std::nullopt;
  return parsed;
}

Result<std::optional<std::string>> VisibleAsciiField(const nlohmann::json& object, const char* name,
                                                     size_t max_length) {
  const nlohmann::json* value = Member(object, name);
  if (value == nullptr) return std::optional<std::string>();
  if (!value->is_string()) return Status::Protocol(std::string(name) + " is not a string");
  const std::string& text = value->get_ref<const std::string&>();
  if (text.empty()) return Status::Protocol(std::string(name) + " is empty");
  if (text.size() > max_length)
    return Status::Protocol(std::string(name) + " is longer than " + std::to_string(max_length) +
                            " characters");
  if (!VisibleAscii(text))
    return Status::Protocol(std::string(name) + " holds spaces, control characters or non-ASCII");
  return std::optional<std::string>(text);
}

Result<std::optional<std::chrono::seconds>> SecondsField(const nlohmann::json& object,
                                                         const char* name, std::chrono::seconds min,
                                                         std::chrono::seconds max) {
  const nlohmann::json* value = Member(object, name);
  if (value == nullptr) return std::optional<std::chrono::seconds>();
  long long seconds = -1;
  if (value->is_number_unsigned()) {
    const auto n = value->get<unsigned long long>();
    seconds = n > static_cast<unsigned long long>(max.count()) ? max.count() + 1
                                                               : static_cast<long long>(n);
  } else if (value->is_number_integer()) {
    seconds = value->get<long long>();
  } else if (value->is_string()) {
    const std::string& text = value->get_ref<const std::string&>();
    if (text.empty() || text.size() > 12)
      return Status::Protocol(std::string(name) + " is not a number");
    seconds = 0;
    for (const char c : text) {
      if (c < '0' || c > '9') return Status::Protocol(std::string(name) + " is not a number");
      seconds = seconds * 10 + (c - '0');
    }
  } else {
    return Status::Protocol(std::string(name) + " is not a whole number of seconds");
  }
  if (seconds < min.count() || seconds > max.count())
    return Status::Protocol(std::string(name) + " is out of range (" + std::to_string(min.count()) +
                            " to " + std::to_string(max.count()) + " seconds)");
  return std::optional<std::chrono::seconds>(std::chrono::seconds(seconds));
}

std::string PrintableText(std::string_view text, size_t max_length) {
  std::string out;
  for (const char ch : text) {
    if (out.size() == max_length) return out + "...";
    const auto c = static_cast<unsigned char>(ch);
    out += (c < 0x20 || c > 0x7e) ? '?' : ch;
  }
  return out;
}

std::string PrintableField(const nlohmann::json& object, const char* name, size_t max_length) {
  const nlohmann::json* value = Member(object, name);
  if (value == nullptr || !value->is_string()) return "";
  return PrintableText(value->get_ref<const std::string&>(), max_length);
}

}  // namespace intaked
