#include "letters/letter_templates.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace intaked {
namespace {

class LetterTemplatesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("intaked-letters-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }
  std::filesystem::path dir_;
};

TEST_F(LetterTemplatesTest, BuiltInLettersRenderPlainText) {
  auto t = LetterTemplates::Load("");
  ASSERT_TRUE(t.ok()) << t.status().message();
  LetterFields f;
  f.values = {{"reference", "PACTS-2026-0001"},
              {"complainant_name", "Jo & <Sam>"},
              {"organisation", "PACTS"}};
  auto l = t->Render("acknowledgement", f);
  ASSERT_TRUE(l.ok()) << l.status().message();
  EXPECT_EQ(l->subject, "[PACTS-2026-0001] We have received your complaint");
  EXPECT_EQ(l->body.rfind("Dear Jo & <Sam>,", 0), 0u) << "no HTML escaping in text letters";
}

TEST_F(LetterTemplatesTest, AnAdminFileOverridesOneLetter) {
  Write("acknowledgement.mustache",
        "Subject: Got it: {{reference}}\n\nHello {{complainant_name}}.\n");
  auto t = LetterTemplates::Load(dir_.string());
  ASSERT_TRUE(t.ok()) << t.status().message();
  LetterFields f;
  f.values = {{"reference", "R-1"}, {"complainant_name", "Jo"}};
  EXPECT_EQ(t->Render("acknowledgement", f)->subject, "Got it: R-1");
  EXPECT_EQ(t->Render("acknowledgement", f)->body, "Hello Jo.\n");
  EXPECT_EQ(t->Render("handler_notification", f)->subject, "[R-1] New complaint for you to handle");
}

TEST_F(LetterTemplatesTest, ABrokenOverrideIsRejectedAtLoadNamingTheFile) {
  Write("handler_notification.mustache", "Subject: x\n\n{{#open}} never closed\n");
  auto t = LetterTemplates::Load(dir_.string());
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find((dir_ / "handler_notification.mustache").string()),
            std::string::npos)
      << t.status().message();
  Write("handler_notification.mustache", "no subject line\n");
  auto u = LetterTemplates::Load(dir_.string());
  ASSERT_FALSE(u.ok());
  EXPECT_NE(u.status().message().find("first line must be \"Subject: ...\""), std::string::npos);
}

}  // namespace
}  // namespace intaked
