// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes ClassifyText (lib/procedure/classification.h) with hostile words: the
// first line is the subject, the rest the writer's own text. Every verdict is
// one of the five, with a reason, and the reason never quotes the text beyond
// the rule's own phrase (it is logged).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "procedure/classification.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const intaked::ClassificationRules rules = [] {
    intaked::ClassificationRules r = intaked::ClassificationRules::Defaults();
    r.people = {"Alex Able", "Alex", "Bea"};
    return r;
  }();
  const std::string input(reinterpret_cast<const char*>(data), size);
  const size_t nl = input.find('\n');
  const std::string subject = input.substr(0, nl);
  const std::string body = nl == std::string::npos ? "" : input.substr(nl + 1);
  const intaked::Classification c = intaked::ClassifyText(subject, body, rules);
  FUZZ_CHECK(c.kind != intaked::MessageKind::kAutomated, "words alone called automated");
  FUZZ_CHECK(!c.reason.empty(), "a verdict without a reason");
  FUZZ_CHECK(c.reason.size() < 200, "a reason long enough to carry the text");
  return 0;
}
