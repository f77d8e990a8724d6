// SPDX-License-Identifier: GPL-3.0-or-later
// How intaked grades a mail server's refusal, so each failure is charged to
// what is really at fault (isync's grades: message bad, server bad, final).
//
// - the account: the server refused our credentials (IMAP NO on LOGIN or
//   AUTHENTICATE, SMTP 5xx on AUTH). Trying again cannot help and may lock the
//   account, so it is final until the config changes.
// - the letter: the server refused one letter's recipient or content (4xx/5xx
//   on its RCPT or DATA). Only that letter backs off or fails.
// - the server: anything else - no connection, TLS, a timeout, a temporary
//   refusal of the session. Nothing is charged to any letter; retry later.
// Pure functions over the server's words; the transports feed them.
#pragma once

#include <string>
#include <string_view>

#include "transport/mail_sender.h"

namespace intaked {

// `tagged_reply` is the server's tagged answer to LOGIN or AUTHENTICATE, e.g.
// "A002 NO [AUTHENTICATIONFAILED] Authentication failed.". True when it refuses
// our credentials; false for a temporary refusal (RFC 5530 UNAVAILABLE, INUSE,
// SERVERBUG, LIMIT), for BAD (a protocol fault, not a verdict on the password)
// and when there is no tagged NO at all.
bool ImapReplyRefusesCredentials(std::string_view tagged_reply);

// What an SMTP failure means, given the verb of the last command intaked sent
// ("EHLO", "AUTH", "MAIL", "RCPT", "DATA"; empty before the first) and the
// server's last reply code (0 if none came). Never kAccepted.
SendOutcome::Kind GradeSmtpFailure(std::string_view last_command, int reply_code);

// A server's words made safe for a log line: printable ASCII only, at most
// 200 characters (a hostile server chooses them).
std::string PrintableReply(std::string_view reply);

}  // namespace intaked
