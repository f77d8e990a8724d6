#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes intaked's two units from systemd/intaked.service.in the way
# `cmake --install` does, with ExecStart pointed at the binary just built
# (verify checks that the executables exist), runs `systemd-analyze verify` on
# both, then checks the settings intaked relies on are there, in the right
# section, and add up: resource limits, and a start limit a crash loop
# actually reaches. Then checks that an install under another prefix points
# ExecStart at the binary under that prefix.
set -euo pipefail
source_dir=$1 binary=$2 man_dir=$3
command -v systemd-analyze >/dev/null || { echo "systemd-analyze missing: scripts/install-deps installs it" >&2; exit 1; }
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
cmake -DUNIT_TEMPLATE="$source_dir/systemd/intaked.service.in" -DUNIT_OUT_DIR="$dir" \
      -DSBINDIR="$(dirname "$binary")" -P "$source_dir/cmake/write_units.cmake"
# verify also looks up Documentation=man:… : the pages just built, laid out as man(1) expects.
mkdir -p "$dir/man/man8" "$dir/man/man5"
cp "$man_dir/intaked.8" "$dir/man/man8/" && cp "$man_dir/intaked.toml.5" "$dir/man/man5/"
export MANPATH="$dir/man"
# The template unit is verified as one instance of it.
cp "$dir/intaked@.service" "$dir/intaked@pacts.service"
for unit in intaked.service intaked@pacts.service; do
  out=$(cd "$dir" && systemd-analyze verify "$dir/$unit" 2>&1 || true)
  # Outside a booted systemd some generic warnings appear; anything naming our unit is ours to fix.
  if printf '%s\n' "$out" | grep -i "intaked" | grep -v "^$" ; then
    echo "systemd-analyze verify found problems in $unit" >&2; exit 1
  fi
done
fail() { echo "$unit: $*" >&2; exit 1; }
# The value of KEY in [SECTION] (the last one wins, as in systemd), or "".
value() {
  awk -v section="[$1]" -v key="$2" '
    /^\[/ { in_section = ($0 == section); next }
    in_section && index($0, key "=") == 1 { v = substr($0, length(key) + 2) }
    END { print v }' "$dir/$unit"
}
number() { [[ $2 =~ ^[0-9]+$ ]] || fail "$1 must be a plain number, is '$2'"; }

for unit in intaked.service intaked@.service; do
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
done

# Hardened: systemd's own measure of what the service could reach, from 0 (nothing)
# to 10, stays in its "OK" band; 1.4 when this was written.
for unit in intaked.service intaked@pacts.service; do
  exposure=$(cd "$dir" && systemd-analyze security --offline=true "$dir/$unit" 2>/dev/null |
             sed -n 's/.*Overall exposure level for .*: \([0-9.]*\).*/\1/p')
  [[ $exposure =~ ^[0-9]+\.[0-9]$ ]] || fail "systemd-analyze security gave no exposure level"
  (( ${exposure/./} <= 20 )) || fail "exposure level $exposure: the hardening has been loosened (at most 2.0)"
done

# What differs between the two: the config and the state each instance uses.
unit=intaked.service
[[ $(value Service ExecStart) == "$binary --config /etc/intaked/intaked.toml run" ]] || fail "ExecStart is '$(value Service ExecStart)'"
[[ $(value Service StateDirectory) == intaked ]] || fail "StateDirectory is not intaked"
[[ $(value Unit ConditionPathExists) == /etc/intaked/intaked.toml ]] || fail "it would start without a config"
unit=intaked@.service
[[ $(value Service ExecStart) == "$binary --config /etc/intaked/%i.toml run" ]] || fail "ExecStart is '$(value Service ExecStart)'"
[[ $(value Service StateDirectory) == intaked/%i ]] || fail "StateDirectory is not intaked/%i"
[[ $(value Unit ConditionPathExists) == /etc/intaked/%i.toml ]] || fail "it would start without a config"

# `cmake --install` under a prefix writes units whose ExecStart is under that prefix.
build_dir=$(cd "$(dirname "$binary")/.." && pwd)
cmake --install "$build_dir" --prefix "$dir/prefix" >/dev/null
for unit in intaked.service intaked@.service; do
  installed="$dir/prefix/lib/systemd/system/$unit"
  [ -f "$installed" ] || fail "cmake --install wrote no $installed"
  grep -q "^ExecStart=$dir/prefix/sbin/intaked --config " "$installed" || fail "installed ExecStart: $(grep ExecStart= "$installed")"
  [ -x "$dir/prefix/sbin/intaked" ] || fail "no binary at $dir/prefix/sbin/intaked"
done
echo "both units verify"
