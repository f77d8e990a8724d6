// SPDX-License-Identifier: GPL-3.0-or-later
#include "transport/credential_source.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <stdexcept>

namespace intaked {
namespace {

std::string Hex(const unsigned char* bytes, size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 15];
  }
  return out;
}

}  // namespace

std::string SaltedDigest(const std::string& salt, std::initializer_list<std::string> parts) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  EVP_DigestUpdate(ctx, salt.data(), salt.size());
  for (const std::string& p : parts) {
    // Each part's length first, so ("ab","c") and ("a","bc") differ.
    const std::string size = std::to_string(p.size()) + ":";
    EVP_DigestUpdate(ctx, size.data(), size.size());
    EVP_DigestUpdate(ctx, p.data(), p.size());
  }
  EVP_DigestFinal_ex(ctx, md.data(), &len);
  EVP_MD_CTX_free(ctx);
  return Hex(md.data(), len);
}

std::string RandomHex() {
  std::array<unsigned char, 16> bytes{};
  if (RAND_bytes(bytes.data(), int(bytes.size())) != 1)
    throw std::runtime_error("the system's random number generator failed");
  return Hex(bytes.data(), bytes.size());
}

Result<std::string> ConfiguredPasswords::Fingerprint(const MailAccount& a,
                                                     const std::string& salt) {
  return SaltedDigest(salt, {"password", a.server, a.username, a.password});
}

Result<Credential> ConfiguredPasswords::Obtain(const MailAccount& a) {
  if (a.auth != AuthMethod::kPassword || !a.password_command.empty())
    return Status::Permanent("this build's caller reads only passwords written in the config");
  return Credential{a.username, a.password, ""};
}

}  // namespace intaked
