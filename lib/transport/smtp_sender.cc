#include "transport/smtp_sender.h"

#include <curl/curl.h>

#include <cstring>

namespace intaked {
namespace {

struct Upload {
  const std::string* data;
  size_t pos = 0;
};

size_t ReadChunk(char* buf, size_t size, size_t n, void* user) {
  auto* u = static_cast<Upload*>(user);
  const size_t len = std::min(size * n, u->data->size() - u->pos);
  std::memcpy(buf, u->data->data() + u->pos, len);
  u->pos += len;
  return len;
}

CURL* NewHandle(const SmtpSettings& s, char* errbuf) {
  CURL* c = curl_easy_init();
  if (!c) return nullptr;
  curl_easy_setopt(c, CURLOPT_URL, s.url.c_str());
  curl_easy_setopt(c, CURLOPT_USE_SSL, long(CURLUSESSL_TRY));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 300L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  if (!s.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, s.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, s.password.c_str());
  }
  if (!s.tls.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, s.tls.ca_file.c_str());
  if (!s.tls.verify) {
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  return c;
}

SendOutcome Outcome(CURL* c, CURLcode rc, const char* errbuf) {
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  if (rc == CURLE_OK)
    return {SendOutcome::Kind::kAccepted, "accepted (" + std::to_string(code) + ")"};
  std::string why = errbuf[0] ? errbuf : curl_easy_strerror(rc);
  if (code > 0) why += " (server said " + std::to_string(code) + ")";
  // 5xx is the server's final word on this message; anything else may pass later.
  const bool permanent = code >= 500 && code < 600;
  return {permanent ? SendOutcome::Kind::kPermanentFailure : SendOutcome::Kind::kTemporaryFailure,
          why};
}

}  // namespace

SendOutcome SmtpSender::Send(const std::string& envelope_from,
                             const std::vector<std::string>& recipients,
                             const std::string& message) {
  char errbuf[CURL_ERROR_SIZE] = {0};
  CURL* c = NewHandle(settings_, errbuf);
  if (!c) return {SendOutcome::Kind::kTemporaryFailure, "cannot initialise libcurl"};
  const std::string from = "<" + envelope_from + ">";
  curl_slist* rcpt = nullptr;
  for (const std::string& r : recipients) rcpt = curl_slist_append(rcpt, ("<" + r + ">").c_str());
  Upload up{&message};
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, ReadChunk);
  curl_easy_setopt(c, CURLOPT_READDATA, &up);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, curl_off_t(message.size()));
  const CURLcode rc = curl_easy_perform(c);
  SendOutcome out = Outcome(c, rc, errbuf);
  curl_slist_free_all(rcpt);
  curl_easy_cleanup(c);
  return out;
}

SendOutcome SmtpSender::Probe() {
  char errbuf[CURL_ERROR_SIZE] = {0};
  CURL* c = NewHandle(settings_, errbuf);
  if (!c) return {SendOutcome::Kind::kTemporaryFailure, "cannot initialise libcurl"};
  // CONNECT_ONLY makes libcurl connect, greet (EHLO), negotiate TLS and
  // authenticate, then stop: everything short of sending a message.
  curl_easy_setopt(c, CURLOPT_CONNECT_ONLY, 1L);
  const CURLcode rc = curl_easy_perform(c);
  SendOutcome out = Outcome(c, rc, errbuf);
  curl_easy_cleanup(c);
  return out;
}

}  // namespace intaked
