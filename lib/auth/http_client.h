// HttpClient: the few HTTP requests OAuth needs (form POSTs to a token or
// device endpoint), behind an interface so flows can be tested without a network.
//
// CurlHttpClient is the real one, on libcurl: https:// only, except to a
// loopback address (TlsPolicy's rule); certificates verified, [tls] ca_file
// honoured; redirects not followed; the answer's size bounded. It never logs
// what it sends or receives (client secrets, codes and tokens).
#pragma once

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

class HttpClient {
 public:
  static constexpr size_t kMaxBody = 256 * 1024;
  virtual ~HttpClient() = default;
  // POSTs application/x-www-form-urlencoded `fields`; kConnection when no
  // HTTP answer came back, kInvalidInput for a URL that policy forbids.
  virtual Result<HttpResponse> PostForm(
      const std::string& url, const std::vector<std::pair<std::string, std::string>>& fields) = 0;
};

class CurlHttpClient : public HttpClient {
 public:
  explicit CurlHttpClient(TlsSettings tls) : tls_(std::move(tls)) {}
  Result<HttpResponse> PostForm(
      const std::string& url,
      const std::vector<std::pair<std::string, std::string>>& fields) override;

 private:
  TlsSettings tls_;
};

}  // namespace intaked
