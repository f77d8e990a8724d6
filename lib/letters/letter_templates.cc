// SPDX-License-Identifier: GPL-3.0-or-later
#include "letters/letter_templates.h"

#include <filesystem>
#include <fstream>
#include <kainjow/mustache.hpp>
#include <sstream>

#include "letters/embedded_templates.h"

namespace intaked {

namespace {

namespace mu = kainjow::mustache;

Result<Letter> Split(const std::string& name, const std::string& text) {
  const size_t nl = text.find('\n');
  const std::string first = text.substr(0, nl);
  if (first.rfind("Subject:", 0) != 0 || nl == std::string::npos) {
    return Status::InvalidInput("template " + name + ": the first line must be \"Subject: ...\"");
  }
  Letter l;
  l.subject = first.substr(8);
  while (!l.subject.empty() && l.subject.front() == ' ') l.subject.erase(0, 1);
  size_t body = nl + 1;
  if (body < text.size() && text[body] == '\n') ++body;
  l.body = text.substr(body);
  return l;
}

mu::data ToData(const LetterFields& f) {
  mu::data d;
  for (const auto& [k, v] : f.values) d.set(k, v);
  for (const auto& [k, v] : f.flags)
    d.set(k, v ? mu::data::type::bool_true : mu::data::type::bool_false);
  for (const auto& [k, rows] : f.lists) {
    mu::data list = mu::data::type::list;
    for (const auto& row : rows) {
      mu::data item;
      for (const auto& [rk, rv] : row) item.set(rk, rv);
      list.push_back(item);
    }
    d.set(k, list);
  }
  return d;
}

Result<std::string> RenderText(const std::string& name, const std::string& source,
                               const LetterFields& fields) {
  mu::mustache tmpl(source);
  if (!tmpl.is_valid())
    return Status::InvalidInput("template " + name + ": " + tmpl.error_message());
  tmpl.set_custom_escape([](const std::string& s) { return s; });
  std::string out = tmpl.render(ToData(fields));
  if (!tmpl.is_valid())
    return Status::InvalidInput("template " + name + ": " + tmpl.error_message());
  return out;
}

}  // namespace

const std::vector<std::string>& LetterTemplates::Names() { return EmbeddedLetterNames(); }

Result<LetterTemplates> LetterTemplates::Load(const std::string& override_directory) {
  LetterTemplates t;
  for (const std::string& name : Names()) {
    std::string source(EmbeddedTemplate(name));
    const std::filesystem::path file =
        std::filesystem::path(override_directory) / (name + ".mustache");
    if (!override_directory.empty() && std::filesystem::exists(file)) {
      std::ifstream in(file);
      std::stringstream ss;
      ss << in.rdbuf();
      if (!in) return Status::InvalidInput(file.string() + ": cannot read");
      source = ss.str();
    }
    mu::mustache check(source);
    if (!check.is_valid()) {
      return Status::InvalidInput((file.string().empty() ? name : file.string()) + ": " +
                                  check.error_message());
    }
    if (auto split = Split(name, source); !split.ok()) return split.status();
    t.sources_[name] = std::move(source);
  }
  return t;
}

Result<Letter> LetterTemplates::Render(const std::string& name, const LetterFields& fields) const {
  auto it = sources_.find(name);
  if (it == sources_.end()) return Status::NotFound("no template named " + name);
  auto text = RenderText(name, it->second, fields);
  if (!text.ok()) return text.status();
  return Split(name, text.value());
}

}  // namespace intaked
