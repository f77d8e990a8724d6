// SPDX-License-Identifier: GPL-3.0-or-later
// PrivateDirectory: a directory of personal data handed to the admin (the
// subject-access export), readable by them alone.
//
// The directory is created fresh with mode 0700. One that already exists is
// used only if it is a real directory (not a symbolic link), owned by us and
// empty; it is then narrowed to 0700. Every file is created new in it (never
// an existing file, never through a symbolic link) with mode 0600 and written
// whole: a short write, a full disk or a failed close is an error naming the
// file. The object owns the directory's descriptor; one thread at a time.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace intaked {

class PrivateDirectory {
 public:
  static Result<std::unique_ptr<PrivateDirectory>> Create(const std::string& path);
  ~PrivateDirectory();
  PrivateDirectory(const PrivateDirectory&) = delete;
  PrivateDirectory& operator=(const PrivateDirectory&) = delete;

  // Writes `bytes` into a new file `name` (a plain name, no '/') in the directory.
  Status Write(const std::string& name, std::string_view bytes);
  const std::string& path() const { return path_; }

 private:
  PrivateDirectory(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_;
  std::string path_;
};

}  // namespace intaked
