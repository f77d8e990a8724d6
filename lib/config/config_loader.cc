// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/config_loader.h"

#include <sys/stat.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/text.h"
#include "calendar/local_zone.h"
#include "config/sign_in_settings.h"
#include "config/toml_section.h"
#include "mail/address.h"

namespace intaked {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& p, bool* ok) {
  std::ifstream in(p, std::ios::binary);
  *ok = bool(in);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool ValidEmail(const std::string& s) { return IsDeliverableAddress(s); }

// An address key, without the spaces around it (spaces inside the quotes are a
// typo, not another person: every comparison of people sees the trimmed value),
// and one mail can be sent to.
std::string ReadAddress(TomlSection& s, const std::string& key, bool required) {
  std::string address = Trim(s.String(key, required));
  if (!s.ok() || !s.Has(key)) return address;
  if (address.empty()) {
    if (required) s.Fail(key, "must not be empty");
  } else if (!ValidEmail(address)) {
    s.Fail(key, "not an email address: \"" + address + "\"");
  }
  return address;
}

bool ValidImapUrl(const std::string& s) {
  const size_t scheme = StartsWithNoCase(s, "imaps://")  ? 8
                        : StartsWithNoCase(s, "imap://") ? 7
                                                         : 0;
  if (scheme == 0) return false;
  const size_t host_end = std::min(s.find('/', scheme), s.size());
  if (host_end == scheme) return false;
  for (size_t i = scheme; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7F || (i < host_end && std::isspace(c))) return false;
  }
  return true;
}

bool ValidSmtpUrl(const std::string& s) {
  const size_t scheme = StartsWithNoCase(s, "smtps://")  ? 8
                        : StartsWithNoCase(s, "smtp://") ? 7
                                                         : 0;
  if (scheme == 0 || scheme == s.size() || s[scheme] == '/') return false;
  const size_t slash = s.find('/', scheme);
  if (slash != std::string::npos && slash + 1 != s.size()) return false;
  for (size_t i = scheme; i < s.size(); ++i) {
    if (std::isspace(static_cast<unsigned char>(s[i])) || static_cast<unsigned char>(s[i]) < 0x20)
      return false;
  }
  return true;
}

