// HtmlToText: readable plain text from an HTML-only mail body.
//
// Not a renderer: it drops scripts, styles and tags, turns block elements and
// <br> into line breaks, list items into "- " lines, and decodes entities.
// Input and output are UTF-8. Pure.
#pragma once

#include <string>
#include <string_view>

namespace intaked {

std::string HtmlToText(std::string_view html);

}  // namespace intaked
