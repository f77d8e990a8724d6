// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile mail across the real servers: what an attacker's one email can do
// through Postfix, Dovecot and the real binary is to leave a log line.
#include <gtest/gtest.h>

#include "mail_stack.h"

namespace intaked::e2e {
namespace {

class HostileE2E : public StackTest {
 protected:
  void Run() {
    const RunResult r = Cmd("run --once");
    stack_.WaitForQueue();
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }
  std::string Raw(const std::string& from_line, const std::string& subject, const std::string& id) {
    return from_line + "\r\nTo: " + P("info") + "\r\nSubject: " + subject + "\r\nMessage-ID: <" +
           id + "." + prefix_ +
           "@evil.test>\r\nMIME-Version: 1.0\r\n"
           "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
           "I am unhappy with how the forum treated my family.\r\n";
  }
};

TEST_F(HostileE2E, AnEncodedFromCannotInjectARecipientIntoTheRelay) {
  const std::string victim = P("victim", "target.test");
  stack_.AddUser(victim);
  // CR LF Bcc: decoded from an encoded word in the From's addr-spec, and a
  // second injection aimed straight at the SMTP dialogue.
  stack_.Send(P("mallory", "evil.test"), {P("info")},
              Raw("From: M <=?UTF-8?Q?" + P("mallory", "evil.test") + "=0D=0ABcc:" + victim + "?=>",
                  "Complaint", "i1"));
  stack_.Send(P("mallory", "evil.test"), {P("info")},
              Raw("From: M <=?UTF-8?Q?" + P("mallory", "evil.test") + "=3E=0D=0ARCPT_TO:=3C" +
                      victim + "?=>",
                  "Complaint again", "i2"));
  Run();
  Run();
  EXPECT_TRUE(stack_.Read(victim).empty()) << "nothing reached the victim";
  EXPECT_TRUE(stack_.Read(P("mallory", "evil.test")).empty());
  // Both complaints are still cases, and their handler knows no acknowledgement went.
  auto notes = stack_.Read(P("chair.a"));  // shared out: the one with fewer open cases
  for (auto& m : stack_.Read(P("chair.b"))) notes.push_back(std::move(m));
  ASSERT_EQ(notes.size(), 2u);
  for (const auto& n : notes) {
    EXPECT_NE(n.message.body.find("Acknowledged:     NO - the sender's address is malformed"),
              std::string::npos)
        << n.message.body;
    EXPECT_EQ(n.raw.find("\nBcc:"), std::string::npos);
  }
  EXPECT_NE(Cmd("cases").output.find("2 case(s)"), std::string::npos);
}

TEST_F(HostileE2E, TerminalEscapesInASubjectNeverReachTheAdminsTerminal) {
  stack_.Send(P("parent", "family.test"), {P("info")},
              Raw("From: Pat <" + P("parent", "family.test") + ">",
                  "=?UTF-8?Q?Complaint_=1B]0;PWNED=07=1B[2J?=", "t1"));
  Run();
  const RunResult cases = Cmd("cases");
  ASSERT_EQ(cases.exit_code, 0);
  EXPECT_NE(cases.output.find("]0;PWNED"), std::string::npos) << cases.output;
  const std::string ref = cases.output.substr(cases.output.find("PACTS-"), 15);
  const RunResult show = Cmd("show " + ref);
  for (const RunResult* r : {&cases, &show}) {
    EXPECT_EQ(r->output.find('\x1b'), std::string::npos) << r->output;
    EXPECT_EQ(r->output.find('\x07'), std::string::npos);
  }
}

TEST_F(HostileE2E, AnUnprocessableMessageIsSetAsideListedAndReported) {
  Run();  // creates the database
  // A message this database refuses (a trigger standing in for any poison).
  ASSERT_EQ(stack_
                .Shell("sqlite3 " + home_ +
                       "/intaked.db \"CREATE TRIGGER boom BEFORE INSERT ON"
                       " cases WHEN NEW.subject LIKE '%boom%' BEGIN SELECT"
                       " RAISE(ABORT, 'boom'); END\"")
                .exit_code,
            0);
  stack_.Send(P("parent", "family.test"), {P("info")},
              Raw("From: Pat <" + P("parent", "family.test") + ">", "boom", "u1"));
  stack_.Send(P("parent", "family.test"), {P("info")},
              Raw("From: Pat <" + P("parent", "family.test") + ">", "Complaint", "u2"));
  const RunResult first = Cmd("run --once");
  EXPECT_EQ(first.exit_code, 0) << first.output;
  EXPECT_NE(first.output.find("set aside as unprocessable"), std::string::npos) << first.output;
  stack_.WaitForQueue();
  Run();  // the alert goes out with this cycle's outbox
  const RunResult listed = Cmd("unprocessed");
  EXPECT_EQ(listed.exit_code, 0);
  EXPECT_NE(listed.output.find("1 message(s) set aside"), std::string::npos) << listed.output;
  EXPECT_NE(listed.output.find("boom"), std::string::npos);
  EXPECT_NE(Cmd("cases").output.find("1 case(s)"), std::string::npos) << "the other one goes on";
  int alerts = 0;
  for (const auto& m : stack_.Read(P("chair.b")))
    alerts += m.message.subject.find("could not be processed") != std::string::npos;
  EXPECT_EQ(alerts, 1);
}

}  // namespace
}  // namespace intaked::e2e
