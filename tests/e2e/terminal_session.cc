// SPDX-License-Identifier: GPL-3.0-or-later
#include "terminal_session.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>

namespace intaked::e2e {

TerminalSession::TerminalSession(const std::string& command_line) {
  int in[2], out[2];
  if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0)
    throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    dup2(out[1], 2);
    execl("/bin/sh", "sh", "-c", command_line.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  in_ = in[1];
  out_ = out[0];
}

TerminalSession::~TerminalSession() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (in_ >= 0) close(in_);
  if (out_ >= 0) close(out_);
}

bool TerminalSession::ReadSome(std::chrono::milliseconds wait) {
  pollfd p{out_, POLLIN, 0};
  if (poll(&p, 1, int(wait.count())) <= 0) return true;
  char buf[4096];
  const ssize_t n = read(out_, buf, sizeof buf);
  if (n <= 0) return false;
  output_.append(buf, size_t(n));
  return true;
}

std::string TerminalSession::WaitForLine(const std::string& prefix, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    size_t end;
    while ((end = output_.find('\n', scanned_)) != std::string::npos) {
      const std::string line = output_.substr(scanned_, end - scanned_);
      scanned_ = end + 1;
      if (line.rfind(prefix, 0) == 0) return line.substr(prefix.size());
    }
    if (std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("no line starting \"" + prefix + "\" in:\n" + output_);
    if (!ReadSome(std::chrono::milliseconds(200)))
      throw std::runtime_error("the command ended without a line starting \"" + prefix + "\":\n" +
                               output_);
  }
}

void TerminalSession::Type(const std::string& line) {
  const std::string text = line + "\n";
  if (write(in_, text.data(), text.size()) != ssize_t(text.size()))
    throw std::runtime_error("could not type into the command");
}

int TerminalSession::Wait(std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (!ReadSome(std::chrono::milliseconds(200))) break;
  }
  int status = 0;
  if (std::chrono::steady_clock::now() >= deadline) kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace intaked::e2e
