#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every document the code and docs point to is in the repository: README.md,
# docs/ADMIN.md, docs/SECURITY.md, docs/ARCHITECTURE.md... A comment citing a
# specification section or a notes file that only its authors had sends a
# reader to nothing. Fails, naming each line, if one appears anywhere in the
# repository outside .git (and the build trees .gitignore names). Run from the
# source root, or give it as the first argument.
set -euo pipefail
cd "${1:-.}"
# Spelled in pieces, so that this script does not find itself.
patterns=(-e "SPEC ""§" -e "SPEC ""[0-9]" -e "\.\./sha""red" -e "DEPENDENCIES""\.md")
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  hits=$(git ls-files -z --cached --others --exclude-standard |
         xargs -0 grep -nIsE "${patterns[@]}" -- || true)
else
  hits=$(grep -rnIsE --exclude-dir=.git --exclude-dir='build*' --exclude-dir=demo-state \
         "${patterns[@]}" . || true)
fi
if [ -n "$hits" ]; then
  printf '%s\n' "$hits" >&2
  echo "a reference to a document outside the repository: point to README.md or docs/, or say the rule in words" >&2
  exit 1
fi
