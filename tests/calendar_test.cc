// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <sstream>

#include "calendar/bank_holidays.h"
#include "calendar/local_zone.h"
#include "calendar/working_day_calendar.h"
#include "procedure/deadlines.h"

namespace intaked {
namespace {

date::sys_days D(const std::string& iso) {
  const auto d = ParseIsoDate(iso);
  EXPECT_TRUE(d) << iso;
  return d.value_or(date::sys_days{});
}

struct AddCase {
  const char* received;
  int n;
  const char* expected;
};

class SpecExamples : public ::testing::TestWithParam<AddCase> {};

// Worked examples of counting working days: England and Wales, no closures.
TEST_P(SpecExamples, AddWorkingDays) {
  const WorkingDayCalendar cal(Region::kEnglandAndWales, {});
  const AddCase& c = GetParam();
  EXPECT_EQ(FormatIsoDate(cal.AddWorkingDays(D(c.received), c.n)), c.expected);
}

INSTANTIATE_TEST_SUITE_P(Calendar, SpecExamples,
                         ::testing::Values(AddCase{"2020-02-28", 30, "2020-04-14"},
                                           AddCase{"2020-03-02", 10, "2020-03-16"},
                                           AddCase{"2026-12-18", 10, "2027-01-06"},
                                           AddCase{"2026-12-24", 1, "2026-12-29"},
                                           AddCase{"2026-11-28", 1, "2026-11-30"}));

TEST(Calendar, OneOffDaysAreHolidaysEverywhere) {
  for (Region r : {Region::kEnglandAndWales, Region::kScotland, Region::kNorthernIreland}) {
    const WorkingDayCalendar cal(r, {});
    for (const char* d : {"2002-06-03", "2002-06-04", "2011-04-29", "2012-06-04", "2012-06-05",
                          "2020-05-08", "2022-06-02", "2022-06-03", "2022-09-19", "2023-05-08"}) {
      EXPECT_TRUE(cal.IsBankHoliday(D(d))) << d << " in " << RegionName(r);
    }
  }
}

TEST(Calendar, MovedDaysAreNotHolidays) {
  const WorkingDayCalendar cal(Region::kEnglandAndWales, {});
  EXPECT_FALSE(cal.IsBankHoliday(D("2020-05-04")));  // early May moved to VE Day
  EXPECT_FALSE(cal.IsBankHoliday(D("2022-05-30")));  // spring moved for the Platinum Jubilee
  EXPECT_FALSE(cal.IsBankHoliday(D("2012-05-28")));
  EXPECT_TRUE(cal.IsWorkingDay(D("2022-05-30")));
}

TEST(Calendar, EnglandAndWalesYear2026) {
  const auto got = BankHolidaysIn(Region::kEnglandAndWales, 2026);
  std::vector<std::string> iso;
  for (auto d : got) iso.push_back(FormatIsoDate(d));
  EXPECT_EQ(iso,
            (std::vector<std::string>{"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04",
                                      "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"}));
}

TEST(Calendar, ChristmasSubstitutes) {
  const auto y2021 = BankHolidaysIn(Region::kEnglandAndWales, 2021);  // Sat 25, Sun 26
  EXPECT_TRUE(y2021.count(D("2021-12-27")) && y2021.count(D("2021-12-28")));
  const auto y2022 = BankHolidaysIn(Region::kEnglandAndWales, 2022);  // Sun 25, Mon 26
  EXPECT_TRUE(y2022.count(D("2022-12-26")) && y2022.count(D("2022-12-27")));
  const auto y2027 = BankHolidaysIn(Region::kEnglandAndWales, 2027);  // New Year on a Friday
  EXPECT_TRUE(y2027.count(D("2027-01-01")));
}

TEST(Calendar, ScotlandHasItsOwnDays) {
  const auto s = BankHolidaysIn(Region::kScotland, 2023);
  EXPECT_TRUE(s.count(D("2023-01-02")));   // New Year substitute
  EXPECT_TRUE(s.count(D("2023-01-03")));   // 2 January substitute
  EXPECT_TRUE(s.count(D("2023-08-07")));   // first Monday in August
  EXPECT_FALSE(s.count(D("2023-08-28")));  // not the last
  EXPECT_FALSE(s.count(D("2023-04-10")));  // no Easter Monday
  EXPECT_TRUE(s.count(D("2023-11-30")));   // St Andrew's Day
  const auto s2025 = BankHolidaysIn(Region::kScotland, 2025);
  EXPECT_TRUE(s2025.count(D("2025-12-01")));  // St Andrew's Day on Sunday -> Monday
}

TEST(Calendar, NorthernIrelandHasStPatrickAndTheBoyne) {
  const auto n = BankHolidaysIn(Region::kNorthernIreland, 2026);
  EXPECT_TRUE(n.count(D("2026-03-17")));
  EXPECT_TRUE(n.count(D("2026-07-13")));  // 12 July is a Sunday
  EXPECT_TRUE(n.count(D("2026-04-06")));  // Easter Monday too
}

TEST(Calendar, EasterAcrossTheCentury) {
  EXPECT_EQ(FormatIsoDate(EasterSunday(2000)), "2000-04-23");
  EXPECT_EQ(FormatIsoDate(EasterSunday(2019)), "2019-04-21");
  EXPECT_EQ(FormatIsoDate(EasterSunday(2038)), "2038-04-25");
  EXPECT_EQ(FormatIsoDate(EasterSunday(2100)), "2100-03-28");
}

TEST(Calendar, ClosuresAreNotWorkingDays) {
  const WorkingDayCalendar cal(Region::kEnglandAndWales,
                               {D("2026-12-29"), D("2026-12-30"), D("2026-12-31")});
  EXPECT_EQ(FormatIsoDate(cal.AddWorkingDays(D("2026-12-24"), 1)), "2027-01-04");
}

TEST(Calendar, GovUkFileReplacesTheRules) {
  const std::string json = R"({"england-and-wales":{"division":"england-and-wales","events":[
    {"title":"Made up","date":"2026-12-01","notes":"","bunting":true}]},
    "scotland":{"division":"scotland","events":[{"title":"x","date":"2026-12-02"}]}})";
  auto days = ParseGovUkBankHolidays(json, Region::kEnglandAndWales);
  ASSERT_TRUE(days.ok()) << days.status().message();
  ASSERT_EQ(days->days.size(), 1u);
  const WorkingDayCalendar cal(days.value(), {});
  EXPECT_FALSE(cal.IsWorkingDay(D("2026-12-01")));
  EXPECT_TRUE(cal.IsWorkingDay(D("2026-12-02")));
  EXPECT_TRUE(cal.IsWorkingDay(D("2026-12-25")));  // only the file's days count now
  EXPECT_FALSE(ParseGovUkBankHolidays("{}", Region::kScotland).ok());
}

