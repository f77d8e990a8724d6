#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every command that loads the config refuses a bad one the same way: exit 2
# and a message naming the file, line, column and key at fault. The case here
# is the reviewer given a co-chair's address, written in another case and with
# spaces around it - the config is refused before any server or the database
# is touched, so no mail stack is needed.
set -euo pipefail
binary=$1
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
config="$dir/intaked.toml"
. "$(dirname "$0")/cli_config.sh"
write_test_config "$config" "intaked.db" " Chair.A@PACTS.test "
line=$(grep -n '^reviewer_address' "$config" | cut -d: -f1)
expected="$config:$line:20: stage_two.reviewer_address: the reviewer must not be a co-chair (Alex Able)"

failed=0
for command in "check" "run --once --now 2026-12-01T09:30:00+00:00" "cases" "show PACTS-2026-0001" \
               "report" "export --email parent@family.test --out $dir/export" \
               "erase --email parent@family.test" "unprocessed"; do
  # --config belongs to intaked, and is taken before the command or after it.
  for where in before after; do
    status=0
    # shellcheck disable=SC2086 # the command's words are meant to split
    if [ "$where" = before ]; then
      output=$("$binary" --config "$config" $command 2>&1) || status=$?
    else
      output=$("$binary" $command --config "$config" 2>&1) || status=$?
    fi
    if [ "$status" -ne 2 ] || [[ "$output" != *"$expected"* ]]; then
      echo "intaked $command (--config $where): exit $status, wanted 2 and \"$expected\"; said: $output" >&2
      failed=1
    fi
  done
done
[ ! -e "$dir/intaked.db" ] || { echo "a refused config still created the database" >&2; failed=1; }
exit $failed
