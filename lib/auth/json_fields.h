// SPDX-License-Identifier: GPL-3.0-or-later
// JsonFields: reading the few fields OAuth answers carry out of untrusted JSON,
// for lib/auth's own .cc files only (it exposes nlohmann-json, which the rest
// of intaked does not see).
//
// Parsing never throws and is linear (nlohmann-json's parser keeps its own
// stack, so deep nesting costs memory bounded by the body, not the C++ stack);
// bodies are already bounded by HttpClient::kMaxBody. A field of the wrong type
// is an error, never converted; text that may reach a terminal is checked to be
// printable, and secrets are never copied into messages - errors name the
// field, not its value.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace intaked {

// The body as a JSON object; nullopt for anything else (garbage, an array, a string).
std::optional<nlohmann::json> ParseJsonObject(std::string_view body);

// A string field made only of visible ASCII (0x21-0x7E): tokens, codes, URLs.
// Nothing else can inject a line break or an escape into IMAP, SMTP or a
// terminal. nullopt when absent (or null); an error naming the field when it is
// not such a string, is empty, or is longer than `max_length`.
Result<std::optional<std::string>> VisibleAsciiField(const nlohmann::json& object, const char* name,
                                                     size_t max_length);

// A number of seconds: a non-negative integer, or a string of digits (which
// some providers send); nullopt when absent; an error when out of [min, max].
Result<std::optional<std::chrono::seconds>> SecondsField(const nlohmann::json& object,
                                                         const char* name, std::chrono::seconds min,
                                                         std::chrono::seconds max);

// A field's text for a person to read: control characters and non-ASCII bytes
// become '?', and more than `max_length` characters end in "...". Empty when
// absent or not a string.
std::string PrintableField(const nlohmann::json& object, const char* name, size_t max_length);

// `text` made safe to print in the same way.
std::string PrintableText(std::string_view text, size_t max_length);

}  // namespace intaked
