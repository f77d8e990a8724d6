// SPDX-License-Identifier: GPL-3.0-or-later
// A co-chair's Sent folder found, not guessed, on a real Dovecot: the test
// stack marks "Éléments envoyés" \Sent (RFC 6154) and keeps a plain "Sent"
// beside it, unmarked. With no sent_folder in the config, only what is saved
// in the marked folder proves who wrote it - so a command acted on proves the
// folder was found, by its name in modified UTF-7, end to end.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "mail_stack.h"

namespace intaked::e2e {
namespace {

const char kMarkedSent[] = "\u00c9l\u00e9ments envoy\u00e9s";

class SentFolderE2E : public StackTest {
 protected:
  void SetUp() override {
    StackTest::SetUp();
    // The co-chairs' sent_folder left out: intaked is to find it.
    std::string text = Slurp(config_);
    for (size_t at; (at = text.find("sent_folder = \"Sent\"\n")) != std::string::npos;)
      text.erase(at, std::string("sent_folder = \"Sent\"\n").size());
    ASSERT_EQ(text.find("sent_folder"), std::string::npos) << text;
    std::ofstream(config_) << text;
  }
  void Run() {
    const RunResult r = Cmd("run --once");
    stack_.WaitForQueue();
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }
  // Alex writes to intake about a case from his own mail client - a new message,
  // not a reply, so nothing but the folder it is saved in says it is his - and
  // his client saves it in `folder`.
  void AlexWrites(const std::string& reference, const std::string& body, const std::string& folder,
                  const std::string& id) {
    const std::string raw =
        TestMail("Alex Able <" + P("chair.a") + ">", P("info"), "[" + reference + "] our response",
                 body, id + "." + prefix_ + "@client.test");
    stack_.Send(P("chair.a"), {P("info")}, raw);
    stack_.Append(P("chair.a"), folder, raw);
  }
};

TEST_F(SentFolderE2E, ACommandSavedInTheFolderMarkedSentIsActedOn) {
  stack_.Send(P("parent", "family.test"), {P("info")},
              TestMail("Pat Parent <" + P("parent", "family.test") + ">", P("info"),
                       "The transition meeting",
                       "I am unhappy that the transition meeting was cancelled without notice.",
                       "s1." + prefix_ + "@family.test"));
  Run();
  ASSERT_EQ(New(P("parent", "family.test")).size(), 1u) << "acknowledged";
  const auto notes = New(P("chair.a"));
  ASSERT_EQ(notes.size(), 1u);
  std::smatch ref;
  ASSERT_TRUE(std::regex_search(notes[0].message.subject, ref, std::regex("PACTS-\\d{4}-\\d{4}")))
      << notes[0].message.subject;

  // Saved in the unmarked "Sent": not his Sent folder, so it proves nothing.
  AlexWrites(ref.str(), "#outcome\r\nA guess would have taken this.", "Sent", "o1");
  Run();
  EXPECT_TRUE(New(P("parent", "family.test")).empty()) << "nothing acted on from plain Sent";

  // Saved in the folder the server marks \Sent: acted on.
  AlexWrites(ref.str(), "#outcome\r\nWe have spoken to the school and apologise.", kMarkedSent,
             "o2");
  Run();
  const auto parent = New(P("parent", "family.test"));
  ASSERT_EQ(parent.size(), 1u);
  EXPECT_NE(parent[0].message.subject.find("Our response to your complaint"), std::string::npos)
      << parent[0].message.subject;
  EXPECT_NE(parent[0].message.body.find("We have spoken to the school and apologise."),
            std::string::npos);
  EXPECT_EQ(parent[0].message.body.find("A guess would have taken this."), std::string::npos);
}

TEST_F(SentFolderE2E, CheckNamesTheFolderItFound) {
  const RunResult check = Cmd("check");
  EXPECT_EQ(check.exit_code, 0) << check.output;
  for (const char* who : {"chair.a", "chair.b"}) {
    EXPECT_NE(check.output.find("ok    sent folder of " + P(who)), std::string::npos)
        << check.output;
  }
  EXPECT_NE(check.output.find(std::string("/") + kMarkedSent + " (found by its \\Sent mark) ("),
            std::string::npos)
      << check.output;

  // Named in the config, in its own script, it is opened as named.
  std::string text = Slurp(config_);
  const std::string alex = "aliases = [\"Alex\"]\n";
  text.replace(text.find(alex), alex.size(), alex + "sent_folder = \"" + kMarkedSent + "\"\n");
  std::ofstream(config_) << text;
  const RunResult named = Cmd("check");
  EXPECT_EQ(named.exit_code, 0) << named.output;
  EXPECT_NE(named.output.find(std::string("/") + kMarkedSent + " (0 messages; "), std::string::npos)
      << named.output;
}

}  // namespace
}  // namespace intaked::e2e
