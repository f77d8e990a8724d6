# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the command-line tests (tests/*_cli.sh): the smallest valid config,
# with two co-chairs, a fallback, a reviewer, and servers on 127.0.0.1:9,
# where nothing listens, so no test reaches a real server by accident.
#   write_test_config FILE DATABASE [REVIEWER_ADDRESS [MORE_TOML]]
# MORE_TOML is appended as it is (a table of its own, such as [calendar]).
write_test_config() {
  local file=$1 database=$2 reviewer=${3:-reviewer@outside.test} more=${4:-}
  cat > "$file" <<TOML
[organisation]
name = "Parents and Carers Together Stockport"
reference_prefix = "PACTS"

[intake]
address = "info@pacts.test"
imap_url = "imap://127.0.0.1:9/INBOX"
password = "pw"

[smtp]
url = "smtp://127.0.0.1:9"

[[co_chair]]
name = "Alex Able"
address = "chair.a@pacts.test"

[[co_chair]]
name = "Bea Bright"
address = "chair.b@pacts.test"

[fallback]
name = "Steering Group"
address = "steering@pacts.test"

[stage_two]
reviewer_name = "Rita Review"
reviewer_address = "$reviewer"

[storage]
database = "$database"
$more
TOML
  chmod 600 "$file"
}
