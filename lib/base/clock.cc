// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/clock.h"

#include <sys/random.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace intaked {

std::string RandomTokenSource::NewToken() {
  // 26 base32 digits of 5 bits each: 130 bits from the kernel's CSPRNG, in
  // characters no mail system changes (lower-case letters and digits).
  static constexpr char kDigits[] = "abcdefghijklmnopqrstuvwxyz234567";
  unsigned char bytes[kTokenLength];
  for (size_t got = 0; got < sizeof bytes;) {
    const ssize_t n = getrandom(bytes + got, sizeof bytes - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::runtime_error(std::string("getrandom: ") + std::strerror(errno));
    got += size_t(n);
  }
  std::string out;
  for (unsigned char b : bytes) out += kDigits[b & 31];  // 32 divides 256: uniform
  return out;
}

}  // namespace intaked
