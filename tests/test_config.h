// SPDX-License-Identifier: GPL-3.0-or-later
// A valid config text for tests, with example people (Alex Able, Bea Bright) and inline
// passwords (ParseConfig does not read files for them).
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

#include "config/config_loader.h"
#include "engine/procedure_context.h"

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

// A ProcedureContext from TestConfigText(extra). Each co-chair logs in as
// themselves (the fake server keys folders by username); `read_co_chairs`
// false leaves their mailboxes unread.
inline std::shared_ptr<const ProcedureContext> TestContext(const std::string& extra = "",
                                                           bool read_co_chairs = true) {
  auto config = ParseConfig(TestConfigText(extra), "/tmp/intaked-test.toml");
  if (!config.ok()) throw std::runtime_error(config.status().message());
  for (CoChairSettings& cc : config->co_chairs) {
    if (read_co_chairs)
      cc.mailbox->username = cc.identity.address;
    else
      cc.mailbox.reset();
  }
  auto ctx = ProcedureContext::Build(config.value());
  if (!ctx.ok()) throw std::runtime_error(ctx.status().message());
  return ctx.value();
}

}  // namespace intaked