bool AllAlnum(const std::string& s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

// A folder name is sent inside an IMAP command: a CR or LF would end that
// command and start another, a NUL would cut it short.
bool HasLineBreakOrNul(const std::string& text) {
  return text.find_first_of(std::string("\r\n\0", 3)) != std::string::npos;
}

// The same for the folder in an imap_url, whose percent-escapes stand for bytes.
bool UrlFolderIsSafe(const std::string& url) {
  if (HasLineBreakOrNul(url)) return false;
  for (size_t i = 0; i + 2 < url.size(); ++i) {
    if (url[i] != '%' || url[i + 1] != '0') continue;
    const char c = char(std::tolower(static_cast<unsigned char>(url[i + 2])));
    if (c == '0' || c == 'a' || c == 'd') return false;
  }
  return true;
}

constexpr const char* kUnsafeFolder = "the folder name may not hold a line break (CR, LF) or NUL";

void ReadMailbox(TomlSection& s, const std::string& base, const std::string& label,
                 const std::string& role, const std::string& default_user, bool sent,
                 MailboxSettings* m, bool* inline_used) {
  m->label = label;
  m->role = role;
  m->imap_url = s.String("imap_url", true);
  if (s.ok() && !UrlFolderIsSafe(m->imap_url)) {
    s.Fail("imap_url", kUnsafeFolder);
  } else if (s.ok() && !ValidImapUrl(m->imap_url)) {
    s.Fail("imap_url", "must look like imap://host:port/INBOX or imaps://host/INBOX, not \"" +
                           m->imap_url + "\"");
  }
  m->username = s.String("username", false);
  if (m->username.empty()) m->username = default_user;
  ReadAccountSecrets(s, base, true, {&m->auth, &m->password, &m->password_command}, inline_used);
  // Left out, sent_folder is the folder the server marks \Sent (MailboxSettings).
  if (sent) m->sent_folder = s.StringOr("sent_folder", "");
  if (s.ok() && sent && s.Has("sent_folder") && m->sent_folder.empty())
    s.Fail("sent_folder",
           "must not be empty; leave it out to use the folder the server marks \\Sent");
  if (s.ok() && WithoutControls(m->sent_folder) != m->sent_folder)
    s.Fail("sent_folder",
           "the folder name may not hold a control character (such as CR, LF or NUL)");
}

void ReadOrganisation(TomlSection root, Config& c) {
  TomlSection s = root.Table("organisation", true);
  c.organisation_name = s.String("name", true);
  c.reference_prefix = s.String("reference_prefix", true);
  if (s.ok() && (c.reference_prefix.empty() || c.reference_prefix.size() > 16 ||
                 !AllAlnum(c.reference_prefix))) {
    s.Fail("reference_prefix",
           "must be 1-16 letters or digits, not \"" + c.reference_prefix + "\"");
  }
  c.timezone = s.StringOr("timezone", c.timezone);
  if (s.ok()) {
    if (auto z = LocalZone::Find(c.timezone); !z.ok()) s.Fail("timezone", z.status().message());
  }
  s.RejectUnknown();
}

void ReadIntake(TomlSection root, const std::string& base, Config& c) {
  TomlSection s = root.Table("intake", true);
  c.intake_address = ReadAddress(s, "address", true);
  c.intake_display_name = s.StringOr("display_name", c.organisation_name);
  ReadMailbox(s, base, "intake", "the intake mailbox", c.intake_address, false, &c.intake_mailbox,
              &c.inline_password);
  s.RejectUnknown();
}

void ReadSmtp(TomlSection root, const std::string& base, Config& c) {
  TomlSection s = root.Table("smtp", true);
  c.smtp_url = s.String("url", true);
  if (s.ok() && !ValidSmtpUrl(c.smtp_url)) {
    s.Fail("url", "must look like smtp://host:587 or smtps://host:465, not \"" + c.smtp_url + "\"");
  }
  c.smtp_username = s.String("username", false);
  ReadAccountSecrets(s, base, !c.smtp_username.empty(),
                     {&c.smtp_auth, &c.smtp_password, &c.smtp_password_command},
                     &c.inline_password);
  if (s.ok() && c.smtp_auth == AuthMethod::kOAuth2 && c.smtp_username.empty())
    s.Fail("username", "an oauth2 SMTP account needs its username (the mailbox it sends as)");
  s.RejectUnknown();
}

void ReadCoChairs(TomlSection root, const std::string& base, Config& c) {
  std::vector<TomlSection> list = root.TableArray("co_chair");
  if (root.ok() && list.empty()) root.Fail("co_chair", "at least one [[co_chair]] is needed");
  for (TomlSection& s : list) {
    CoChairSettings cc;
    cc.identity.name = s.String("name", true);
    cc.identity.address = ReadAddress(s, "address", true);
    cc.identity.aliases = s.StringArray("aliases");
    if (s.Has("imap_url")) {
      MailboxSettings m;
      ReadMailbox(s, base, cc.identity.address, "co-chair " + cc.identity.name + "'s mailbox",
                  cc.identity.address, true, &m, &c.inline_password);
      cc.mailbox = m;
    } else {
      for (const char* k :
           {"username", "password", "password_file", "password_command", "sent_folder", "auth"})
        s.String(k, false);
    }
    s.RejectUnknown();
    for (const CoChairSettings& other : c.co_chairs) {
      if (s.ok() && SameEmail(other.identity.address, cc.identity.address)) {
        s.Fail("address", "two co-chairs share the address " + cc.identity.address + " (" +
                              other.identity.name + " and " + cc.identity.name + ")");
      }
    }
    c.co_chairs.push_back(std::move(cc));
  }
}

void ReadPeople(TomlSection root, Config& c) {
  TomlSection f = root.Table("fallback", true);
  c.fallback_name = f.String("name", true);
  c.fallback_address = ReadAddress(f, "address", true);
  // The fallback handles what the co-chairs cannot (a complaint naming both):
  // it cannot be one of them.
  for (const CoChairSettings& cc : c.co_chairs) {
    if (f.ok() && SameEmail(cc.identity.address, c.fallback_address))
      f.Fail("address", "the fallback must not be a co-chair (" + cc.identity.name + ")");
  }
  f.RejectUnknown();
  TomlSection r = root.Table("stage_two", true);
  c.reviewer_name = r.String("reviewer_name", true);
  c.reviewer_address = ReadAddress(r, "reviewer_address", true);
  // Stage Two is independent: the reviewer is nobody inside the procedure -
  // neither a co-chair nor the fallback whose escalations it may review.
  for (const CoChairSettings& cc : c.co_chairs) {
    if (r.ok() && SameEmail(cc.identity.address, c.reviewer_address))
      r.Fail("reviewer_address", "the reviewer must not be a co-chair (" + cc.identity.name + ")");
  }
  if (r.ok() && SameEmail(c.fallback_address, c.reviewer_address))
    r.Fail("reviewer_address", "the reviewer must not be the fallback (" + c.fallback_name + ")");
  r.RejectUnknown();
}

// The intake address is the organisation's, nobody's own: mail from it is taken for intaked's
// own letters and never read, so a person given it could never act by email - and a letter to
// them would land in the intake as new mail.
void CheckIntakeIsNobodys(TomlSection root, const Config& c) {
  TomlSection s = root.Table("intake", true);
  auto refuse = [&](const std::string& whose) {
    if (s.ok()) s.Fail("address", "the intake address must not be " + whose);
  };
  for (const CoChairSettings& cc : c.co_chairs) {
    if (SameEmail(cc.identity.address, c.intake_address))
      refuse("a co-chair's (" + cc.identity.name + ")");
  }
  if (SameEmail(c.fallback_address, c.intake_address))
    refuse("the fallback's (" + c.fallback_name + ")");
  if (SameEmail(c.reviewer_address, c.intake_address))
    refuse("the reviewer's (" + c.reviewer_name + ")");
}

void ReadDeadlines(TomlSection root, Config& c) {
  TomlSection s = root.Table("deadlines", false);
  const char* kDays = "a whole number of working days from 1 to 365";
  c.acknowledge_days = s.Int("acknowledge", c.acknowledge_days, 1, 365, kDays);
  c.respond_days = s.Int("respond", c.respond_days, 1, 365, kDays);
  c.appeal_days = s.Int("appeal", c.appeal_days, 1, 365, kDays);
  c.review_days = s.Int("review", c.review_days, 1, 365, kDays);
  if (s.Has("remind_before"))
    c.remind_before = s.IntArray("remind_before", 1, 60, "working days from 1 to 60");
  c.reminder_hour = s.Int("reminder_hour", c.reminder_hour, 0, 23, "an hour from 0 to 23");
  c.overdue_repeats =
      s.Int("overdue_repeats", c.overdue_repeats, 0, 50, "a whole number of repeats from 0 to 50");
  s.RejectUnknown();
}

void ReadCalendar(TomlSection root, const std::string& base, Config& c) {
  TomlSection s = root.Table("calendar", false);
  const std::string region = s.StringOr("region", "england-and-wales");
  if (auto r = ParseRegion(region))
    c.region = *r;
  else if (s.ok())
    s.Fail("region",
           "must be england-and-wales, scotland or northern-ireland, not \"" + region + "\"");
  for (const std::string& d : s.StringArray("closures")) {
    const auto day = ParseIsoDate(d);
    if (!day) {
      if (s.ok()) s.Fail("closures", "\"" + d + "\" is not a date like 2026-12-29");
      continue;
    }
    c.closures.insert(*day);
  }
  if (const std::string file = s.Path("bank_holidays_file", false, base); !file.empty() && s.ok()) {
    bool ok = false;
    const std::string json = ReadFile(file, &ok);
    if (!ok) {
      s.Fail("bank_holidays_file", "cannot read \"" + file + "\"");
    } else if (auto days = ParseGovUkBankHolidays(json, c.region); !days.ok()) {
      s.Fail("bank_holidays_file", "\"" + file + "\": " + days.status().message());
    } else {
      c.bank_holidays = std::move(days.value());
      c.bank_holidays->source = file;
    }
  }
  s.RejectUnknown();
}

void ReadOperations(TomlSection root, const std::string& base, Config& c) {
  TomlSection st = root.Table("storage", true);
  c.database_path = st.Path("database", true, base);
  st.RejectUnknown();
  TomlSection p = root.Table("polling", false);
  c.poll_interval_seconds =
      p.Int("interval_seconds", c.poll_interval_seconds, 5, 86400, "seconds from 5 to 86400");
  c.idle = p.Bool("idle", c.idle);
  c.first_run_days =
      p.Int("first_run_days", c.first_run_days, 0, 3650, "whole days from 0 to 3650");
  p.RejectUnknown();
  TomlSection r = root.Table("retention", false);
  c.retention_years = r.Int("years", c.retention_years, 1, 100, "whole years from 1 to 100");
  r.RejectUnknown();
  TomlSection t = root.Table("tls", false);
  c.tls.verify = t.Bool("verify", true);
  c.tls.ca_file = t.Path("ca_file", false, base);
  t.RejectUnknown();
  TomlSection l = root.Table("templates", false);
  c.templates_directory = l.Path("directory", false, base);
  l.RejectUnknown();
  TomlSection k = root.Table("classification", false);
  c.extra_complaint_phrases = k.StringArray("complaint_phrases");
  c.extra_compliment_phrases = k.StringArray("compliment_phrases");
  c.thank_compliments = k.Bool("thank_compliments", c.thank_compliments);
  k.RejectUnknown();
  TomlSection d = root.Table("digest", false);
  const std::string weekday = d.StringOr("weekday", "monday");
  static const char* kDays[] = {"sunday",   "monday", "tuesday", "wednesday",
                                "thursday", "friday", "saturday"};
  bool found = false;
  for (unsigned i = 0; i < 7; ++i) {
    if (weekday == kDays[i]) c.digest_weekday = i, found = true;
  }
  if (!found && d.ok())
    d.Fail("weekday",
           "must be a day of the week in lower case, like \"monday\", not \"" + weekday + "\"");
  d.RejectUnknown();
  TomlSection rp = root.Table("report", false);
  const std::string annual = rp.StringOr("annual_date", "04-01");
  const auto annual_day = ParseIsoDate("2000-" + annual);  // a leap year, so 02-29 parses
  if (annual.size() != 5 || !annual_day) {
    if (rp.ok())
      rp.Fail("annual_date", "must be a month and day like \"04-01\", not \"" + annual + "\"");
  } else {
    const date::year_month_day ymd(*annual_day);
    c.annual_report_month = unsigned(ymd.month());
    c.annual_report_day = unsigned(ymd.day());
  }
  rp.RejectUnknown();
  TomlSection al = root.Table("alerts", false);
  c.admin_address = ReadAddress(al, "admin_address", false);
  c.alert_after_minutes =
      al.Int("after_minutes", c.alert_after_minutes, 1, 10080, "minutes from 1 to 10080");
  al.RejectUnknown();
  TomlSection g = root.Table("logging", false);
  c.log_level = g.StringOr("level", "info");
  if (g.ok() && c.log_level != "trace" && c.log_level != "debug" && c.log_level != "info" &&
      c.log_level != "warn" && c.log_level != "error") {
    g.Fail("level", "must be trace, debug, info, warn or error, not \"" + c.log_level + "\"");
  }
  g.RejectUnknown();
}

}  // namespace

