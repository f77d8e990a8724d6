// SPDX-License-Identifier: GPL-3.0-or-later
// TomlSection: typed, checked reads from one table of a parsed TOML document.
//
// Each read marks its key as known, so RejectUnknown() can name a misspelt
// key. The first failure anywhere in the document is kept (shared by every
// section cut from the same root) and later reads become no-ops, so the admin
// sees one precise message: `FILE:LINE:COL: table.key: what is wrong`.
// Copies share state; cheap to pass by value.
#pragma once

#include <toml++/toml.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

namespace intaked {

class TomlSection {
 public:
  TomlSection(const toml::table& root, std::string prefix, std::string file);

  // A sub-table; when absent and not required, an empty section whose reads yield defaults.
  TomlSection Table(const std::string& key, bool required);
  // Each table of an array of tables ([[key]]).
  std::vector<TomlSection> TableArray(const std::string& key);

  bool Has(const std::string& key) const;
  std::string String(const std::string& key, bool required);
  std::string StringOr(const std::string& key, const std::string& fallback);
  // A file path; relative values are resolved against `base`.
  std::string Path(const std::string& key, bool required, const std::string& base);
  int Int(const std::string& key, int fallback, int min, int max, const char* what);
  bool Bool(const std::string& key, bool fallback);
  std::vector<std::string> StringArray(const std::string& key);
  std::vector<int> IntArray(const std::string& key, int min, int max, const char* what);

  // Records a failure at `key` (the first one in the document wins).
  void Fail(const std::string& key, const std::string& message);
  void RejectUnknown();

  // From now on, adds to `keys` the path of every key read or asked about (Has) here
  // and in every section cut from the same root, array indices left out:
  // "organisation", "co_chair.aliases", "oauth.client_id". The man page test reads it.
  void RecordKeysInto(std::set<std::string>* keys) { state_->keys_read = keys; }

  bool ok() const { return state_->error.empty(); }
  const std::string& error() const { return state_->error; }

 private:
  struct Shared {
    std::string error;
    std::set<std::string>* keys_read = nullptr;  // RecordKeysInto
  };
  TomlSection(const toml::table* table, std::string prefix, std::string file,
              std::shared_ptr<Shared> s, toml::source_region where);
  const toml::node* Get(const std::string& key);
  void NoteKeyRead(const std::string& key) const;
  std::string Where(const toml::node* node) const;
  std::string KeyPath(const std::string& key) const {
    return prefix_.empty() ? key : prefix_ + "." + key;
  }

  const toml::table* table_;  // may be null: an absent optional table
  std::string prefix_;
  std::string file_;
  std::shared_ptr<Shared> state_;
  std::shared_ptr<std::set<std::string>> used_;
  toml::source_region where_;
};

}  // namespace intaked
