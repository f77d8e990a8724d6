// SPDX-License-Identifier: GPL-3.0-or-later
// HttpClient: the few HTTP requests OAuth needs (form POSTs to a token or
// device endpoint), behind an interface so flows can be tested without a network.
//
// CurlHttpClient is the real one, on libcurl: https:// only, except to a
// loopback address (TlsPolicy's rule, decided on the host libcurl itself parsed
// from the URL); certificates always verified (an identity provider is never a
// test server with a self-signed certificate unless [tls] ca_file names its CA,
// so [tls] verify = false does not apply here); redirects not followed;
// connect and total time bounded; the answer's size bounded (a longer one is
// abandoned mid-transfer). It never logs what it sends or receives (client
// secrets, codes and tokens), and its errors name the host, never the body.
// One request at a time per object; no state is kept between requests.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "config/config.h"

namespace intaked {

struct HttpResponse {
  long status = 0;   // 200, 400, ...
  std::string body;  // at most HttpClient::kMaxBody bytes
};

using FormFields = std::vector<std::pair<std::string, std::string>>;

class HttpClient {
 public:
  static constexpr size_t kMaxBody = 256 * 1024;
  virtual ~HttpClient() = default;
  // POSTs application/x-www-form-urlencoded `fields` with "Accept:
  // application/json"; kConnection when no whole HTTP answer came back (or it
  // was over kMaxBody), kInvalidInput for a URL that policy forbids.
  virtual Result<HttpResponse> PostForm(const std::string& url, const FormFields& fields) = 0;
};

class CurlHttpClient : public HttpClient {
 public:
  static constexpr std::chrono::seconds kConnectTimeout{15};
  static constexpr std::chrono::seconds kTotalTimeout{60};

  explicit CurlHttpClient(TlsSettings tls) : tls_(std::move(tls)) {}
  Result<HttpResponse> PostForm(const std::string& url, const FormFields& fields) override;

 private:
  TlsSettings tls_;
};

}  // namespace intaked
