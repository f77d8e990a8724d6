// SPDX-License-Identifier: GPL-3.0-or-later
// Status and Result<T>: how errors cross the boundaries between layers.
//
// Inside a layer, code may throw; at a layer's public boundary every failure is
// returned as a value that says what went wrong in words an admin can act on
// (which file, key, mailbox or message). The Kind lets callers choose a retry
// policy without parsing text: a bad message is recorded and skipped, a bad
// mailbox is skipped for this cycle, a bad connection is retried with back-off.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace intaked {

class Status {
 public:
  enum class Kind { kOk, kInvalidInput, kNotFound, kIo, kConnection, kProtocol, kPermanent };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidInput(std::string m) { return Status(Kind::kInvalidInput, std::move(m)); }
  static Status NotFound(std::string m) { return Status(Kind::kNotFound, std::move(m)); }
  static Status Io(std::string m) { return Status(Kind::kIo, std::move(m)); }
  static Status Connection(std::string m) { return Status(Kind::kConnection, std::move(m)); }
  static Status Protocol(std::string m) { return Status(Kind::kProtocol, std::move(m)); }
  static Status Permanent(std::string m) { return Status(Kind::kPermanent, std::move(m)); }

  bool ok() const { return kind_ == Kind::kOk; }
  Kind kind() const { return kind_; }
  const std::string& message() const { return message_; }
  // Prefixes the message with where it happened ("mailbox chair.a: ...").
  Status Context(const std::string& where) const;

 private:
  Status(Kind k, std::string m) : kind_(k), message_(std::move(m)) {}
  Kind kind_ = Kind::kOk;
  std::string message_;
};

template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}       // NOLINT: implicit by design
  Result(Status error) : v_(std::move(error)) {}  // NOLINT: must not be ok()

  bool ok() const { return std::holds_alternative<T>(v_); }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(v_); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace intaked
