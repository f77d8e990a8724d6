// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/private_directory.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace intaked {
namespace {

std::string Error(const std::string& path, const std::string& what, int err) {
  return path + ": " + what + ": " + std::strerror(err);
}

// True when the directory open as `fd` holds nothing but "." and "..". Takes its own
// descriptor, so `fd` stays open.
Result<bool> IsEmpty(int fd, const std::string& path) {
  const int dup_fd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (dup_fd < 0) return Status::Io(Error(path, "cannot read the directory", errno));
  DIR* dir = fdopendir(dup_fd);
  if (!dir) {
    const int err = errno;
    close(dup_fd);
    return Status::Io(Error(path, "cannot read the directory", err));
  }
  bool empty = true;
  while (const dirent* e = readdir(dir)) {
    if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0) {
      empty = false;
      break;
    }
  }
  closedir(dir);
  return empty;
}

// Opens an existing `path` for use: a directory of ours, not a link, empty.
Result<int> OpenExisting(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    if (err == ELOOP || err == ENOTDIR)
      return Status::InvalidInput(path +
                                  ": exists and is not a directory (or is a symbolic link)"
                                  "; give --out a new directory");
    return Status::Io(Error(path, "cannot open", err));
  }
  struct stat st {};
  Status problem;
  if (fstat(fd, &st) != 0) {
    problem = Status::Io(Error(path, "cannot stat", errno));
  } else if (st.st_uid != geteuid()) {
    problem = Status::InvalidInput(path +
                                   ": exists and belongs to another user; give --out a new "
                                   "directory");
  } else if (auto empty = IsEmpty(fd, path); !empty.ok()) {
    problem = empty.status();
  } else if (!empty.value()) {
    problem = Status::InvalidInput(path + ": exists and is not empty; give --out a new directory");
  } else if (fchmod(fd, 0700) != 0) {
    problem = Status::Io(Error(path, "cannot make it private (chmod 700)", errno));
  }
  if (!problem.ok()) {
    close(fd);
    return problem;
  }
  return fd;
}

}  // namespace

Result<std::unique_ptr<PrivateDirectory>> PrivateDirectory::Create(const std::string& path) {
  if (path.empty()) return Status::InvalidInput("the export directory's name is empty");
  int fd = -1;
  if (mkdir(path.c_str(), 0700) == 0) {
    // Ours from birth (the umask cannot widen 0700); O_NOFOLLOW refuses a link swapped in since.
    fd = open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return Status::Io(Error(path, "cannot open the new directory", errno));
    struct stat st {};
    if (fstat(fd, &st) != 0 || st.st_uid != geteuid() || fchmod(fd, 0700) != 0) {
      close(fd);
      return Status::Io(path + ": the new directory was replaced, or cannot be made private");
    }
  } else if (errno == EEXIST) {
    auto existing = OpenExisting(path);
    if (!existing.ok()) return existing.status();
    fd = existing.value();
  } else {
    return Status::Io(Error(path, "cannot create the directory", errno));
  }
  return std::unique_ptr<PrivateDirectory>(new PrivateDirectory(fd, path));
}

PrivateDirectory::~PrivateDirectory() { close(fd_); }

Status PrivateDirectory::Write(const std::string& name, std::string_view bytes) {
  const std::string where = path_ + "/" + name;
  if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..")
    return Status::InvalidInput(where + ": not a plain file name");
  // O_EXCL: a new file or nothing - never an existing file, never a symbolic link's target.
  const int fd =
      openat(fd_, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return Status::Io(Error(where, "cannot create", errno));
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = n < 0 ? errno : EIO;
      close(fd);
      return Status::Io(Error(where,
                              "write failed after " + std::to_string(done) + " of " +
                                  std::to_string(bytes.size()) + " bytes",
                              err));
    }
    done += size_t(n);
  }
  if (fsync(fd) != 0) {
    const int err = errno;
    close(fd);
    return Status::Io(Error(where, "cannot flush to disk", err));
  }
  if (close(fd) != 0) return Status::Io(Error(where, "cannot close", errno));
  return Status::Ok();
}

}  // namespace intaked
