#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the Debian package as a packager would, from a clean copy of the
# checkout (its tracked files only), then checks it: lintian finds no error and
# no warning; it carries the binary, both units, the sysusers and tmpfiles
# entries, the man pages, the letters and the example configs; nothing under
# /etc (so there is no conffile to forget); the service user comes from
# sysusers, not adduser; and installing it pulls in no mail server or browser.
set -euo pipefail
source_dir=$1
for tool in dpkg-buildpackage dh lintian scdoc git; do
  command -v "$tool" >/dev/null || { echo "$tool missing: scripts/install-deps installs it" >&2; exit 1; }
done
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir "$work/intaked"
git -C "$source_dir" ls-files -z | (cd "$source_dir" && tar --null -T - -cf -) | tar -xf - -C "$work/intaked"

# The unit tests ran already (ctest), so the package build leaves them out
# (nocheck). What is checked here is the packaging, not the optimiser: built
# without optimisation or debug information (noopt, -g stripped, no dbgsym
# package) it takes about half the time, and installs the same files. A
# packager's default build (plain `dpkg-buildpackage -us -uc -b`) was checked
# lintian-clean the same way when this test was written (docs/TESTING.md).
export DEB_BUILD_OPTIONS="nocheck noopt noautodbgsym parallel=$(nproc)"
export DEB_CXXFLAGS_STRIP="-g"
if ! (cd "$work/intaked" && dpkg-buildpackage -us -uc -b >"$work/build.log" 2>&1); then
  tail -n 60 "$work/build.log"; echo "dpkg-buildpackage failed" >&2; exit 1
fi
deb=$(ls "$work"/intaked_*.deb)
fail() { echo "$(basename "$deb"): $*" >&2; exit 1; }

if ! lintian --fail-on error,warning --info "$deb" "$work"/intaked_*.changes >"$work/lintian.txt" 2>&1; then
  cat "$work/lintian.txt"; fail "lintian found errors or warnings"
fi

contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in ./usr/sbin/intaked ./lib/systemd/system/intaked.service ./lib/systemd/system/intaked@.service \
         ./usr/lib/sysusers.d/intaked.conf ./usr/lib/tmpfiles.d/intaked.conf \
         ./usr/share/man/man8/intaked.8.gz ./usr/share/man/man5/intaked.toml.5.gz \
         ./usr/share/intaked/templates/acknowledgement.mustache ./usr/share/doc/intaked/copyright \
         ./usr/share/doc/intaked/changelog.Debian.gz ./usr/share/doc/intaked/docs/ADMIN.md.gz \
         ./usr/share/doc/intaked/examples/plain-imap.toml ./usr/share/doc/intaked/examples/microsoft365.toml \
         ./usr/share/doc/intaked/examples/google-workspace.toml; do
  printf '%s\n' "$contents" | grep -qxF "$f" || { printf '%s\n' "$contents"; fail "missing $f"; }
done
if printf '%s\n' "$contents" | grep -q '^\./etc/.'; then fail "installs under /etc: $(printf '%s\n' "$contents" | grep '^\./etc/.')"; fi

dpkg-deb -e "$deb" "$work/control"
grep -q 'systemd-sysusers' "$work/control/postinst" || fail "postinst does not create the user with systemd-sysusers"
grep -q 'systemd-tmpfiles' "$work/control/postinst" || fail "postinst does not create the directories with systemd-tmpfiles"
if grep -q 'adduser' "$work/control/postinst"; then fail "postinst calls adduser"; fi
# Installed disabled: the only `deb-systemd-helper enable` allowed is debhelper's
# re-enabling, on upgrade, of a unit the admin had enabled (inside its
# `if deb-systemd-helper debian-installed` block).
if ! awk '
  /deb-systemd-helper debian-installed/ { guard = 1; depth = 0; next }
  guard && /^[[:space:]]*if / { depth++ }
  guard && /^[[:space:]]*fi$/ { if (depth == 0) guard = 0; else depth-- }
  /deb-systemd-helper enable/ && !guard { bad = 1 }
  END { exit bad }' "$work/control/postinst"; then
  fail "postinst enables the service on a fresh install, before it is configured"
fi

depends=$(dpkg-deb -f "$deb" Depends Recommends Suggests)
printf '%s\n' "$depends" | grep -q 'libcurl' || fail "shlibs did not record libcurl: $depends"
if printf '%s\n' "$depends" | grep -E -q 'postfix|dovecot|exim|mail-transport-agent|chromium|firefox|www-browser'; then
  fail "pulls in a mail server or a browser: $depends"
fi
echo "$(basename "$deb") builds, is lintian-clean and complete"
