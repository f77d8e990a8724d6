// Small text helpers shared by every layer: trimming ASCII whitespace.
#pragma once

#include <string>
#include <string_view>

namespace intaked {

std::string Trim(std::string_view s);
std::string TrimLeft(std::string_view s);
std::string TrimRight(std::string_view s);

}  // namespace intaked
