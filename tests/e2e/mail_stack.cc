// SPDX-License-Identifier: GPL-3.0-or-later
#include "mail_stack.h"

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "mail/mime_parser.h"
#include "oauth_control.h"
#include "transport/imap_session.h"
#include "transport/smtp_sender.h"

namespace intaked::e2e {
namespace {

// Paths come from the build (compile definitions); the environment may override them.
std::string Env(const char* name) {
  if (const char* v = std::getenv(name)) return v;
  const std::string n(name);
  if (n == "INTAKED_MAILSTACK_DIR") return INTAKED_MAILSTACK_DIR;
  if (n == "INTAKED_MAILSTACK_SCRIPT") return INTAKED_MAILSTACK_SCRIPT;
  return INTAKED_BINARY;
}

std::string RunShell(const std::string& cmd, int* status) {
  std::string out;
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (!p) throw std::runtime_error("cannot run " + cmd);
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int rc = pclose(p);
  if (status) *status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  return out;
}

}  // namespace

MailStack::MailStack() : dir_(Env("INTAKED_MAILSTACK_DIR")) {
  std::istringstream ports(Slurp(dir_ + "/ports.env"));
  for (std::string line; std::getline(ports, line);) {
    const size_t eq = line.find('=');
    if (eq == std::string::npos) continue;
    const std::string k = line.substr(0, eq);
    const int v = std::stoi(line.substr(eq + 1));
    if (k == "IMAP_PORT") imap_port_ = v;
    if (k == "IMAPS_PORT") imaps_port_ = v;
    if (k == "SMTP_PORT") smtp_port_ = v;
    if (k == "OAUTH_PORT") oauth_port_ = v;
  }
}

OAuthControl MailStack::OAuth() const { return OAuthControl(oauth_port_); }

std::string MailStack::AddUser(const std::string& address) {
  const std::string secret = dir_ + "/secrets/" + address;
  const bool is_new = !std::filesystem::exists(secret);
  int status = 0;
  std::string out =
      RunShell(Env("INTAKED_MAILSTACK_SCRIPT") + " adduser " + dir_ + " " + address, &status);
  if (status != 0) throw std::runtime_error("adduser failed: " + out);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  if (is_new) unsettled_ = true;
  return out;
}

void MailStack::Settle() {
  // Dovecot re-reads a changed passwd-file at most once a second: a login in
  // the same second as the change can miss the new user.
  if (!unsettled_) return;
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  unsettled_ = false;
}

std::string MailStack::Password(const std::string& address) {
  std::string pw = Slurp(AddUser(address));
  Settle();
  while (!pw.empty() && pw.back() == '\n') pw.pop_back();
  return pw;
}

void MailStack::Send(const std::string& from, const std::vector<std::string>& to,
                     const std::string& raw) {
  Settle();  // LMTP delivery to a user Dovecot does not know yet would bounce
  SmtpSender smtp(
      {"smtp", "the test's SMTP submission", "smtp://127.0.0.1:" + std::to_string(smtp_port_), "",
       AuthMethod::kPassword, "", ""},
      {});
  const SendOutcome out = smtp.Send(from, to, raw);
  if (out.kind != SendOutcome::Kind::kAccepted)
    throw std::runtime_error("SMTP refused test mail: " + out.detail);
  WaitForQueue();
}

void MailStack::WaitForQueue() {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    // `postqueue -j` prints one JSON line per queued message; none means all delivered.
    const std::string out = RunShell("postqueue -c " + dir_ + "/postfix -j", nullptr);
    if (out.find("queue_id") == std::string::npos) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("Postfix queue did not drain within 30 s");
}

std::unique_ptr<ImapSession> MailStack::Login(const std::string& address) {
  auto session = ImapSession::Connect({"imap://127.0.0.1:" + std::to_string(imap_port_) + "/",
                                       address,
                                       Password(address),
                                       "",
                                       {true, dir_ + "/dovecot/cert.pem"},
                                       std::chrono::seconds(30)});
  if (!session.ok()) throw std::runtime_error(session.status().message());
  return std::move(session.value());
}

size_t MailStack::WaitForMail(const std::string& address, size_t count,
                              std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  size_t have = Read(address).size();
  while (have < count && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    have = Read(address).size();
  }
  return have;
}

int MailStack::StartDaemon(const std::string& config, const std::string& log) {
  Settle();
  const std::string pid = RunShell(Env("INTAKED_BINARY") + " --config " + config + " run --now " +
                                       kTestNow + " > " + log + " 2>&1 & echo $!",
                                   nullptr);
  return std::stoi(pid);
}

bool MailStack::StopDaemon(int pid, int signal) {
  const std::string p = std::to_string(pid);
  int status = 0;
  RunShell("kill -" + std::to_string(signal) + " " + p + "; for i in $(seq 1 100); do kill -0 " +
               p + " 2>/dev/null || exit 0; sleep 0.1; done; exit 1",
           &status);
  return status == 0;
}

std::vector<StoredMail> MailStack::Read(const std::string& address, const std::string& folder) {
  auto session = Login(address);
  auto info = session->Examine(folder);
  if (!info.ok()) throw std::runtime_error(info.status().message());
  auto list = session->ListAfter(0);
  if (!list.ok()) throw std::runtime_error(list.status().message());
  auto mails = session->Fetch(*list, 1ull << 40);
  if (!mails.ok()) throw std::runtime_error(mails.status().message());
  std::vector<StoredMail> out;
  for (FetchedMail& m : *mails) {
    auto flags = session->Flags(m.uid);
    out.push_back({m.uid, m.raw, ParseMessage(m.raw), flags.ok() ? flags.value() : ""});
  }
  session->Logout();
  return out;
}

void MailStack::Append(const std::string& address, const std::string& folder,
                       const std::string& raw) {
  auto session = Login(address);
  if (Status s = session->Append(folder, raw, "\\Seen"); !s.ok())
    throw std::runtime_error(s.message());
  session->Logout();
}

std::string MailStack::WriteConfig(const std::string& prefix, const std::string& extra) {
  const std::string home = dir_ + "/tests/" + prefix;
  std::filesystem::create_directories(home);
  for (const char* who : {"info", "chair.a", "chair.b", "steering"})
    AddUser(prefix + "-" + who + "@pacts.test");
  const std::string imap = "imap://127.0.0.1:" + std::to_string(imap_port_) + "/INBOX";
  std::ostringstream c;
  c << "[organisation]\nname = \"Parents and Carers Together Stockport\"\nreference_prefix = "
       "\"PACTS\"\n\n"
    << "[intake]\naddress = \"" << prefix
    << "-info@pacts.test\"\ndisplay_name = \"PACTS Complaints\"\n"
    << "imap_url = \"" << imap << "\"\npassword_file = \"" << dir_ << "/secrets/" << prefix
    << "-info@pacts.test\"\n\n"
    << "[smtp]\nurl = \"smtp://127.0.0.1:" << smtp_port_ << "\"\n\n";
  const char* names[] = {"Alex Able", "Bea Bright"};
  const char* aliases[] = {"Alex", "Bea"};
  const char* who[] = {"chair.a", "chair.b"};
  for (int i = 0; i < 2; ++i) {
    const std::string addr = prefix + "-" + who[i] + "@pacts.test";
    c << "[[co_chair]]\nname = \"" << names[i] << "\"\naddress = \"" << addr << "\"\naliases = [\""
      << aliases[i] << "\"]\nimap_url = \"" << imap << "\"\npassword_file = \"" << dir_
      << "/secrets/" << addr
      << "\"\n"
      // Named, not found: the stack marks another folder \Sent (sent_folder_e2e_test.cc).
      << "sent_folder = \"Sent\"\n\n";
  }
  c << "[fallback]\nname = \"Steering Group\"\naddress = \"" << prefix
    << "-steering@pacts.test\"\n\n"
    << "[stage_two]\nreviewer_name = \"Rita Review\"\nreviewer_address = "
       "\"reviewer@outside.test\"\n\n"
    << "[calendar]\nclosures = [\"2026-12-29\", \"2026-12-30\", \"2026-12-31\"]\n\n"
    << "[storage]\ndatabase = \"" << home << "/intaked.db\"\n\n"
    << "[tls]\nca_file = \"" << dir_ << "/dovecot/cert.pem\"\n\n"
    << extra;
  const std::string path = home + "/intaked.toml";
  std::ofstream(path) << c.str();
  return path;
}

std::string MailStack::Binary() const { return Env("INTAKED_BINARY"); }

RunResult MailStack::Intaked(const std::string& args) {
  Settle();
  int status = 0;
  std::string line = Env("INTAKED_BINARY") + " " + args;
  // Every run reads the test clock, never today's: see kTestNow.
  if (args.find(" run") != std::string::npos && args.find("--now") == std::string::npos)
    line += std::string(" --now ") + kTestNow;
  std::string out = RunShell(line, &status);
  return {status, out};
}

RunResult MailStack::Shell(const std::string& command_line) {
  int status = 0;
  std::string out = RunShell(command_line, &status);
  return {status, out};
}

std::vector<StoredMail> StackTest::New(const std::string& who) {
  std::vector<StoredMail> all = stack_.Read(who), fresh;
  for (auto& m : all) {
    if (m.uid > seen_[who]) fresh.push_back(m);
  }
  if (!all.empty()) seen_[who] = all.back().uid;
  return fresh;
}

void StackTest::SetUp() {
  prefix_ = ::testing::UnitTest::GetInstance()->current_test_info()->name();
  prefix_ = std::regex_replace(prefix_, std::regex("[^A-Za-z0-9]"), "");
  for (char& c : prefix_) c = char(std::tolower(static_cast<unsigned char>(c)));
  prefix_ = prefix_.substr(0, 24);
  config_ = stack_.WriteConfig(prefix_);
  home_ = stack_.dir() + "/tests/" + prefix_;
  stack_.AddUser(P("parent", "family.test"));
}

std::string TestMail(const std::string& from, const std::string& to, const std::string& subject,
                     const std::string& body, const std::string& message_id,
                     const std::string& extra_headers) {
  return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: <" +
         message_id +
         ">\r\nDate: Wed, 25 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
         "Content-Type: text/plain; charset=UTF-8\r\n" +
         extra_headers + "\r\n" + body + "\r\n";
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace intaked::e2e
