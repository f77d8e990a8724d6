// SPDX-License-Identifier: GPL-3.0-or-later
// FindsFaultWithReader: whether a text blames the person it is written to
// ("the way you spoke to me", "you ignored my emails", "you were rude", "your
// attitude", "you didn't reply", "you never") — what makes a complaint sent
// straight to one co-chair about that co-chair (naming.h).
//
// "you" that is not the one at fault is not counted: "thank you", "you know",
// "if you could", "could you", "let you know", "I hope you are well". Pure,
// linear in the words.
#pragma once

#include <vector>

#include "procedure/words.h"

namespace intaked {

bool FindsFaultWithReader(const std::vector<Word>& words);

}  // namespace intaked
