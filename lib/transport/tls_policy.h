// SPDX-License-Identifier: GPL-3.0-or-later
// TlsPolicy: how intaked protects a mail server connection, decided from the
// account's URL alone (docs/SECURITY.md, "No secret in clear").
//
// imaps:// and smtps:// speak TLS from the first byte. imap:// and smtp:// must
// upgrade with STARTTLS before anything secret - a password, or a letter full
// of a complainant's personal data - crosses the network; a server that does
// not offer STARTTLS is refused. Only a loopback address (127.0.0.0/8, ::1,
// "localhost") may carry plain text, because nothing outside the machine can
// see or alter that traffic. Pure functions, no I/O: the transports (ImapSession,
// SmtpSender) turn the answer into libcurl's CURLOPT_USE_SSL.
#pragma once

#include <string>
#include <string_view>

namespace intaked {

enum class TlsRequirement {
  kImplicit,          // imaps:// or smtps://: TLS from the first byte
  kStartTls,          // plain scheme to a remote host: STARTTLS or no login at all
  kStartTlsIfOffered  // plain scheme to a loopback address: STARTTLS when offered, else plain
};

// The host of "scheme://[user@]host[:port][/path]", without brackets for IPv6
// ("::1"); empty when there is none.
std::string UrlHost(std::string_view url);

// True only for a literal loopback address - an IPv4 address in 127.0.0.0/8 in
// dotted-decimal form, the IPv6 address ::1 - or the name "localhost" (any case,
// one optional trailing dot). Anything else, including names that merely start
// with "127." or end in ".localhost", is a remote host: the decision never
// depends on what a resolver might answer.
bool IsLoopbackHost(std::string_view host);

TlsRequirement RequiredTls(std::string_view url);

// "TLS", or why plain text was used ("no TLS: the server offers no STARTTLS,
// allowed on a loopback address"), for `intaked check`.
std::string DescribeTls(bool tls_in_use);

}  // namespace intaked