Result<Config> ParseConfig(const std::string& text, const std::string& path,
                           std::set<std::string>* keys_read) {
  toml::table doc;
  try {
    doc = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    return Status::InvalidInput(path + ":" + std::to_string(e.source().begin.line) + ":" +
                                std::to_string(e.source().begin.column) + ": " +
                                std::string(e.description()));
  }
  const std::string base = fs::absolute(fs::path(path)).parent_path().string();
  Config c;
  c.path = path;
  TomlSection root(doc, "", path);
  root.RecordKeysInto(keys_read);
  ReadOrganisation(root, c);
  ReadIntake(root, base, c);
  ReadSmtp(root, base, c);
  ReadCoChairs(root, base, c);
  ReadPeople(root, c);
  CheckIntakeIsNobodys(root, c);
  ReadDeadlines(root, c);
  ReadCalendar(root, base, c);
  ReadOperations(root, base, c);
  ReadOAuth(root, base, c);
  root.RejectUnknown();
  if (!root.ok()) return Status::InvalidInput(root.error());
  return c;
}

Result<Config> LoadConfig(const std::string& path) {
  bool ok = false;
  const std::string text = ReadFile(path, &ok);
  if (!ok)
    return Status::InvalidInput(path + ": cannot read the config file: " + std::strerror(errno));
  auto config = ParseConfig(text, path);
  struct stat st {};
  if (config.ok() && config->inline_password && stat(path.c_str(), &st) == 0 &&
      (st.st_mode & S_IROTH)) {
    return Status::InvalidInput(
        path + ": holds an inline password but is readable by everyone; run: chmod 640 " + path +
        " (or use password_file)");
  }
  return config;
}

}  // namespace intaked
