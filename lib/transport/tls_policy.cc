// SPDX-License-Identifier: GPL-3.0-or-later
#include "transport/tls_policy.h"

#include <arpa/inet.h>

#include <cctype>
#include <cstring>

namespace intaked {
namespace {

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

// inet_pton accepts exactly four dotted decimal parts (no "127.1", no octal,
// no hex), which is the only IPv4 spelling treated as an address here.
bool IsLoopbackIpv4(const std::string& host) {
  in_addr a{};
  if (inet_pton(AF_INET, host.c_str(), &a) != 1) return false;
  return (ntohl(a.s_addr) >> 24) == 127;
}

bool IsLoopbackIpv6(const std::string& host) {
  in6_addr a{};
  if (inet_pton(AF_INET6, host.c_str(), &a) != 1) return false;
  return std::memcmp(&a, &in6addr_loopback, sizeof a) == 0;
}

}  // namespace

std::string UrlHost(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const size_t at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  if (!rest.empty() && rest.front() == '[') {
    const size_t close = rest.find(']');
    return close == std::string_view::npos ? "" : std::string(rest.substr(1, close - 1));
  }
  return std::string(rest.substr(0, rest.find(':')));
}

bool IsLoopbackHost(std::string_view host) {
  if (host.empty() || host.find('\0') != std::string_view::npos) return false;
  std::string name(host);
  if (IsLoopbackIpv4(name) || IsLoopbackIpv6(name)) return true;
  if (name.back() == '.') name.pop_back();
  return name.size() == 9 && StartsWithNoCase(name, "localhost");
}

TlsRequirement RequiredTls(std::string_view url) {
  if (StartsWithNoCase(url, "imaps://") || StartsWithNoCase(url, "smtps://"))
    return TlsRequirement::kImplicit;
  return IsLoopbackHost(UrlHost(url)) ? TlsRequirement::kStartTlsIfOffered
                                      : TlsRequirement::kStartTls;
}

std::string DescribeTls(bool tls_in_use) {
  return tls_in_use ? "TLS" : "no TLS: plain text, allowed only on a loopback address";
}

}  // namespace intaked
