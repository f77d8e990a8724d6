// SPDX-License-Identifier: GPL-3.0-or-later
// Subject access, erasure, retention, the annual report, digests and alerts
// (docs/ADMIN.md, "Personal data"), through the engine with fake mailboxes.
#include <SQLiteCpp/Transaction.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>

#include "calendar/local_zone.h"
#include "config/config_loader.h"
#include "engine/intake_cycle.h"
#include "engine/scheduled_mail.h"
#include "fake_mail.h"
#include "reports/annual_report.h"
#include "store/case_store.h"
#include "store/database.h"
#include "store/personal_data.h"
#include "test_config.h"

namespace intaked {
namespace {

Instant At(const std::string& iso, int hour = 10) {
  return Instant(date::sys_days(*ParseIsoDate(iso)).time_since_epoch()) + std::chrono::hours(hour);
}

class DataProtection : public ::testing::Test {
 protected:
  void SetUp() override {
    ctx_ = TestContext("[alerts]\nadmin_address = \"admin@pacts.test\"\n", false);
    db_ = std::move(OpenDatabase(":memory:").value());
    log_ = std::make_shared<spdlog::logger>("t", std::make_shared<spdlog::sinks::null_sink_mt>());
    outages_ = std::make_unique<OutageLog>(log_);
  }
  void Cycle() {
    IntakeCycle cycle(*db_, server_, sender_, clock_, tokens_, *outages_, log_);
    CycleReport r;
    ASSERT_TRUE(cycle.Run(*ctx_, &r).ok());
  }
  void Complaint(const std::string& from, const std::string& body) {
    server_.Deliver("info@pacts.test",
                    "From: Pat <" + from +
                        ">\r\nTo: info@pacts.test\r\nSubject: My complaint\r\nMessage-ID: <" +
                        std::to_string(++n_) + from + ">\r\n\r\n" + body + "\r\n",
                    clock_.Now());
  }
  AnnualReport Report(const std::string& from, const std::string& to) {
    return ComputeAnnualReport(*db_,
                               {.organisation = "PACTS",
                                .calendar = ctx_->calendar,
                                .zone = ctx_->zone,
                                .respond_days = ctx_->config.respond_days,
                                .review_days = ctx_->config.review_days},
                               *ParseIsoDate(from), *ParseIsoDate(to), clock_.Now());
  }

