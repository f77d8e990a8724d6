// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/letter_post.h"

#include "mail/address.h"
#include "mail/mail_composer.h"

namespace intaked {

std::string LetterPost::Enqueue(const LetterAddressing& a, const Letter& letter) {
  const Config& cfg = ctx_.config;
  OutgoingMail mail;
  mail.from = {cfg.intake_display_name, cfg.intake_address};
  mail.to = {a.to};
  mail.subject = letter.subject;
  mail.body = letter.body;
  // Nothing but the token: replies are matched by the whole id in the outbox,
  // never by taking it apart, so ids of the older, longer form
  // ("intaked.REF.purpose.<32 hex>@domain") in letters already sent still work.
  mail.message_id = tokens_.NewToken() + "@" + EmailDomain(cfg.intake_address);
  if (!a.in_reply_to.empty()) {
    mail.in_reply_to = a.in_reply_to;
    mail.references = a.references;
    if (mail.references.empty() || mail.references.back() != a.in_reply_to)
      mail.references.push_back(a.in_reply_to);
  }
  mail.auto_submitted = a.auto_submitted;
  mail.attachments = a.attachments;
  mail.date = now_;
  OutboxItem item;
  item.case_id = a.case_id;
  item.purpose = a.purpose;
  item.recipient = a.to.email;
  item.message_id = mail.message_id;
  item.mail = ComposeMail(mail);
  outbox_.Enqueue(item, now_);
  return mail.message_id;
}

}  // namespace intaked
