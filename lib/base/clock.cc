#include "base/clock.h"

#include <fmt/format.h>

#include <random>

namespace intaked {

std::string RandomTokenSource::NewToken() {
  std::random_device rd;  // /dev/urandom on Linux
  std::string out;
  for (int i = 0; i < 4; ++i) out += fmt::format("{:08x}", uint32_t(rd()));
  return out;
}

}  // namespace intaked