// A GOV.UK file lists a few years. Past its last year (and before its first) the built-in
// rules for the region count, so deadlines never run through an unlisted Christmas.
TEST(Calendar, DaysPastTheGovUkFileFollowTheRules) {
  const std::string json = R"({"scotland":{"division":"scotland","events":[
    {"title":"Made up","date":"2026-12-01"},{"title":"Christmas Day","date":"2026-12-25"}]}})";
  auto days = ParseGovUkBankHolidays(json, Region::kScotland);
  ASSERT_TRUE(days.ok()) << days.status().message();
  const WorkingDayCalendar cal(days.value(), {});
  EXPECT_FALSE(cal.IsWorkingDay(D("2026-12-01")));   // the file's years: the file
  EXPECT_TRUE(cal.IsWorkingDay(D("2026-11-30")));    // (St Andrew's Day, not in this file)
  EXPECT_TRUE(cal.IsBankHoliday(D("2027-12-27")));   // Christmas 2027 (a Saturday), moved
  EXPECT_TRUE(cal.IsBankHoliday(D("2027-11-30")));   // St Andrew's Day: Scotland's rules
  EXPECT_FALSE(cal.IsBankHoliday(D("2027-08-30")));  // England's late summer holiday is not
  EXPECT_TRUE(cal.IsBankHoliday(D("2025-12-25")));   // before the file too
  EXPECT_EQ(FormatIsoDate(cal.AddWorkingDays(D("2027-12-24"), 1)), "2027-12-29");
}

