// SPDX-License-Identifier: GPL-3.0-or-later
// FUZZ_CHECK: a property a fuzz target asserts on the parser's output.
//
// A broken promise (say, a text field that is not UTF-8) is a finding just as a
// crash is, so it aborts, and libFuzzer saves the input that caused it.
#pragma once

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond, what)                                                            \
  do {                                                                                    \
    if (!(cond)) {                                                                        \
      std::fprintf(stderr, "FUZZ_CHECK failed at %s:%d: %s\n", __FILE__, __LINE__, what); \
      std::abort();                                                                       \
    }                                                                                     \
  } while (0)
