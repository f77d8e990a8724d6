// SPDX-License-Identifier: GPL-3.0-or-later
// Config: the validated contents of intaked's one TOML file (man intaked.toml, from docs/man/intaked.toml.5.scd).
//
// A plain value. LoadConfig (config_loader.h) builds it or returns an error
// naming the file, line, key and what is wrong; nothing downstream re-checks.
// Relative paths are already resolved against the config file's directory and
// password files already read.
#pragma once

#include <date/date.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "calendar/bank_holidays.h"
#include "procedure/naming.h"

namespace intaked {

struct TlsSettings {
  bool verify = true;   // verify server certificates (turn off only for tests)
  std::string ca_file;  // extra CA bundle, e.g. a self-signed test server's cert
};

// How an account signs in to its server (docs/ACCOUNTS.md).
enum class AuthMethod {
  kPassword,  // password, password_file or password_command
  kOAuth2     // a token from `intaked login ACCOUNT`
};

// The [oauth] table: which identity provider signs the oauth2 accounts in.
enum class OAuthProviderKind { kMicrosoft, kGoogle, kCustom };
struct OAuthSettings {
  OAuthProviderKind provider = OAuthProviderKind::kMicrosoft;
  std::string client_id;
  std::string client_secret;  // from client_secret_file (google's installed-app clients)
  std::string tenant = "organizations";  // microsoft: a tenant id or domain
  // custom providers name their own; microsoft and google fill these in (OAuthEndpointsFor)
  std::string device_authorization_url;
  std::string authorization_url;
  std::string token_url;
  std::vector<std::string> scopes;
};

struct MailboxSettings {
  std::string label;     // "intake", "chair.a@pacts.test" - for logs and state
  std::string role;      // "the intake mailbox", "co-chair Alex Able's mailbox" - for people
  std::string imap_url;  // imap[s]://host:port/FOLDER
  std::string username;
  AuthMethod auth = AuthMethod::kPassword;
  std::string password;          // from password or password_file
  std::string password_command;  // else run with /bin/sh -c when the password is needed
  // Co-chairs only: their Sent folder (UTF-8, never a control character); empty:
  // the folder their server marks \Sent. Every co-chair mailbox has its Sent folder read.
  std::string sent_folder;
};

struct CoChairSettings {
  CoChairIdentity identity;
  std::optional<MailboxSettings> mailbox;  // empty: their mailbox is not read
};

struct Config {
  std::string path;              // the file it came from
  bool inline_password = false;  // some password is written in the file itself

  std::string organisation_name;
  std::string reference_prefix;
  std::string timezone = "Europe/London";

  std::string intake_address;
  std::string intake_display_name;
  MailboxSettings intake_mailbox;

  std::string smtp_url;
  std::string smtp_username;
  AuthMethod smtp_auth = AuthMethod::kPassword;
  std::string smtp_password;
  std::string smtp_password_command;
  std::optional<OAuthSettings> oauth;  // set when any account signs in with oauth2

  TlsSettings tls;
  std::vector<CoChairSettings> co_chairs;
  std::string fallback_name;
  std::string fallback_address;
  std::string reviewer_name;
  std::string reviewer_address;

  int acknowledge_days = 10;
  int respond_days = 30;
  int appeal_days = 14;
  int review_days = 30;
  std::vector<int> remind_before = {5, 1};
  int reminder_hour = 9;
  // Overdue notices after the first one, every 5 working days (docs/PROCEDURE.md, "Reminders
  // and overdue notices").
  int overdue_repeats = 3;

  Region region = Region::kEnglandAndWales;
  std::set<date::sys_days> closures;
  std::optional<BankHolidayTable> bank_holidays;  // from a GOV.UK file

  std::string database_path;
  int poll_interval_seconds = 60;
  bool idle = true;
  // On first sight of a co-chair's folder, mail older than this is history, not intake.
  int first_run_days = 14;
  int retention_years = 6;

  std::string templates_directory;  // admin overrides; empty: built-in letters only
  std::vector<std::string> extra_complaint_phrases;
  std::vector<std::string> extra_compliment_phrases;
  bool thank_compliments = true;

  std::string log_level = "info";

  unsigned digest_weekday = 1;       // 0 Sunday .. 6 Saturday; the weekly digest's day
  unsigned annual_report_month = 4;  // the annual report goes to the co-chairs on this date
  unsigned annual_report_day = 1;
  std::string admin_address;  // told when a server has failed for too long
  int alert_after_minutes = 60;
  size_t max_message_bytes = 50u * 1024 * 1024;
};

}  // namespace intaked
