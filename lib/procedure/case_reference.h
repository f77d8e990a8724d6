// SPDX-License-Identifier: GPL-3.0-or-later
// Case references: "PACTS-2026-0007" (prefix, year of receipt, per-year
// sequence), and finding one in a subject line whatever surrounds it. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace intaked {

std::string FormatCaseReference(std::string_view prefix, int year, int sequence);

// The first "[PREFIX-YYYY-NNNN]" (brackets optional) in `subject`, or nothing.
std::optional<std::string> FindCaseReference(std::string_view subject, std::string_view prefix);

}  // namespace intaked
