#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The command line behaves as an admin expects of a Debian tool: --version
# prints the version CMake built it as; every command answers --help with its
# own options; an unknown option or command is named in the error, with exit
# status 2 and nothing touched.
set -euo pipefail
binary=$1 version=$2
failed=0
fail() { echo "$*" >&2; failed=1; }

out=$("$binary" --version 2>&1) && status=0 || status=$?
[ "$status" -eq 0 ] && [ "$out" = "intaked $version" ] || fail "--version: exit $status, said '$out', wanted 'intaked $version'"

# The commands, as the top-level help lists them (none hard-coded here).
top=$("$binary" --help)
mapfile -t commands < <(printf '%s\n' "$top" | awk '/^Subcommands:/ {on=1; next} on && NF {print $1}')
[ "${#commands[@]}" -ge 10 ] || fail "--help lists only ${#commands[@]} commands: $top"
for c in "${commands[@]}"; do
  help=$("$binary" "$c" --help 2>&1) && status=0 || status=$?
  [ "$status" -eq 0 ] || fail "$c --help: exit $status: $help"
  [[ $help == *"Usage:"*"$c"* ]] || fail "$c --help does not describe $c: $help"
  # --config is intaked's, and is accepted after the command too: its help says so.
  [[ $help == *"--config"* ]] || fail "$c --help does not list --config: $help"
  out=$("$binary" "$c" --no-such-option 2>&1) && status=0 || status=$?
  [ "$status" -eq 2 ] && [[ $out == *"--no-such-option"* ]] || fail "$c --no-such-option: exit $status, said: $out"
done
# Options of one command are not taken by another.
out=$("$binary" check --open 2>&1) && status=0 || status=$?
[ "$status" -eq 2 ] && [[ $out == *"--open"* ]] || fail "check --open: exit $status, said: $out"
out=$("$binary" frobnicate 2>&1) && status=0 || status=$?
[ "$status" -eq 2 ] && [[ $out == *"frobnicate"* ]] || fail "unknown command: exit $status, said: $out"
exit $failed
