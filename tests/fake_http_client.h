// SPDX-License-Identifier: GPL-3.0-or-later
// FakeHttpClient: an HttpClient for OAuth tests that answers from a script
// and records every request, so a test can assert the exact form fields a
// flow sent (grant types, code_verifier, redirect_uri, a client_secret only
// when one is configured). Used from one thread at a time.
#pragma once

#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "auth/http_client.h"

namespace intaked {

struct RecordedPost {
  std::string url;
  FormFields fields;

  bool Has(const std::string& name) const {
    for (const auto& [n, v] : fields) {
      if (n == name) return true;
    }
    return false;
  }
  // The field's value; "" when absent (and a test failure if it appears twice).
  std::string Field(const std::string& name) const {
    std::string value;
    int seen = 0;
    for (const auto& [n, v] : fields) {
      if (n == name) {
        value = v;
        ++seen;
      }
    }
    return seen == 1 ? value : (seen == 0 ? "" : "<twice>");
  }
  std::vector<std::string> Names() const {
    std::vector<std::string> names;
    for (const auto& field : fields) names.push_back(field.first);
    return names;
  }
};

class FakeHttpClient : public HttpClient {
 public:
  void Answer(long status, std::string body) {
    script_.emplace_back(HttpResponse{status, std::move(body)});
  }
  void Fail(Status error) { script_.emplace_back(std::move(error)); }

  Result<HttpResponse> PostForm(const std::string& url, const FormFields& fields) override {
    posts.push_back({url, fields});
    if (script_.empty()) return Status::Connection("FakeHttpClient: no answer scripted");
    Result<HttpResponse> next = std::move(script_.front());
    script_.pop_front();
    return next;
  }

  size_t unused() const { return script_.size(); }
  std::vector<RecordedPost> posts;

 private:
  std::deque<Result<HttpResponse>> script_;
};

}  // namespace intaked
