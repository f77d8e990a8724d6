// SPDX-License-Identifier: GPL-3.0-or-later
#include "letters/letter_templates.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "letters/embedded_templates.h"
#include "reports/annual_report.h"

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

// The one list of templates (lib/CMakeLists.txt) and the templates/ directory agree, and the
// binary carries each file as it is.
TEST(EmbeddedTemplates, EveryTemplateFileIsListedEmbeddedAndRenders) {
  std::set<std::string> listed(EmbeddedLetterNames().begin(), EmbeddedLetterNames().end());
  listed.insert(EmbeddedPageNames().begin(), EmbeddedPageNames().end());
  EXPECT_EQ(listed.size(), EmbeddedLetterNames().size() + EmbeddedPageNames().size())
      << "a name listed twice";
  EXPECT_EQ(LetterTemplates::Names(), EmbeddedLetterNames());
  std::set<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(SOURCE_DIR "/templates")) {
    if (entry.path().extension() != ".mustache") continue;
    const std::string name = entry.path().stem().string();
    files.insert(name);
    EXPECT_TRUE(listed.count(name)) << entry.path() << " is not in lib/CMakeLists.txt's list";
    std::stringstream text;
    text << std::ifstream(entry.path()).rdbuf();
    EXPECT_EQ(EmbeddedTemplate(name), text.str()) << name << ": the binary's copy differs";
  }
  EXPECT_EQ(files, listed) << "a listed template without its file";

  auto letters = LetterTemplates::Load("");
  ASSERT_TRUE(letters.ok()) << letters.status().message();
  for (const std::string& name : EmbeddedLetterNames()) {
    auto l = letters->Render(name, LetterFields{});
    ASSERT_TRUE(l.ok()) << name << ": " << l.status().message();
    EXPECT_FALSE(l->subject.empty()) << name;
    EXPECT_FALSE(l->body.empty()) << name;
  }
  // Pages each have their renderer; a new page needs its line here.
  ASSERT_EQ(EmbeddedPageNames(), std::vector<std::string>{"annual_report_html"});
  AnnualReport empty;
  empty.months = {{"2026-01", 0, 0}};
  EXPECT_NE(RenderReportHtml(empty).find("</html>"), std::string::npos);
}

}  // namespace
}  // namespace intaked
