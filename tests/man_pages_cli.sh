#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# intaked(8) documents every command, option and argument the binary has.
#
# Nothing is listed here: the binary's own `--help`, and each command's, say
# what it takes. In the man page's source (docs/man/intaked.8.scd) each command
# has a heading "## NAME" under which each option has an entry, a line that
# starts with it as *--option* (a synopsis naming it is not enough), and each
# argument one that starts _ARG_; the options of intaked itself (--config,
# --help, --version) have theirs in "# OPTIONS", which also covers a command's
# --help. Fails naming each one missing.
set -euo pipefail
intaked=$1
page=$2

# The entry lines (starting *-option* or _ARG_, maybe indented) of the block
# headed `$1` (exactly) in the man page, up to the next heading.
entries() {
  awk -v head="$1" '$0 == head { on = 1; next } /^#/ { on = 0 } on' "$page" |
    sed -n 's/^\t*\([*_]\)/\1/p' | grep -E '^(\*-|_)' || true
}

# The first column of the lines of section `$1:` of a CLI11 help text on stdin.
help_section() {
  awk -v head="$1:" '$0 == head { on = 1; next } /^[^ ]/ { on = 0 } on && /^  [^ ]/ { print $1 }'
}

# The long options in a first column such as "-h,--help" or "--config".
long_options() {
  tr ',' '\n' | grep -E '^--[a-z]' || true
}

missing=0
miss() {
  echo "intaked(8) lacks $1" >&2
  missing=$((missing + 1))
}

top_help=$("$intaked" --help)
global=$(entries "# OPTIONS")
options_seen=0
for option in $(help_section Options <<<"$top_help" | long_options); do
  options_seen=$((options_seen + 1))
  grep -qF -- "*$option*" <<<"$global" || miss "$option under # OPTIONS"
done

commands=$(help_section Subcommands <<<"$top_help")
for command in $commands; do
  grep -qxF "## $command" "$page" || { miss "a \"## $command\" heading"; continue; }
  text=$(entries "## $command")
  sub_help=$("$intaked" "$command" --help)
  for option in $(help_section Options <<<"$sub_help" | long_options); do
    options_seen=$((options_seen + 1))
    grep -qF -- "*$option*" <<<"$text"$'\n'"$global" || miss "$option under ## $command"
  done
  for argument in $(help_section Positionals <<<"$sub_help"); do
    grep -q -- "^_${argument}_" <<<"$text" || miss "_${argument}_ under ## $command"
  done
done

# A help text this script could not read would check nothing.
count=$(wc -w <<<"$commands")
if [ "$count" -lt 12 ] || [ "$options_seen" -lt 20 ]; then
  echo "read only $count commands and $options_seen options from intaked --help" >&2
  exit 1
fi
if [ "$missing" -gt 0 ]; then
  echo "$missing missing from $page" >&2
  exit 1
fi
echo "intaked(8) documents all $count commands and their options"
