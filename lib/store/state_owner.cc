// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/state_owner.h"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

namespace intaked {
namespace {

std::string UserName(uid_t uid) {
  if (const passwd* pw = getpwuid(uid); pw != nullptr && pw->pw_name != nullptr) return pw->pw_name;
  return "uid " + std::to_string(uid);
}

}  // namespace

Status CheckStateOwner(const std::string& database_path) {
  if (geteuid() != 0 || database_path == ":memory:") return Status::Ok();
  // The directory the database is in, or the nearest one that exists: the
  // files SQLite makes, and any directories made on the way, would be root's.
  std::error_code error;  // no working directory: SQLite's own open fails and says so
  std::filesystem::path dir = std::filesystem::absolute(database_path, error).parent_path();
  if (error) return Status::Ok();
  struct stat st {};
  while (stat(dir.c_str(), &st) != 0) {
    if (!dir.has_parent_path() || dir.parent_path() == dir) return Status::Ok();
    dir = dir.parent_path();
  }
  if (st.st_uid == 0) return Status::Ok();
  const std::string owner = UserName(st.st_uid);
  return Status::InvalidInput(dir.string() + " belongs to " + owner +
                              ", who runs the service: run this as that user (sudo -u " + owner +
                              " intaked ...), not as root, whose files there the service "
                              "could not open");
}

}  // namespace intaked
