// SPDX-License-Identifier: GPL-3.0-or-later
#include "service.h"

// Boost 1.74's Asio does not compile under g++ 12 in C++20 unless <utility> comes
// before it: included first, where include sorting cannot move it.
// clang-format off
#include <utility>
// clang-format on

#include <fmt/format.h>
#include <systemd/sd-daemon.h>

#include <atomic>
#include <boost/asio.hpp>

#include "command_session.h"
#include "commands.h"
#include "engine/intake_cycle.h"
#include "store/case_store.h"
#include "transport/idle_doorbell.h"
#include "transport/imap_folder_opener.h"
#include "transport/login_guard.h"
#include "transport/smtp_sender.h"

namespace intaked {
namespace {

namespace asio = boost::asio;

class Service {
 public:
  explicit Service(ServiceParts& p)
      : p_(p), context_(p.context), outages_(p.log), logins_(*p.sign_in.guard) {}

  int Run() {
    signals_.async_wait(
        [this](const boost::system::error_code& ec, int sig) { OnSignal(ec, sig); });
    p_.log->info("intaked started; polling every {} s", context_->config.poll_interval_seconds);
    sd_notify(0, "READY=1\nSTATUS=starting the first poll");
    uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) > 0) {
      watchdog_every_ = std::chrono::microseconds(usec / 2);
      Watchdog();
    }
    StartDoorbells();
    StartCycle();
    io_.run();
    doorbells_.clear();
    worker_.join();
    sd_notify(0, "STOPPING=1");
    p_.log->info("intaked stopped");
    return kExitOk;  // a failing cycle is logged and retried, never a reason to exit
  }

 private:
  void OnSignal(const boost::system::error_code& ec, int sig) {
    if (ec) return;
    if (sig == SIGHUP) {
      sd_notify(0, "RELOADING=1");
      Reload();
      sd_notify(0, "READY=1");
      signals_.async_wait([this](const boost::system::error_code& e, int s) { OnSignal(e, s); });
      return;
    }
    p_.log->info("signal {}: stopping after the message in hand", sig);
    stop_ = true;
    timer_.cancel();
    if (!cycle_running_) io_.stop();
  }

  void Reload() {
    auto ctx = LoadContext(p_.config_path);
    if (!ctx.ok()) {
      p_.log->error("reload rejected, keeping the running config: {}", ctx.status().message());
      return;
    }
    if (ctx.value()->config.database_path != context_->config.database_path) {
      p_.log->warn(
          "reload: storage.database changed; that takes a restart - keeping the open database");
    }
    context_ = ctx.value();  // takes effect from the next cycle
    if (const std::string w = BankHolidaysFileWarning(*context_, p_.clock.Now()); !w.empty())
      p_.log->warn("calendar.bank_holidays_file: {}", w);
    // The admin may have fixed a refused password: credentials are read afresh, and an
    // account stays down only while they are the ones refused.
    p_.sign_in.credentials->Reconfigure(OAuthEndpointsOf(context_->config));
    logins_.Forget();
    StartDoorbells();
    p_.log->info("reloaded {}", p_.config_path);
  }

  // Pings systemd's watchdog while the loop is alive and no cycle is stuck.
  void Watchdog() {
    const auto stuck_after = std::chrono::minutes(30);
    if (!cycle_running_ || std::chrono::steady_clock::now() - cycle_started_ < stuck_after) {
      sd_notify(0, "WATCHDOG=1");
    }
    UpdateStatus();
    watchdog_.expires_after(watchdog_every_);
    watchdog_.async_wait([this](const boost::system::error_code& ec) {
      if (!ec) Watchdog();
    });
  }

