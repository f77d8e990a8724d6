#!/usr/bin/env bash
# Runs `systemd-analyze verify` on intaked's unit, with ExecStart pointed at
# the binary just built (verify checks that the executables exist).
set -euo pipefail
unit=$1 binary=$2
command -v systemd-analyze >/dev/null || { echo "systemd-analyze missing: scripts/install-deps installs it" >&2; exit 1; }
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
sed "s|/usr/sbin/intaked|$binary|g" "$unit" > "$dir/intaked.service"
out=$(systemd-analyze verify "$dir/intaked.service" 2>&1 || true)
# Outside a booted systemd some generic warnings appear; anything naming our unit is ours to fix.
if printf '%s\n' "$out" | grep -i "intaked.service" | grep -v "^$" ; then
  echo "systemd-analyze verify found problems in intaked.service" >&2; exit 1
fi
grep -q '^Type=notify' "$unit" && grep -q '^WatchdogSec=' "$unit" && grep -q '^ExecReload=/bin/kill -HUP' "$unit"
echo "intaked.service verifies"
