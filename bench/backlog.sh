#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Speed and memory against the promises in docs/PROCEDURE.md ("What it guarantees"), on a
# private mail stack:
#  1. a backlog of N messages in the intake mailbox, processed by `intaked run
#     --once`, against `mbsync` merely downloading the same mailbox;
#  2. resident memory: peak during the backlog, and steady in `intaked run`;
#  3. delivery-to-acknowledgement latency with IDLE.
# Usage: bench/backlog.sh [N]   (default 10000). Needs root and scripts/install-deps + isync.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
build=build
dir=/tmp/intaked-bench
command -v mbsync >/dev/null || apt-get install -y -q isync >/dev/null
cmake --build "$build" --target intaked fill_mailbox >/dev/null
export IMAP_PORT=41143 IMAPS_PORT=41993 SMTP_PORT=42525 LMTP_PORT=42424
mkdir -p "$dir/stack"; scripts/mailstack restart "$dir/stack" >/dev/null
trap 'scripts/mailstack stop "$dir/stack" >/dev/null; kill $daemon 2>/dev/null || true' EXIT
daemon=""
for u in bench-info@pacts.test chair.a@pacts.test chair.b@pacts.test steering@pacts.test; do scripts/mailstack adduser "$dir/stack" $u >/dev/null; done
sleep 1.2
pw=$(cat "$dir/stack/secrets/bench-info@pacts.test")
ca="$dir/stack/dovecot/cert.pem"
t0=$(date +%s.%N)
"$build/bench/fill_mailbox" "imap://127.0.0.1:$IMAP_PORT/" bench-info@pacts.test "$pw" "$ca" "$N" 100 >/dev/null
echo "filled $N messages in $(echo "$(date +%s.%N) - $t0" | bc) s"

# mbsync: download the whole folder to a Maildir, nothing else.
rm -rf "$dir/mbsync"; mkdir -p "$dir/mbsync/mail" "$dir/mbsync/state"
cat > "$dir/mbsync/rc" <<RC
IMAPAccount bench
Host 127.0.0.1
Port $IMAP_PORT
User bench-info@pacts.test
Pass $pw
SSLType None
AuthMechs LOGIN

IMAPStore remote
Account bench

MaildirStore local
Path $dir/mbsync/mail/
Inbox $dir/mbsync/mail/INBOX

Channel bench
Far :remote:INBOX
Near :local:INBOX
Sync Pull
SyncState $dir/mbsync/state/
Create Near
RC
t0=$(date +%s.%N)
mbsync -q -c "$dir/mbsync/rc" bench
mbsync_s=$(echo "$(date +%s.%N) - $t0" | bc)

# intaked: read, parse, classify, record every message; open ~1% as cases; send their letters.
sed -e "s|/var/lib/intaked/intaked.db|$dir/intaked.db|" \
    -e "s|address = \"info@pacts.test\"|address = \"bench-info@pacts.test\"|" \
    -e "s|username = \"info@pacts.test\"|username = \"bench-info@pacts.test\"|" \
    -e "s|password_file = \"secrets/info\"|password_file = \"$dir/stack/secrets/bench-info@pacts.test\"|" \
    -e "s|password_file = \"secrets/\([a-z.]*\)\"|password_file = \"$dir/stack/secrets/\1@pacts.test\"|" \
    -e "s|127.0.0.1:1143|127.0.0.1:$IMAP_PORT|; s|127.0.0.1:2525|127.0.0.1:$SMTP_PORT|" \
    config/intaked.toml > "$dir/intaked.toml"
printf '\n[tls]\nca_file = "%s"\n[logging]\nlevel = "warn"\n' "$ca" >> "$dir/intaked.toml"
rm -f "$dir"/intaked.db*
/usr/bin/time -v "$build/daemon/intaked" --config "$dir/intaked.toml" run --once 2> "$dir/time.txt" || { cat "$dir/time.txt"; exit 1; }
intaked_s=$(grep "Elapsed (wall clock)" "$dir/time.txt" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
peak_kb=$(grep "Maximum resident" "$dir/time.txt" | awk '{print $NF}')
cases=$("$build/daemon/intaked" --config "$dir/intaked.toml" cases | tail -n1)

# Steady state: the daemon with IDLE, after the backlog; then one complaint's latency.
"$build/daemon/intaked" --config "$dir/intaked.toml" run 2>/dev/null & daemon=$!
sleep 8
rss_kb=$(awk '/VmRSS/ {print $2}' /proc/$daemon/status)
scripts/mailstack adduser "$dir/stack" latency@family.test >/dev/null; sleep 1.2
lpw=$(cat "$dir/stack/secrets/latency@family.test")
t0=$(date +%s.%N)
printf 'From: latency@family.test\r\nTo: bench-info@pacts.test\r\nSubject: Complaint\r\nMessage-ID: <lat%s@family.test>\r\n\r\nI am unhappy.\r\n' "$RANDOM" |
  curl -s --url "smtp://127.0.0.1:$SMTP_PORT" --mail-from latency@family.test --mail-rcpt bench-info@pacts.test -T -
until [ -n "$(ls "$dir/stack/mail/family.test/latency/new" 2>/dev/null)" ]; do
  sleep 0.05
  if [ "$(echo "$(date +%s.%N) - $t0 > 30" | bc)" = 1 ]; then echo "no acknowledgement in 30 s"; break; fi
done
latency_s=$(echo "$(date +%s.%N) - $t0" | bc)
sleep 3
rss2_kb=$(awk '/VmRSS/ {print $2}' /proc/$daemon/status)

printf '\nmessages:                 %s (%s)\n' "$N" "$cases"
printf 'mbsync download:          %.2f s  (%.0f msg/s)\n' "$mbsync_s" "$(echo "$N / $mbsync_s" | bc -l)"
printf 'intaked run --once:       %.2f s  (%.0f msg/s) = %.0f%% of mbsync'"'"'s rate\n' "$intaked_s" \
  "$(echo "$N / $intaked_s" | bc -l)" "$(echo "100 * $mbsync_s / $intaked_s" | bc -l)"
printf 'peak RSS during backlog:  %.1f MiB\n' "$(echo "$peak_kb / 1024" | bc -l)"
printf 'steady RSS (run, IDLE):   %.1f MiB, %.1f MiB after a complaint\n' "$(echo "$rss_kb / 1024" | bc -l)" "$(echo "$rss2_kb / 1024" | bc -l)"
printf 'delivery -> acknowledgement with IDLE: %.2f s (SMTP submission included)\n' "$latency_s"
