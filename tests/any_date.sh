#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the unit tests with the system clock moved to days that have broken
# date code before: a Monday (digest day), Christmas Eve late at night, the
# clocks going forward and back, a leap day, New Year's Eve, an annual-report
# day, and a bank-holiday Monday. No test may read today's clock to pick its
# dates, so every run must pass. Needs faketime (Debian package faketime).
set -euo pipefail
tests="$1"
days=(
  "2026-11-30 09:30:00" "2026-12-24 23:30:00" "2027-03-28 00:30:00" "2027-10-31 01:30:00"
  "2028-02-29 12:00:00" "2028-12-31 23:59:30" "2029-04-01 10:00:00" "2029-05-07 08:00:00"
)
for day in "${days[@]}"; do
  if ! out=$(faketime -f "@$day" "$tests" --gtest_brief=1 2>&1); then
    echo "unit tests FAIL with the clock at $day:"
    echo "$out" | tail -40
    exit 1
  fi
  echo "ok  $day  $(echo "$out" | grep -E 'PASSED' | tail -1)"
done
