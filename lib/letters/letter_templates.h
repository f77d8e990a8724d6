// SPDX-License-Identifier: GPL-3.0-or-later
// LetterTemplates: the mustache templates every outgoing letter is built from.
//
// Built-in defaults (compiled from templates/) can be overridden file by file
// by an admin's directory ([templates] directory). A template's first line is
// "Subject: ...", then a blank line, then the body. Load() checks every
// template parses, so a broken override is a config error at start-up, not a
// missing letter at 3 a.m. Rendering is pure; values are inserted as plain
// text (no HTML escaping: these are text/plain letters).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/status.h"

namespace intaked {

struct Letter {
  std::string subject;
  std::string body;
};

// Values for one letter: plain fields, and lists of records for {{#list}} sections.
struct LetterFields {
  std::map<std::string, std::string> values;
  std::map<std::string, bool> flags;  // for {{#flag}} / {{^flag}} sections
  std::map<std::string, std::vector<std::map<std::string, std::string>>> lists;
};

class LetterTemplates {
 public:
  // Names of every letter intaked sends (the list in lib/CMakeLists.txt; embedded_templates.h).
  static const std::vector<std::string>& Names();
  static Result<LetterTemplates> Load(const std::string& override_directory);

  Result<Letter> Render(const std::string& name, const LetterFields& fields) const;

 private:
  std::map<std::string, std::string> sources_;
};

}  // namespace intaked
