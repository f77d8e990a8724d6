// SPDX-License-Identifier: GPL-3.0-or-later
// Clock and TokenSource: the two things domain code may not take from the
// world directly. Production passes SystemClock/RandomTokenSource; tests and
// `run --now` pass fixed ones, so every run is exact and repeatable.
#pragma once

#include <chrono>
#include <string>

namespace intaked {

using Instant = std::chrono::sys_seconds;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant Now() const = 0;
};

class SystemClock : public Clock {
 public:
  Instant Now() const override {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

// A clock that stands still (for `run --once --now` and tests) unless moved.
class FixedClock : public Clock {
 public:
  explicit FixedClock(Instant t) : t_(t) {}
  Instant Now() const override { return t_; }
  void Set(Instant t) { t_ = t; }
  void Advance(std::chrono::seconds d) { t_ += d; }

 private:
  Instant t_;
};

class TokenSource {
 public:
  virtual ~TokenSource() = default;
  // An unguessable token of letters and digits (dot-atom text), for
  // Message-IDs that authenticate replies.
  virtual std::string NewToken() = 0;
};

// 130 bits from the operating system's random source, as 26 lower-case base32
// digits: short enough that a reply's "In-Reply-To: <token@domain>" fits on
// one 78-character line.
class RandomTokenSource : public TokenSource {
 public:
  static constexpr size_t kTokenLength = 26;
  std::string NewToken() override;
};

}  // namespace intaked