  std::shared_ptr<const ProcedureContext> ctx_;
  std::unique_ptr<SQLite::Database> db_;
  FakeMailServer server_;
  FakeSender sender_;
  FixedClock clock_{At("2026-03-02")};
  CountingTokens tokens_;
  std::shared_ptr<spdlog::logger> log_;
  std::unique_ptr<OutageLog> outages_;
  int n_ = 0;
};

TEST_F(DataProtection, ExportHoldsEverythingAboutOnePersonAndNothingAboutOthers) {
  Complaint("pat@family.test", "I am unhappy about the minutes.");
  Complaint("sam@family.test", "I am unhappy about the venue.");
  Cycle();
  const PersonalRecord rec = PersonalData(*db_).Export("pat@family.test");
  EXPECT_NE(rec.json.find("I am unhappy about the minutes."), std::string::npos);
  EXPECT_NE(rec.json.find("\"purpose\": \"acknowledgement\""), std::string::npos);
  EXPECT_EQ(rec.json.find("sam@family.test"), std::string::npos);
  EXPECT_EQ(rec.json.find("venue"), std::string::npos);
  ASSERT_EQ(rec.files.size(), 3u);  // the complaint, the acknowledgement, the notification
  EXPECT_EQ(rec.files[0].name, "message-001.eml");
  EXPECT_NE(rec.files[0].bytes.find("I am unhappy about the minutes."), std::string::npos);
  EXPECT_NE(rec.json.find("\"file\": \"message-001.eml\""), std::string::npos);
  for (const ExportFile& f : rec.files) EXPECT_EQ(f.bytes.find("venue"), std::string::npos);
}

TEST_F(DataProtection, ErasureRemovesThePersonButKeepsTheCounts) {
  Complaint("pat@family.test", "I am unhappy about the minutes.");
  server_.Deliver(
      "info@pacts.test",
      "From: pat@family.test\r\nSubject: Thank you\r\nMessage-ID: <t@x>\r\n\r\nThank you!\r\n",
      clock_.Now());
  Cycle();
  const AnnualReport before = Report("2026-01-01", "2026-12-31");
  {
    SQLite::Transaction tx(*db_);
    EXPECT_EQ(PersonalData(*db_).EraseEmail("pat@family.test", clock_.Now()).cases, 1);
    tx.commit();
  }
  const PersonalRecord rec = PersonalData(*db_).Export("pat@family.test");
  EXPECT_EQ(rec.json.find("minutes"), std::string::npos);
  EXPECT_TRUE(rec.files.empty());
  for (const char* sql :
       {"SELECT COUNT(*) FROM messages WHERE raw LIKE '%minutes%' OR from_email LIKE '%pat%'",
        "SELECT COUNT(*) FROM outbox WHERE mail LIKE '%minutes%' OR recipient LIKE '%pat%'",
        "SELECT COUNT(*) FROM case_events WHERE detail LIKE '%minutes%'",
        "SELECT COUNT(*) FROM cases WHERE complainant_email LIKE '%pat%' OR subject LIKE "
        "'%complaint%'"}) {
    EXPECT_EQ(db_->execAndGet(sql).getInt(), 0) << sql;
  }
  const AnnualReport after = Report("2026-01-01", "2026-12-31");
  EXPECT_EQ(after.complaints, before.complaints);
  EXPECT_EQ(after.compliments, before.compliments);
  EXPECT_EQ(after.complaints, 1);
  EXPECT_EQ(after.compliments, 1);
}

TEST_F(DataProtection, RetentionPurgesCasesClosedLongAgoOnly) {
  Complaint("old@family.test", "I am unhappy (old).");
  Cycle();
  auto c = CaseStore(*db_).FindByReference("PACTS-2026-0001").value();
  c.state = CaseState::kClosed;
  c.closed_at = clock_.Now();
  CaseStore(*db_).Save(c);
  clock_.Set(At("2030-03-02"));
  Complaint("new@family.test", "I am unhappy (new).");
  Cycle();
  EXPECT_EQ(CaseStore(*db_).FindByReference("PACTS-2026-0001")->complainant_email,
            "old@family.test")
      << "closed 4 years ago: kept";
  clock_.Set(At("2032-03-04"));  // six years and a little after closure
  Cycle();
  EXPECT_EQ(CaseStore(*db_).FindByReference("PACTS-2026-0001")->complainant_email, "");
  EXPECT_EQ(CaseStore(*db_).FindByReference("PACTS-2030-0001")->complainant_email,
            "new@family.test");
  EXPECT_EQ(Report("2026-01-01", "2026-12-31").complaints, 1);
}

TEST_F(DataProtection, TheReportHasNumbersAndNoPersonalData) {
  Complaint("pat@family.test", "I am unhappy and want this anonymous.");
  Complaint("sam@family.test", "This is not acceptable.");
  Cycle();
  const AnnualReport r = Report("2026-01-01", "2026-12-31");
  EXPECT_EQ(r.complaints, 2);
  EXPECT_EQ(r.anonymous, 1);
  EXPECT_EQ(r.months.size(), 12u);
  EXPECT_EQ(r.months[2].complaints, 2);  // March
  for (const std::string& out : {RenderReportText(r), RenderReportJson(r), RenderReportHtml(r)}) {
    EXPECT_EQ(out.find("pat@"), std::string::npos);
    EXPECT_EQ(out.find("unhappy"), std::string::npos);
  }
  EXPECT_NE(RenderReportJson(r).find("\"complaints\": 2"), std::string::npos);
  const std::string html = RenderReportHtml(r);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("2026-03: 2 complaints"), std::string::npos);
}

TEST_F(DataProtection, WeeklyDigestListsOnlyTheirCasesAndNeverOneNamingThem) {
  Complaint("pat@family.test", "I am unhappy with Bea Bright.");      // Alex handles
  Complaint("sam@family.test", "I am unhappy with the newsletter.");  // Bea handles (fewer open)
  Cycle();
  clock_.Set(At("2026-03-09", 9));  // Monday
  const size_t before = sender_.sent.size();
  Cycle();
  Cycle();
  std::map<std::string, Message> digest;
  for (size_t i = before; i < sender_.sent.size(); ++i)
    digest[sender_.sent[i].to] = sender_.sent[i].message;
  ASSERT_EQ(digest.size(), 2u);
  EXPECT_NE(digest["chair.a@pacts.test"].body.find("PACTS-2026-0001"), std::string::npos);
  EXPECT_EQ(digest["chair.a@pacts.test"].body.find("PACTS-2026-0002"), std::string::npos);
  EXPECT_EQ(digest["chair.b@pacts.test"].body.find("PACTS-2026-0001"), std::string::npos);
  EXPECT_NE(digest["chair.b@pacts.test"].body.find("PACTS-2026-0002"), std::string::npos);
}

TEST_F(DataProtection, TheAnnualReportIsMailedOnceOnItsDate) {
  clock_.Set(At("2026-06-02"));
  Complaint("pat@family.test", "I am unhappy.");
  Cycle();
  clock_.Set(At("2027-04-01", 7));  // 08:00 in London (BST): before reminder_hour, not yet
  size_t before = sender_.sent.size();
  Cycle();
  EXPECT_EQ(sender_.sent.size(), before);
  clock_.Set(At("2027-04-01", 11));
  Cycle();
  Cycle();
  std::vector<SentMail> reports;
  for (size_t i = before; i < sender_.sent.size(); ++i) {
    if (sender_.sent[i].message.subject.find("Annual complaints") == 0)
      reports.push_back(sender_.sent[i]);
  }
  ASSERT_EQ(reports.size(), 2u);  // one to each co-chair
  EXPECT_NE(reports[0].message.body.find(
                "  Complaints received                                         1\n"),
            std::string::npos)
      << reports[0].message.body;
  EXPECT_NE(reports[0].message.subject.find("Wednesday 1 April 2026 to Wednesday 31 March 2027"),
            std::string::npos);
  // The charts come as a page to open and print, not as a command to run.
  EXPECT_EQ(reports[0].message.body.find("intaked report"), std::string::npos);
  ASSERT_EQ(reports[0].message.attachments.size(), 1u);
  EXPECT_EQ(reports[0].message.attachments[0].filename,
            "complaints-report-2026-04-01-to-2027-03-31.html");
  EXPECT_NE(reports[0].message.attachments[0].data.find("<html"), std::string::npos);
  EXPECT_EQ(reports[0].message.attachments[0].data.find("pat@family.test"), std::string::npos);
}

TEST_F(DataProtection, AServerFailingForAnHourIsReportedOnceAndItsRecoveryToo) {
  server_.Folder("info@pacts.test").down = true;
  Cycle();
  clock_.Advance(std::chrono::minutes(30));
  Cycle();
  EXPECT_TRUE(sender_.To("admin@pacts.test").empty());
  clock_.Advance(std::chrono::minutes(31));
  Cycle();
  clock_.Advance(std::chrono::minutes(10));
  Cycle();
  ASSERT_EQ(sender_.To("admin@pacts.test").size(), 1u);
  EXPECT_NE(
      sender_.To("admin@pacts.test")[0].message.subject.find("mailbox intake has been failing"),
      std::string::npos);
  EXPECT_EQ(sender_.To("chair.a@pacts.test").back().message.subject,
            sender_.To("admin@pacts.test")[0].message.subject);
  server_.Folder("info@pacts.test").down = false;
  clock_.Advance(std::chrono::minutes(16));  // past the longest back-off
  Cycle();
  Cycle();
  ASSERT_EQ(sender_.To("admin@pacts.test").size(), 2u);
  EXPECT_NE(sender_.To("admin@pacts.test")[1].message.subject.find("is working again"),
            std::string::npos);
}

}  // namespace
}  // namespace intaked
