#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A GOV.UK bank-holidays file runs out: days after its last year fall back to
# the built-in rules, and the admin is told before it matters. `intaked check`
# prints a warning line naming the file and its last year when the file does not
# cover the next 12 months, and the service logs the same at warn when it starts.
# No server is reachable here (port 9): only the warnings are looked at.
set -euo pipefail
binary=$1
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT

. "$(dirname "$0")/cli_config.sh"
write_config() {  # $1: the bank-holidays file
  write_test_config "$dir/intaked.toml" "$dir/intaked.db" "" "[calendar]
bank_holidays_file = \"$1\""
}
holidays() {  # $1: file, then the dates it lists
  local file=$1 events="" d
  shift
  for d in "$@"; do events+="${events:+,}{\"title\":\"Holiday\",\"date\":\"$d\"}"; done
  printf '{"england-and-wales":{"division":"england-and-wales","events":[%s]}}' "$events" > "$file"
}
holidays "$dir/old.json" 2019-12-25 2020-12-25
holidays "$dir/far.json" 2020-12-25 2999-12-25
holidays "$dir/to2022.json" 2021-12-27 2022-12-26

failed=0
expect() {  # $1: what, $2: output, $3: "has" or "lacks", $4: text
  if { [ "$3" = has ] && [[ "$2" != *"$4"* ]]; } || { [ "$3" = lacks ] && [[ "$2" == *"$4"* ]]; }; then
    echo "$1: output $3 not \"$4\"; said: $2" >&2
    failed=1
  fi
}

# check: the file ends in 2020, long past whatever today is.
write_config "$dir/old.json"
out=$("$binary" --config "$dir/intaked.toml" check 2>&1 || true)
expect "check (2020 file)" "$out" has "warn  calendar.bank_holidays_file"
expect "check (2020 file)" "$out" has "\"$dir/old.json\" lists bank holidays to the end of 2020"
write_config "$dir/far.json"
out=$("$binary" --config "$dir/intaked.toml" check 2>&1 || true)
expect "check (2999 file)" "$out" lacks "bank_holidays_file"

# The service's log at start, on a fixed clock.
write_config "$dir/to2022.json"
out=$("$binary" --config "$dir/intaked.toml" run --once --now 2022-03-01T10:00:00+00:00 2>&1 || true)
expect "run in March 2022 (file to 2022)" "$out" has "warning: calendar.bank_holidays_file: \"$dir/to2022.json\" lists bank holidays to the end of 2022"
out=$("$binary" --config "$dir/intaked.toml" run --once --now 2021-06-01T10:00:00+00:00 2>&1 || true)
expect "run in June 2021 (file to 2022)" "$out" lacks "bank_holidays_file"
exit $failed
