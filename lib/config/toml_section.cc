// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/toml_section.h"

#include <filesystem>
#include <sstream>

namespace intaked {
namespace {

// How a value was written, for error messages.
std::string Shown(const toml::node& n) {
  if (auto i = n.value_exact<int64_t>()) return std::to_string(*i);
  if (auto d = n.value_exact<double>()) return std::to_string(*d);
  if (auto s = n.value_exact<std::string>()) return "\"" + *s + "\"";
  if (n.is_boolean()) return n.as_boolean()->get() ? "true" : "false";
  return std::string("a ") + std::string(toml::impl::node_type_friendly_names[size_t(n.type())]);
}

}  // namespace

TomlSection::TomlSection(const toml::table& root, std::string prefix, std::string file)
    : TomlSection(&root, std::move(prefix), std::move(file), std::make_shared<Shared>(),
                  toml::source_region{}) {}

TomlSection::TomlSection(const toml::table* table, std::string prefix, std::string file,
                         std::shared_ptr<Shared> s, toml::source_region where)
    : table_(table),
      prefix_(std::move(prefix)),
      file_(std::move(file)),
      state_(std::move(s)),
      used_(std::make_shared<std::set<std::string>>()),
      where_(where) {}

std::string TomlSection::Where(const toml::node* node) const {
  const toml::source_region& r = node ? node->source() : where_;
  if (r.begin.line == 0) return file_;
  return file_ + ":" + std::to_string(r.begin.line) + ":" + std::to_string(r.begin.column);
}

void TomlSection::Fail(const std::string& key, const std::string& message) {
  if (!ok()) return;
  const toml::node* node = table_ ? table_->get(key) : nullptr;
  state_->error = Where(node) + ": " + KeyPath(key) + ": " + message;
}

void TomlSection::NoteKeyRead(const std::string& key) const {
  if (!state_->keys_read) return;
  std::string path;  // KeyPath(key) without the "[N]" of each array-of-tables entry
  bool in_index = false;
  for (const char c : KeyPath(key)) {
    if (c == '[') in_index = true;
    if (!in_index) path += c;
    if (c == ']') in_index = false;
  }
  state_->keys_read->insert(path);
}

const toml::node* TomlSection::Get(const std::string& key) {
  used_->insert(key);
  NoteKeyRead(key);
  return table_ ? table_->get(key) : nullptr;
}

bool TomlSection::Has(const std::string& key) const {
  NoteKeyRead(key);
  return table_ && table_->contains(key);
}

TomlSection TomlSection::Table(const std::string& key, bool required) {
  const toml::node* n = Get(key);
  if (!n) {
    if (required) Fail(key, "missing: add a [" + KeyPath(key) + "] table");
    return TomlSection(nullptr, KeyPath(key), file_, state_, where_);
  }
  if (!n->is_table()) {
    Fail(key, "must be a table ([" + KeyPath(key) + "])");
    return TomlSection(nullptr, KeyPath(key), file_, state_, where_);
  }
  return TomlSection(n->as_table(), KeyPath(key), file_, state_, n->source());
}

std::vector<TomlSection> TomlSection::TableArray(const std::string& key) {
  std::vector<TomlSection> out;
  const toml::node* n = Get(key);
  if (!n) return out;
  const toml::array* arr = n->as_array();
  if (!arr || !arr->is_array_of_tables()) {
    Fail(key, "must be written as [[" + KeyPath(key) + "]] tables");
    return out;
  }
  for (size_t i = 0; i < arr->size(); ++i) {
    const toml::table* t = arr->get(i)->as_table();
    out.push_back(TomlSection(t, KeyPath(key) + "[" + std::to_string(i + 1) + "]", file_, state_,
                              t->source()));
  }
  return out;
}

std::string TomlSection::String(const std::string& key, bool required) {
  const toml::node* n = Get(key);
  if (!ok()) return {};
  if (!n) {
    if (required) Fail(key, "missing: this key is required");
    return {};
  }
  if (!n->is_string()) {
    Fail(key, "must be a string in quotes");
    return {};
  }
  std::string v = n->as_string()->get();
  if (required && v.empty()) Fail(key, "must not be empty");
  return v;
}

std::string TomlSection::StringOr(const std::string& key, const std::string& fallback) {
  std::string v = String(key, false);
  return Has(key) ? v : fallback;
}

std::string TomlSection::Path(const std::string& key, bool required, const std::string& base) {
  const std::string v = String(key, required);
  if (v.empty()) return v;
  std::filesystem::path p(v);
  return p.is_absolute() ? v : (std::filesystem::path(base) / p).lexically_normal().string();
}

int TomlSection::Int(const std::string& key, int fallback, int min, int max, const char* what) {
  const toml::node* n = Get(key);
  if (!n || !ok()) return fallback;
  // Only an integer node is asked for its value: toml++ converts a float
  // (1e35) to an integer with undefined behaviour (found by the fuzzer).
  const auto v = n->is_integer() ? n->value<int64_t>() : std::nullopt;
  if (!v || *v < min || *v > max) {
    Fail(key, std::string("must be ") + what + ", not " + Shown(*n));
    return fallback;
  }
  return int(*v);
}

bool TomlSection::Bool(const std::string& key, bool fallback) {
  const toml::node* n = Get(key);
  if (!n || !ok()) return fallback;
  if (!n->is_boolean()) {
    Fail(key, "must be true or false");
    return fallback;
  }
  return n->as_boolean()->get();
}

std::vector<std::string> TomlSection::StringArray(const std::string& key) {
  std::vector<std::string> out;
  const toml::node* n = Get(key);
  if (!n || !ok()) return out;
  const toml::array* arr = n->as_array();
  if (!arr) {
    Fail(key, "must be a list of strings, like [\"a\", \"b\"]");
    return out;
  }
  for (const toml::node& item : *arr) {
    if (!item.is_string()) {
      Fail(key, "must be a list of strings, like [\"a\", \"b\"]");
      return {};
    }
    out.push_back(item.as_string()->get());
  }
  return out;
}

std::vector<int> TomlSection::IntArray(const std::string& key, int min, int max, const char* what) {
  std::vector<int> out;
  const toml::node* n = Get(key);
  if (!n || !ok()) return out;
  const toml::array* arr = n->as_array();
  if (!arr) {
    Fail(key, std::string("must be a list of ") + what);
    return out;
  }
  for (const toml::node& item : *arr) {
    const auto v = item.is_integer() ? item.value<int64_t>() : std::nullopt;
    if (!v || *v < min || *v > max) {
      Fail(key, std::string("must be a list of ") + what);
      return {};
    }
    out.push_back(int(*v));
  }
  return out;
}

void TomlSection::RejectUnknown() {
  if (!table_ || !ok()) return;
  for (const auto& [k, v] : *table_) {
    const std::string key(k.str());
    if (!used_->count(key)) {
      Fail(key, "unknown key (misspelt? every key is in `man intaked.toml`)");
      return;
    }
  }
}

}  // namespace intaked
