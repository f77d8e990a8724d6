#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs `systemd-analyze verify` on intaked's unit, with ExecStart pointed at
# the binary just built (verify checks that the executables exist), then
# checks the settings intaked relies on are there, in the right section, and
# add up: resource limits, and a start limit a crash loop actually reaches.
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

fail() { echo "intaked.service: $*" >&2; exit 1; }
# The value of KEY in [SECTION] (the last one wins, as in systemd), or "".
value() {
  awk -v section="[$1]" -v key="$2" '
    /^\[/ { in_section = ($0 == section); next }
    in_section && index($0, key "=") == 1 { v = substr($0, length(key) + 2) }
    END { print v }' "$unit"
}
number() { [[ $2 =~ ^[0-9]+$ ]] || fail "$1 must be a plain number, is '$2'"; }

[[ $(value Service Type) == notify ]] || fail "Type=notify missing"
[[ -n $(value Service WatchdogSec) ]] || fail "WatchdogSec= missing"
[[ $(value Service ExecReload) == "/bin/kill -HUP \$MAINPID" ]] || fail "ExecReload must send SIGHUP"

# One hostile message must not take the machine's memory, nor a thread leak its tasks.
memory=$(value Service MemoryMax)
[[ $memory =~ ^[0-9]+[MG]$ ]] || fail "[Service] MemoryMax= must be a size like 512M, is '$memory'"
tasks=$(value Service TasksMax); number TasksMax "$tasks"
(( tasks >= 16 )) || fail "TasksMax=$tasks leaves no room for one IDLE thread per mailbox"

# A crash loop must stop and show as failed: more than StartLimitBurst starts
# within StartLimitIntervalSec, with RestartSec between them, must be possible.
interval=$(value Unit StartLimitIntervalSec); number "[Unit] StartLimitIntervalSec" "$interval"
burst=$(value Unit StartLimitBurst); number "[Unit] StartLimitBurst" "$burst"
restart_sec=$(value Service RestartSec); number RestartSec "$restart_sec"
(( burst >= 2 )) || fail "StartLimitBurst=$burst stops it after a single crash"
(( burst * restart_sec < interval )) ||
  fail "a crash loop never reaches the start limit: $burst restarts x RestartSec=$restart_sec s >= StartLimitIntervalSec=$interval s"
echo "intaked.service verifies"
