// SPDX-License-Identifier: GPL-3.0-or-later
// OutageLog: remembers which mailboxes and servers are failing, across
// cycles, so an outage is logged once when it starts and once when it ends
// rather than every poll, and tried again with back-off. A refused login
// (kPermanent) is final: the LoginGuard has logged it and decides when the
// account may be tried again, so it gets no line and no back-off here.
// It also remembers the letters the mail server accepted but the store could
// not mark sent, so they are not offered to the server again.
// Owned by whoever runs the cycles (the service, or `run --once` for its
// single cycle). Not thread-safe.
#pragma once

#include <spdlog/logger.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"

namespace intaked {

class OutageLog {
 public:
  // Who tries a failing server again: the running service, backing off, or - after
  // `run --once`, which exits - the next run.
  enum class Retry { kWithBackOff, kNextRun };
  explicit OutageLog(std::shared_ptr<spdlog::logger> log, Retry retry = Retry::kWithBackOff)
      : log_(std::move(log)), retry_(retry) {}

  // Records the latest result for `what` (e.g. "mailbox intake").
  void Note(const std::string& what, const Status& status, Instant now);

  struct Outage {
    Instant since;
    std::string error;
    bool alerted = false;  // people have been emailed about it
    bool final = false;    // a refused sign-in: the LoginGuard keeps it down
    int failures = 0;
    Instant next_try;  // back-off: 30 s doubling to 15 min
  };
  // Whether `what` should be tried now (always, unless it is failing and backing off).
  bool Due(const std::string& what, Instant now) const;
  const std::map<std::string, Outage>& failing() const { return failing_; }
  void MarkAlerted(const std::string& what) { failing_[what].alerted = true; }
  // Outages people were told about that have since ended (cleared by the call).
  std::vector<std::string> TakeRecovered();

  // Outbox ids the server accepted whose "sent" mark is not yet stored.
  std::set<int64_t>& sent_not_recorded() { return sent_not_recorded_; }

 private:
  std::shared_ptr<spdlog::logger> log_;
  Retry retry_;
  std::map<std::string, Outage> failing_;
  std::vector<std::string> recovered_;
  std::set<int64_t> sent_not_recorded_;
};

}  // namespace intaked