TEST(Calendar, AGovUkFileIsReadWithinBounds) {
  // Deep nesting is no stack overflow, a huge file no long parse: each is refused by name.
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  EXPECT_FALSE(ParseGovUkBankHolidays(deep, Region::kScotland).ok());
  const std::string huge = "{\"scotland\":{\"events\":[" + std::string(2 << 20, ' ') + "]}}";
  const auto too_big = ParseGovUkBankHolidays(huge, Region::kScotland);
  ASSERT_FALSE(too_big.ok());
  EXPECT_NE(too_big.status().message().find("larger than 1 MB"), std::string::npos);
  const auto bad_date = ParseGovUkBankHolidays(R"({"scotland":{"events":[{"date":"2026-02-30"}]}})",
                                               Region::kScotland);
  ASSERT_FALSE(bad_date.ok());
  EXPECT_NE(bad_date.status().message().find("invalid date \"2026-02-30\""), std::string::npos);
  auto table = ParseGovUkBankHolidays(
      R"({"scotland":{"events":[{"date":"2026-01-01"},{"date":"2027-01-01"}]}})",
      Region::kScotland);
  ASSERT_TRUE(table.ok()) << table.status().message();
  EXPECT_EQ(table->first_year, 2026);
  EXPECT_EQ(table->last_year, 2027);
  EXPECT_EQ(CoverageWarning(*table, D("2027-01-01")), "");  // to 2027-12-31: 12 months
  EXPECT_NE(CoverageWarning(*table, D("2027-01-02")).find("to the end of 2027"), std::string::npos);
}

TEST(LocalZone, DeadlineIsEndOfLocalDayAcrossDaylightSaving) {
  auto zone = LocalZone::Find("Europe/London");
  ASSERT_TRUE(zone.ok());
  const WorkingDayCalendar cal(Region::kEnglandAndWales, {});
  // Received 23:30 UTC on Sat 28 Mar 2026 = 23:30 GMT, so day 0 is Saturday.
  const Instant received =
      date::sys_days(D("2026-03-28")) + std::chrono::hours(23) + std::chrono::minutes(30);
  const Deadline d = WorkingDaysAfter(cal, *zone, received, 1);
  EXPECT_EQ(FormatIsoDate(d.day), "2026-03-30");
  // BST from 29 March: the day ends at 22:59:59 UTC.
  EXPECT_EQ(d.at, date::sys_days(D("2026-03-30")) + std::chrono::hours(22) +
                      std::chrono::minutes(59) + std::chrono::seconds(59));
  // 23:30 UTC in summer is already the next local day.
  const Instant summer =
      date::sys_days(D("2026-07-03")) + std::chrono::hours(23) + std::chrono::minutes(30);
  EXPECT_EQ(FormatIsoDate(zone->LocalDate(summer)), "2026-07-04");
  EXPECT_EQ(zone->LocalHour(summer), 0);
  EXPECT_FALSE(LocalZone::Find("Europe/Atlantis").ok());
}

TEST(LocalZone, IsoParsing) {
  EXPECT_FALSE(ParseIsoDate("2026-02-30"));
  EXPECT_FALSE(ParseIsoDate("2026-2-3"));
  const auto t = ParseIsoInstant("2026-12-01T09:30:00+01:00");
  ASSERT_TRUE(t);
  EXPECT_EQ(*t, ParseIsoInstant("2026-12-01T08:30:00Z").value());
  EXPECT_FALSE(ParseIsoInstant("2026-12-01 09:30"));
  EXPECT_FALSE(ParseIsoInstant("2026-12-01T25:30:00Z"));
}

TEST(LocalZone, DatesForPeople) {
  EXPECT_EQ(FormatDateForPeople(D("2027-01-08")), "Friday 8 January 2027");
  EXPECT_EQ(FormatDateForPeople(D("2026-11-30")), "Monday 30 November 2026");
}

}  // namespace
}  // namespace intaked
