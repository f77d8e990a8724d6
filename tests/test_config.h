// A valid config text for tests, with the SPEC's example people and inline
// passwords (ParseConfig does not read files for them).
#pragma once

#include <string>

namespace intaked {

inline std::string TestConfigText(const std::string& extra = "") {
  return R"(
[organisation]
name = "Parents and Carers Together Stockport"
reference_prefix = "PACTS"

[intake]
address = "info@pacts.test"
display_name = "PACTS Complaints"
imap_url = "imap://127.0.0.1:1143/INBOX"
password = "pw"

[smtp]
url = "smtp://127.0.0.1:2525"

[[co_chair]]
name = "Alex Able"
address = "chair.a@pacts.test"
aliases = ["Alex"]
imap_url = "imap://127.0.0.1:1143/INBOX"
password = "pw"

[[co_chair]]
name = "Bea Bright"
address = "chair.b@pacts.test"
aliases = ["Bea"]
imap_url = "imap://127.0.0.1:1143/INBOX"
password = "pw"

[fallback]
name = "Steering Group"
address = "steering@pacts.test"

[stage_two]
reviewer_name = "Rita Review"
reviewer_address = "reviewer@outside.test"

[storage]
database = ":memory:"
)" + extra;
}

}  // namespace intaked
