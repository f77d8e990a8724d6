// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 4 through the real binary, as an admin would use it: the commands on
// real data, reload with a broken config, file permissions, the HTML report
// rendered by a headless browser.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <thread>

#include "mail_stack.h"

namespace intaked::e2e {
namespace {

mode_t Mode(const std::string& path) {
  struct stat st {};
  stat(path.c_str(), &st);
  return st.st_mode & 0777;
}

class AdminE2E : public StackTest {
 protected:
  void Complain(const std::string& body, const std::string& id,
                const std::string& subject = "The minutes") {
    stack_.Send(P("parent", "family.test"), {P("info")},
                TestMail("Pat Parent <" + P("parent", "family.test") + ">", P("info"), subject,
                         body, id + "." + prefix_ + "@family.test"));
  }
  void Run(const std::string& now = kTestNow) {
    const RunResult r = Cmd("run --once --now " + now);
    stack_.WaitForQueue();
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }
  // The handler's notification of each case, by reference, from whichever co-chair handles it.
  std::map<std::string, StoredMail> Notifications() {
    std::map<std::string, StoredMail> out;
    for (const std::string& chair : {P("chair.a"), P("chair.b")}) {
      for (StoredMail& m : stack_.Read(chair)) {
        const std::string& subject = m.message.subject;
        if (subject.find("] New complaint for you to handle") == std::string::npos) continue;
        out[subject.substr(1, subject.find(']') - 1)] = m;
      }
    }
    return out;
  }
  // The handler answers their notification with a keyword, from their mail client.
  void Answer(const StoredMail& notification, const std::string& body) {
    const std::string handler = notification.message.to.front().email;
    const std::string raw =
        TestMail(handler, P("info"), "Re: " + notification.message.subject, body,
                 "k" + std::to_string(++answers_) + "." + prefix_ + "@client.test",
                 "In-Reply-To: <" + notification.message.message_id + ">\r\n");
    stack_.Send(handler, {P("info")}, raw);
  }
  int answers_ = 0;
};

TEST_F(AdminE2E, CommandsOnRealData) {
  Complain("I am unhappy that the minutes were never published.", "a1");
  ASSERT_EQ(Cmd("run --once").exit_code, 0);
  stack_.WaitForQueue();
  EXPECT_EQ(Mode(home_ + "/intaked.db"), 0600u) << "the database is the service user's alone";

  const RunResult json = Cmd("cases --format json");
  ASSERT_EQ(json.exit_code, 0);
  EXPECT_TRUE(std::regex_search(
      json.output, std::regex(R"(\{"reference": "PACTS-\d{4}-0001", "state": "open")")))
      << json.output;
  const std::string ref = std::regex_replace(
      json.output, std::regex(R"re([\s\S]*"(PACTS-\d{4}-0001)"[\s\S]*)re"), "$1");

  const RunResult show = Cmd("show " + ref);
  ASSERT_EQ(show.exit_code, 0) << show.output;
  for (const char* expected :
       {"Timeline", "opened", "routed", "acknowledgement", "handler_notification", "sent"}) {
    EXPECT_NE(show.output.find(expected), std::string::npos) << expected << "\n" << show.output;
  }
  EXPECT_EQ(Cmd("show PACTS-1999-0001").exit_code, 1);
  const RunResult show_json = Cmd("show " + ref + " --format json");
  EXPECT_TRUE(std::regex_search(
      show_json.output,
      std::regex(
          R"re("letters": \[\{"purpose": "acknowledgement", "to": "[^"]+", "created_at": \d+, "status": "sent"\})re")))
      << show_json.output;

  const RunResult report = Cmd("report --year 2001 --format json");
  ASSERT_EQ(report.exit_code, 0);
  EXPECT_NE(report.output.find("\"complaints\": 1"), std::string::npos) << report.output;
  EXPECT_EQ(report.output.find("parent"), std::string::npos) << "no personal data in reports";
  EXPECT_EQ(Cmd("report --from 2026-02-01").exit_code, 2) << "--from needs --to";

  const std::string out = home_ + "/export";
  const RunResult exported = Cmd("export --email " + P("parent", "family.test") + " --out " + out);
  ASSERT_EQ(exported.exit_code, 0) << exported.output;
  EXPECT_EQ(Mode(out), 0700u);
  EXPECT_EQ(Mode(out + "/record.json"), 0600u);
  EXPECT_NE(Slurp(out + "/record.json").find("minutes were never published"), std::string::npos);
  EXPECT_NE(Slurp(out + "/message-001.eml").find("Message-ID: <a1." + prefix_), std::string::npos);

  const RunResult erased = Cmd("erase --email " + P("parent", "family.test"));
  ASSERT_EQ(erased.exit_code, 0) << erased.output;
  Cmd("export --email " + P("parent", "family.test") + " --out " + out + "2");
  EXPECT_EQ(Slurp(out + "2/record.json").find("minutes"), std::string::npos);
  EXPECT_NE(Cmd("report --year 2001 --format json").output.find("\"complaints\": 1"),
            std::string::npos)
      << "counts survive";
}

// Words that occur nowhere else: finding their bytes in a file is a leak.
constexpr const char* kTraces[] = {"Zebedee Quillfeather", "Quillfeather", "trampolinegate",
                                   "Marmalade incident"};

TEST_F(AdminE2E, EraseWhileTheDaemonRunsLeavesNoCopyInTheDatabaseOrItsWal) {
  std::ofstream(config_, std::ios::app) << "[polling]\ninterval_seconds = 5\n";
  const std::string parent = P("parent", "family.test");
  const int pid = stack_.StartDaemon(config_, home_ + "/daemon.log");
  stack_.Send(
      parent, {P("info")},
      TestMail("Zebedee Quillfeather <" + parent + ">", P("info"), "Marmalade incident",
               "I want to complain about the trampolinegate affair.", "e1.4f1a9c@mail.example"));
  ASSERT_EQ(stack_.WaitForMail(parent, 1, std::chrono::seconds(20)), 1u) << "acknowledged";
  const std::string db = home_ + "/intaked.db";
  ASSERT_NE((Slurp(db) + Slurp(db + "-wal")).find("trampolinegate"), std::string::npos)
      << "the words are there before erasure (else this test proves nothing)";

  const RunResult erased = Cmd("erase --email " + parent);
  EXPECT_EQ(erased.exit_code, 0) << erased.output;
  std::string leaks;
  for (const std::string& file : {db, db + "-wal"}) {
    const std::string bytes = Slurp(file);
    for (const char* word : kTraces) {
      if (bytes.find(word) != std::string::npos) leaks += std::string(word) + " in " + file + "; ";
    }
    if (bytes.find(parent) != std::string::npos) leaks += parent + " in " + file + "; ";
  }
  EXPECT_EQ(leaks, "");
  EXPECT_EQ(stack_.Shell("kill -0 " + std::to_string(pid)).exit_code, 0) << "the daemon runs on";
  EXPECT_TRUE(stack_.StopDaemon(pid));
}

TEST_F(AdminE2E, ExportNeverFollowsALinkAndWritesOnlyPrivateFiles) {
  Complain("I am unhappy that the minutes were never published.", "x1");
  ASSERT_EQ(Cmd("run --once").exit_code, 0);
  const std::string victim = home_ + "/victim.txt";
  std::ofstream(victim) << "untouched";
  chmod(victim.c_str(), 0644);
  const std::string planted = home_ + "/planted";
  std::filesystem::create_directory(planted);
  std::filesystem::create_symlink(victim, planted + "/record.json");
  const std::string email = " --email " + P("parent", "family.test");

  const RunResult refused = Cmd("export" + email + " --out " + planted);
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.output.find(planted + ": exists and is not empty"), std::string::npos)
      << refused.output;
  EXPECT_EQ(Slurp(victim), "untouched");
  EXPECT_EQ(Mode(victim), 0644u);

  const std::string out = home_ + "/sar";
  const RunResult exported = Cmd("export" + email + " --out " + out);
  ASSERT_EQ(exported.exit_code, 0) << exported.output;
  EXPECT_EQ(Mode(out), 0700u);
  int files = 0;
  for (const auto& f : std::filesystem::directory_iterator(out)) {
    EXPECT_EQ(Mode(f.path().string()), 0600u) << f.path();
    ++files;
  }
  EXPECT_EQ(files, 4) << "record.json, the complaint, the acknowledgement, the notification";

  for (const std::string& bad : {victim + "/sub", std::string("/sys/intaked-export")}) {
    const RunResult r = Cmd("export" + email + " --out " + bad);
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find("intaked: export: " + bad + ": cannot create the directory: "),
              std::string::npos)
        << r.output;
  }
}

TEST_F(AdminE2E, EraseOfWhatIsNotHeldSaysSoAndFails) {
  Complain("I am unhappy that the minutes were never published.", "n1");
  ASSERT_EQ(Cmd("run --once").exit_code, 0);
  RunResult r = Cmd("erase --email " + P("nobody", "family.test"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("nothing is held about " + P("nobody", "family.test")), std::string::npos)
      << r.output;
  r = Cmd("erase --case PACTS-1999-0001");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("there is no case PACTS-1999-0001"), std::string::npos) << r.output;
  r = Cmd("erase --case PACTS-2001-0001");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  r = Cmd("erase --case PACTS-2001-0001");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("was erased before"), std::string::npos) << r.output;
  r = Cmd("erase --email " + P("parent", "family.test"));
  EXPECT_EQ(r.exit_code, 1) << "their only case is erased: nothing left\n" << r.output;
}

TEST_F(AdminE2E, TheHtmlReportRendersInAHeadlessBrowser) {
  Complain("This is a formal complaint.", "h1");
  ASSERT_EQ(Cmd("run --once").exit_code, 0);
  const std::string html = home_ + "/report.html";
  std::ofstream(html) << Cmd("report --year 2001 --format html").output;
  const RunResult dom = stack_.Shell(
      "chromium --headless --no-sandbox --disable-gpu --disable-background-networking "
      "--disable-component-update "
      "--no-first-run --disable-sync --user-data-dir=" +
      home_ + "/chromium --dump-dom file://" + html + " 2>/dev/null");
  ASSERT_EQ(dom.exit_code, 0) << dom.output;
  // The browser parsed the page into a DOM with the figures and both charts.
  EXPECT_NE(dom.output.find("<td id=\"complaints\">1</td>"), std::string::npos) << dom.output;
  EXPECT_EQ(
      std::regex_search(dom.output,
                        std::regex("<svg[^>]*aria-label=\"Complaints and compliments per month\"")),
      true);
  EXPECT_NE(dom.output.find("complaints</title></rect>"), std::string::npos);
  const RunResult shot = stack_.Shell(
      "chromium --headless --no-sandbox --disable-gpu --disable-background-networking "
      "--disable-component-update "
      "--no-first-run --disable-sync --user-data-dir=" +
      home_ + "/chromium --window-size=900,900 --screenshot=" + home_ + "/report.png file://" +
      html + " 2>/dev/null");
  EXPECT_EQ(shot.exit_code, 0);
  EXPECT_GT(std::filesystem::file_size(home_ + "/report.png"), 5000u);
}

// The report times each response from receipt. Received Wednesday 7 March 2001, a
// complaint's 30 working days end on Friday 20 April (Easter falls between): one answered at
// once is within time, one answered on 20 June is late, and one answered on 25 May after a
// holding letter set 31 May is counted apart - by the holding letter's date - not as in time.
TEST_F(AdminE2E, TheReportCountsResponsesFromReceiptInEveryFormat) {
  Complain("I am unhappy that the minutes were never published.", "t1", "The minutes");
  Complain("I am unhappy that the meeting moved without notice.", "t2", "The meeting");
  Complain("I am unhappy with the newsletter's errors.", "t3", "The newsletter");
  Run();
  std::map<std::string, StoredMail> cases = Notifications();
  ASSERT_EQ(cases.size(), 3u);
  const auto it = cases.begin();
  const StoredMail on_time = it->second, late = std::next(it)->second,
                   held = std::next(it, 2)->second;
  Answer(on_time, "#outcome\r\nWe have published the minutes.");
  Answer(held, "#holding 2001-05-31\r\nWe are checking every issue.");
  Run();
  Answer(held, "#outcome\r\nThe errors are corrected.");
  Run("2001-05-25T12:00:00Z");
  Answer(late, "#outcome\r\nWe are sorry the meeting moved.");
  Run("2001-06-20T12:00:00Z");

  const RunResult json = Cmd("report --year 2001 --format json");
  ASSERT_EQ(json.exit_code, 0) << json.output;
  for (const char* figure : {"\"complaints\": 3",
                             "\"stage_one\": {\"responses\": 3, \"within_time\": 1, "
                             "\"by_holding_date\": 1, \"late\": 1, \"awaiting\": 0, "
                             "\"overdue_now\": 0, \"ended_without_response\": 0, "
                             "\"holding_letters\": 1}"}) {
    EXPECT_NE(json.output.find(figure), std::string::npos) << figure << "\n" << json.output;
  }
  const RunResult text = Cmd("report --year 2001 --format text");
  ASSERT_EQ(text.exit_code, 0) << text.output;
  EXPECT_TRUE(std::regex_search(text.output,
                                std::regex(R"(within 30 working days of receipt +1  \(33%\))")))
      << text.output;
  EXPECT_TRUE(std::regex_search(
      text.output, std::regex(R"(later, but by a holding letter's final date +1  \(33%\))")));
  EXPECT_TRUE(std::regex_search(text.output, std::regex(R"(\n    late +1  \(33%\))")));
  const RunResult html = Cmd("report --year 2001 --format html");
  ASSERT_EQ(html.exit_code, 0) << html.output;
  for (const char* cell :
       {"<td id=\"stage_one-within_time\">1</td>", "<td id=\"stage_one-by_holding_date\">1</td>",
        "<td id=\"stage_one-late\">1</td>", "<td id=\"stage_one-holding_letters\">1</td>",
        "1 (33% of responses)</text>"}) {
    EXPECT_NE(html.output.find(cell), std::string::npos) << cell;
  }
  EXPECT_EQ(html.output.find("parent"), std::string::npos) << "no personal data in reports";
}

TEST_F(AdminE2E, SighupWithABrokenConfigKeepsTheOldOneAndLosesNothing) {
  std::ofstream(config_, std::ios::app) << "[polling]\ninterval_seconds = 5\n";
  const std::string good = Slurp(config_);
  const std::string log = home_ + "/daemon.log";
  const int pid = stack_.StartDaemon(config_, log);
  const std::string hup = "kill -HUP " + std::to_string(pid);
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  std::ofstream(config_) << good << "[deadlines]\nrespond = -3\n";
  stack_.Shell(hup);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  Complain("I am unhappy: sent while the config on disk is broken.", "s1");
  EXPECT_EQ(stack_.WaitForMail(P("parent", "family.test"), 1, std::chrono::seconds(15)), 1u)
      << "still running on the old config";
  std::ofstream(config_) << good;
  stack_.Shell(hup);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_TRUE(stack_.StopDaemon(pid));
  const std::string text = Slurp(log);
  EXPECT_TRUE(std::regex_search(
      text,
      std::regex("reload rejected, keeping the running config: .*deadlines.respond: must be")))
      << text;
  EXPECT_NE(text.find("reloaded " + config_), std::string::npos) << text;
  EXPECT_EQ(Cmd("cases").output.find("1 case(s)") != std::string::npos, true)
      << "exactly one case, nothing twice";
}

TEST_F(AdminE2E, SecretsReadableByOthersAreRefused) {
  const std::string secret = stack_.dir() + "/secrets/" + P("chair.a");
  chmod(secret.c_str(), 0644);
  const RunResult r = Cmd("run --once");
  chmod(secret.c_str(), 0600);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("is readable by others; run: chmod 600 " + secret), std::string::npos)
      << r.output;

  std::string text = Slurp(config_);
  text = std::regex_replace(text, std::regex("password_file = \"[^\"]*" + P("info") + "\""),
                            "password = \"" + stack_.Password(P("info")) + "\"");
  std::ofstream(config_) << text;
  chmod(config_.c_str(), 0644);
  const RunResult inline_pw = Cmd("check");
  EXPECT_EQ(inline_pw.exit_code, 2);
  EXPECT_NE(inline_pw.output.find("holds an inline password but is readable by everyone"),
            std::string::npos)
      << inline_pw.output;
  chmod(config_.c_str(), 0640);
  EXPECT_EQ(Cmd("check").exit_code, 0);
}

}  // namespace
}  // namespace intaked::e2e
