#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# `intaked run --once` runs one cycle and exits: a server it cannot reach is
# reported as failing this run (exit 1), never as "retrying with back-off" -
# nothing is left running to retry. No server listens on port 9.
set -euo pipefail
binary=$1
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
. "$(dirname "$0")/cli_config.sh"
write_test_config "$dir/intaked.toml" "$dir/intaked.db"
status=0
out=$("$binary" --config "$dir/intaked.toml" run --once --now 2026-12-01T09:30:00+00:00 2>&1) || status=$?
failed=0
if [ "$status" -ne 1 ]; then echo "exit $status, wanted 1; said: $out" >&2; failed=1; fi
if [[ "$out" != *"mailbox intake: "* ]]; then
  echo "the unreachable intake mailbox is not named; said: $out" >&2; failed=1
fi
if [[ "$out" == *"retrying with back-off"* ]]; then
  echo "run --once promises a retry it never makes; said: $out" >&2; failed=1
fi
if [[ "$out" != *"the next run tries again"* ]]; then
  echo "run --once does not say when it is tried again; said: $out" >&2; failed=1
fi
exit $failed
