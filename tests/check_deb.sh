#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the .deb with CPack and checks what it carries.
set -euo pipefail
build=$1
cd "$build"
cpack -G DEB >/dev/null
deb=$(ls -t intaked_*.deb | head -n1)
contents=$(dpkg-deb -c "$deb")
for f in ./usr/sbin/intaked ./usr/lib/systemd/system/intaked.service ./etc/intaked/intaked.toml.example \
         ./usr/share/intaked/templates/acknowledgement.mustache ./usr/share/doc/intaked/ADMIN.md \
         ./usr/share/doc/intaked/ACCOUNTS.md ./usr/share/doc/intaked/examples/microsoft365.toml; do
  printf '%s\n' "$contents" | grep -q " $f\$" || { echo "missing from $deb: $f"; printf '%s\n' "$contents"; exit 1; }
done
control=$(dpkg-deb -I "$deb")
printf '%s\n' "$control" | grep -q 'postinst' || { echo "no postinst in $deb"; exit 1; }
printf '%s\n' "$control" | grep -q '^ Depends:.*libcurl4' || { echo "shlibdeps did not record libcurl"; printf '%s\n' "$control"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
dpkg-deb -e "$deb" "$tmp"
sh -n "$tmp/postinst" && sh -n "$tmp/prerm"
echo "$deb is complete"
