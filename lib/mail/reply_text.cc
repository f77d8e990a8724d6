#include "mail/reply_text.h"

#include "mail/quoted_text.h"

namespace intaked {

ReplyText SplitReply(std::string_view text) {
  ReplyText r;
  r.own = StripQuotedText(text);
  return r;
}

}  // namespace intaked
