// SPDX-License-Identifier: GPL-3.0-or-later
// EmbeddedTemplates: the default templates compiled into the binary from
// templates/, so a bare binary always has them.
//
// The definitions are generated at build time (cmake/embed_templates.cmake)
// from the one list of templates in lib/CMakeLists.txt: letters (text/plain
// mail, "Subject:" first, overridable by an admin's directory; see
// letter_templates.h) and pages (HTML documents such as the annual report,
// always the compiled-in version). Adding a template means adding its file and
// its name to that list; a test checks every templates/*.mustache is listed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace intaked {

// The template's source; empty when no template has that name.
std::string_view EmbeddedTemplate(std::string_view name);
// Names of the letters, and of the pages, in the order lib/CMakeLists.txt lists them.
const std::vector<std::string>& EmbeddedLetterNames();
const std::vector<std::string>& EmbeddedPageNames();

}  // namespace intaked
