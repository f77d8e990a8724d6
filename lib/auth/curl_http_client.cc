// SPDX-License-Identifier: GPL-3.0-or-later
// CurlHttpClient (http_client.h): one libcurl easy handle per request.
#include <curl/curl.h>

#include <memory>

#include "auth/http_client.h"
#include "base/text.h"
#include "transport/tls_policy.h"

namespace intaked {
namespace {

using EasyHandle = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using UrlHandle = std::unique_ptr<CURLU, decltype(&curl_url_cleanup)>;
using HeaderList = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

struct BoundedBody {
  std::string data;
  bool too_big = false;
};

// Returning less than was offered makes libcurl abandon the transfer: a body
// over the limit is never held whole.
size_t AppendBounded(char* bytes, size_t size, size_t count, void* user) {
  auto* body = static_cast<BoundedBody*>(user);
  const size_t n = size * count;
  if (body->data.size() + n > HttpClient::kMaxBody) {
    body->too_big = true;
    return 0;
  }
  body->data.append(bytes, n);
  return n;
}

std::string UrlPart(CURLU* url, CURLUPart part) {
  char* text = nullptr;
  if (curl_url_get(url, part, &text, 0) != CURLUE_OK || text == nullptr) return "";
  std::string value(text);
  curl_free(text);
  return value;
}

std::string Escaped(CURL* c, const std::string& text) {
  char* escaped = curl_easy_escape(c, text.data(), static_cast<int>(text.size()));
  if (escaped == nullptr) return "";
  std::string value(escaped);
  curl_free(escaped);
  return value;
}

// RFC 6749 Appendix B: names and values percent-encoded, joined by '=' and '&'.
std::string FormBody(CURL* c, const FormFields& fields) {
  std::string body;
  for (const auto& [name, value] : fields) {
    if (!body.empty()) body += '&';
    body += Escaped(c, name) + '=' + Escaped(c, value);
  }
  return body;
}

}  // namespace

Result<HttpResponse> CurlHttpClient::PostForm(const std::string& url, const FormFields& fields) {
  // The policy is checked on the host libcurl will connect to, from the same
  // parse (CURLOPT_CURLU), so no difference between two URL parsers can send
  // a secret in clear to a host that merely looked local.
  UrlHandle parsed(curl_url(), curl_url_cleanup);
  if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK)
    return Status::InvalidInput("\"" + WithoutControls(url) + "\" is not a URL");
  const std::string scheme = LowerAscii(UrlPart(parsed.get(), CURLUPART_SCHEME));
  std::string host = UrlPart(parsed.get(), CURLUPART_HOST);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  const bool loopback = IsLoopbackHost(host);
  if (scheme != "https" && !(scheme == "http" && loopback))
    return Status::InvalidInput("\"" + WithoutControls(url) +
                                "\": the identity provider is reached over https:// only "
                                "(plain http:// only on a loopback address)");

  EasyHandle easy(curl_easy_init(), curl_easy_cleanup);
  if (!easy) return Status::Connection("cannot start libcurl");
  CURL* c = easy.get();
  const std::string body = FormBody(c, fields);
  HeaderList headers(curl_slist_append(nullptr, "Accept: application/json"), curl_slist_free_all);
  BoundedBody answer;
  char error[CURL_ERROR_SIZE] = {0};

  curl_easy_setopt(c, CURLOPT_CURLU, parsed.get());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, loopback ? "http,https" : "https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_USERAGENT, "intaked");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(kConnectTimeout.count()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(kTotalTimeout.count()));
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!tls_.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, tls_.ca_file.c_str());
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(kMaxBody));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, AppendBounded);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);

  const CURLcode rc = curl_easy_perform(c);
  const std::string where = "the identity provider at " + WithoutControls(host);
  if (answer.too_big || rc == CURLE_FILESIZE_EXCEEDED)
    return Status::Connection(where + " sent an answer over " + std::to_string(kMaxBody / 1024) +
                              " KiB");
  if (rc != CURLE_OK)
    return Status::Connection("cannot reach " + where + ": " +
                              WithoutControls(error[0] != '\0' ? error : curl_easy_strerror(rc)));
  HttpResponse response;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
  response.body = std::move(answer.data);
  return response;
}

}  // namespace intaked
