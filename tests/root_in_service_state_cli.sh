#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# An admin who runs `intaked cases` as root against the service's state
# directory must be stopped before SQLite leaves root-owned files there (the
# database, its -wal and -shm), which the service could then never open. The
# refusal names the directory and the user to run as. Run as root (as CI is):
# the point is what root may not do.
set -euo pipefail
binary=$1
[ "$(id -u)" -eq 0 ] || { echo "this test needs root (scripts/test runs as root)" >&2; exit 1; }
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
chmod 755 "$dir"
state="$dir/state"
install -d -m 0700 -o nobody -g nogroup "$state"
. "$(dirname "$0")/cli_config.sh"
write_test_config "$dir/intaked.toml" "$state/intaked.db"
# Readable by the service user too (root reads it regardless).
chown nobody "$dir/intaked.toml"

failed=0
check() {  # what the state directory held before, then the command
  local what=$1; shift
  local status=0 output
  output=$("$binary" --config "$dir/intaked.toml" "$@" 2>&1) || status=$?
  if [ "$status" -eq 0 ] || [[ $output != *"$state"*"belongs to nobody"*"sudo -u nobody"* ]]; then
    echo "$what, intaked $*: exit $status, wanted a refusal naming $state and nobody; said: $output" >&2
    failed=1
  fi
  local root_owned
  root_owned=$(find "$state" -user root)
  if [ -n "$root_owned" ]; then
    echo "$what, intaked $*: left root's files behind: $root_owned" >&2; failed=1
    find "$state" -user root -delete
  fi
}
check "no database yet" cases
check "no database yet" login intake
# A database the service made (owned by nobody here): root must not open it either.
setpriv --reuid=nobody --regid=nogroup --clear-groups "$binary" --config "$dir/intaked.toml" cases >/dev/null
[ -f "$state/intaked.db" ] || { echo "the service user could not create its database" >&2; exit 1; }
check "the service's database" cases
check "the service's database" report
exit $failed
