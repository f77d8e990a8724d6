// SPDX-License-Identifier: GPL-3.0-or-later
// HtmlToText: readable plain text from an HTML-only mail body.
//
// Not a renderer: it drops scripts, styles and tags, turns block elements and
// <br> into line breaks, list items into "- " lines, and decodes entities.
// It keeps what a reply's structure needs, as a plain-text client writes it:
// the lines inside a <blockquote> start "> " (one per level, at most 8), and
// Outlook's <div id="divRplyFwdMsg"> (the header block of the mail it quotes
// or forwards) is preceded by Outlook's rule of underscores. SplitReply
// (reply_text.h) then reads an HTML reply as it reads a plain one.
// Input and output are UTF-8. Pure; linear.
#pragma once

#include <string>
#include <string_view>

namespace intaked {

std::string HtmlToText(std::string_view html);

}  // namespace intaked
