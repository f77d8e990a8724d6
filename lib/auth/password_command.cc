// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/password_command.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/text.h"

namespace intaked {
namespace {

constexpr size_t kMaxOut = 64 * 1024;
constexpr size_t kMaxErr = 4 * 1024;

std::string FirstLine(const std::string& text) {
  const size_t end = text.find_first_of("\r\n");
  return end == std::string::npos ? text : text.substr(0, end);
}

// Reads both pipes until they close or `deadline`; false on timeout.
bool Drain(int out_fd, int err_fd, std::string* out, std::string* err,
           std::chrono::steady_clock::time_point deadline) {
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  std::string* sinks[2] = {out, err};
  const size_t caps[2] = {kMaxOut, kMaxErr};
  int open = 2;
  while (open > 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    const int r = poll(fds, 2, int(left.count()));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      char buf[4096];
      const ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n <= 0) {
        fds[i].fd = -1;
        --open;
        continue;
      }
      if (sinks[i]->size() < caps[i])
        sinks[i]->append(buf, std::min(size_t(n), caps[i] - sinks[i]->size()));
    }
  }
  return true;
}

}  // namespace

Result<std::string> RunPasswordCommand(const std::string& command, std::chrono::seconds timeout) {
  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) != 0) return Status::Connection("password_command: cannot make a pipe");
  if (pipe2(err, O_CLOEXEC) != 0) {
    close(out[0]), close(out[1]);
    return Status::Connection("password_command: cannot make a pipe");
  }
  const pid_t pid = fork();
  if (pid < 0) {
    for (int fd : {out[0], out[1], err[0], err[1]}) close(fd);
    return Status::Connection(std::string("password_command: cannot start it: ") +
                              std::strerror(errno));
  }
  if (pid == 0) {
    const int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, 0);
    dup2(out[1], 1);
    dup2(err[1], 2);
    execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  close(err[1]);
  std::string stdout_text, stderr_text;
  const bool finished =
      Drain(out[0], err[0], &stdout_text, &stderr_text, std::chrono::steady_clock::now() + timeout);
  close(out[0]);
  close(err[0]);
  if (!finished) kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  const std::string said = WithoutControls(FirstLine(stderr_text), false);
  if (!finished)
    return Status::Connection("password_command did not finish within " +
                              std::to_string(timeout.count()) + " s");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    const std::string how = WIFEXITED(status) ? "exited with " + std::to_string(WEXITSTATUS(status))
                                              : "was killed by a signal";
    return Status::Connection("password_command " + how + (said.empty() ? "" : ": " + said));
  }
  std::string password = FirstLine(stdout_text);
  if (password.empty()) return Status::Connection("password_command printed no password");
  return password;
}

}  // namespace intaked
