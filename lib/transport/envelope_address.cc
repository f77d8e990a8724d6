// SPDX-License-Identifier: GPL-3.0-or-later
#include "transport/envelope_address.h"

namespace intaked {

std::optional<std::string> EnvelopeAddressProblem(std::string_view address) {
  if (address.empty()) return "empty";
  if (address.size() > 254) return "longer than 254 bytes";
  for (char c : address) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x21 || u == 0x7F || u == '<' || u == '>')
      return "holds a control character, space or angle bracket";
  }
  return std::nullopt;
}

}  // namespace intaked