  // "3 open cases, last poll 12 s ago" (plus what is failing), for `systemctl status`.
  void UpdateStatus() {
    if (!polled_) return;
    const auto ago = std::chrono::duration_cast<std::chrono::seconds>(
        std::chrono::steady_clock::now() - last_poll_);
    std::string status = fmt::format("{} open case{}, last poll {} s ago", open_cases_,
                                     open_cases_ == 1 ? "" : "s", ago.count());
    if (!failing_.empty()) status += "; FAILING: " + failing_;
    for (const MailAccount& a : MailAccounts(context_->config)) {
      if (logins_.Refused(a.key))
        status += "; DOWN: " + a.role + " - " +
                  (a.auth == AuthMethod::kOAuth2 ? "run `intaked login " + a.key + "`"
                                                 : "correct its password, then reload");
    }
    sd_notify(0, ("STATUS=" + status).c_str());
  }

  // IDLE on each mailbox intaked reads, so new mail is acted on at once.
  void StartDoorbells() {
    doorbells_.clear();
    if (!context_->config.idle) return;
    std::vector<const MailboxSettings*> boxes = {&context_->config.intake_mailbox};
    for (const CoChairSettings& cc : context_->config.co_chairs) {
      if (cc.mailbox) boxes.push_back(&*cc.mailbox);
    }
    for (const MailboxSettings* box : boxes) {
      doorbells_.push_back(std::make_unique<IdleDoorbell>(
          *box, context_->config.tls, logins_,
          [this] { asio::post(io_, [this] { OnDoorbell(); }); }, p_.log));
    }
  }

  void OnDoorbell() {
    if (stop_) return;
    if (cycle_running_) {
      rerun_ = true;  // mail arrived mid-cycle: go round again straight after
      return;
    }
    timer_.cancel();
    StartCycle();
  }

  void StartCycle() {
    if (stop_) return io_.stop();
    cycle_running_ = true;
    cycle_started_ = std::chrono::steady_clock::now();
    auto ctx = context_;
    asio::post(worker_, [this, ctx] {
      ImapFolderOpener folders(ctx->config.tls, &logins_);
      SmtpSender sender(SmtpAccount(ctx->config), ctx->config.tls, &logins_);
      IntakeCycle cycle(p_.db, folders, sender, p_.clock, p_.tokens, outages_, p_.log);
      CycleReport report;
      const Status s = cycle.Run(*ctx, &report, [this] { return stop_.load(); });
      int open = 0;
      try {
        open = int(CaseStore(p_.db).List(true).size());
      } catch (const std::exception&) {
      }
      std::string failing;
      for (const auto& [what, outage] : outages_.failing())
        failing += (failing.empty() ? "" : ", ") + what;
      asio::post(io_, [this, s, ctx, open, failing] {
        open_cases_ = open;
        failing_ = failing;
        OnCycleDone(s, *ctx);
      });
    });
  }

  void OnCycleDone(const Status& s, const ProcedureContext& ctx) {
    cycle_running_ = false;
    polled_ = true;
    last_poll_ = std::chrono::steady_clock::now();
    UpdateStatus();
    if (!s.ok()) p_.log->error("cycle failed: {}", s.message());
    if (stop_) return io_.stop();
    if (rerun_) {
      rerun_ = false;
      return StartCycle();
    }
    timer_.expires_after(std::chrono::seconds(ctx.config.poll_interval_seconds));
    timer_.async_wait([this](const boost::system::error_code& ec) {
      if (!ec) StartCycle();
    });
  }

  ServiceParts& p_;
  std::shared_ptr<const ProcedureContext> context_;
  OutageLog outages_;   // used only on the worker thread
  LoginGuard& logins_;  // shared by the worker and the doorbells' threads
  asio::io_context io_;
  asio::signal_set signals_{io_, SIGINT, SIGTERM, SIGHUP};
  asio::steady_timer timer_{io_};
  asio::steady_timer watchdog_{io_};
  std::chrono::microseconds watchdog_every_{0};
  std::chrono::steady_clock::time_point cycle_started_, last_poll_;
  bool polled_ = false;
  bool rerun_ = false;
  std::vector<std::unique_ptr<IdleDoorbell>> doorbells_;
  int open_cases_ = 0;
  std::string failing_;
  asio::thread_pool worker_{1};
  std::atomic<bool> stop_{false};
  bool cycle_running_ = false;
};

}  // namespace

int RunService(ServiceParts& parts) { return Service(parts).Run(); }

}  // namespace intaked
