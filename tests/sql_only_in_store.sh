#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SQL lives in lib/store only, behind named operations (CaseStore::Events,
# Outbox::LettersOfCase, ...): everywhere else asks the store by name, so the
# schema can change in one place and every query has one owner to review.
# Fails, naming each line, if a statement, an exec or SQL text appears in the
# code outside lib/store. Run from the source root.
set -euo pipefail
cd "${1:-.}"

pattern='SQLite::Statement|SQLiteCpp/Statement\.h|execAndGet|\.exec\(|"[[:space:]]*(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|PRAGMA|WITH)[[:space:]]'
hits=$(grep -rnE --include='*.cc' --include='*.h' "$pattern" lib daemon fuzz | grep -v '^lib/store/' || true)
if [ -n "$hits" ]; then
  printf '%s\n' "$hits" >&2
  echo "SQL outside lib/store: give it a named operation in lib/store and call that" >&2
  exit 1
fi
