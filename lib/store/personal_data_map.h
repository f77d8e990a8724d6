// SPDX-License-Identifier: GPL-3.0-or-later
// PersonalDataMap: the one list of where intaked keeps personal data - every
// table and column that can hold a person's name, address or words - and how
// each row is tied to a case or a person.
//
// Subject access (export), erasure (by address or by case) and the retention
// purge all read this list and nothing else, so a column listed here is
// exported, erased and purged alike. A column that holds personal data and is
// missing here is a bug. Tables not listed hold none: mailbox_state (folder
// positions), reminders (deadline dates and steps) and schedule (keys naming
// co-chairs and weeks). Kept on purpose, for reports and for exactly-once
// intake: kinds, dates, stages, the co-chairs a case concerns, and each
// message's Message-ID (an identifier the sender's mail program chose).
#pragma once

#include <vector>

namespace intaked {

// A column and the SQL value erasure writes into it (it may use :now).
struct ErasedColumn {
  const char* name;
  const char* erased;
};

struct PersonalTable {
  const char* name = nullptr;         // the SQL table; every listed table has an `id` key
  const char* case_column = nullptr;  // ties a row to its case ("id" in cases itself)
  std::vector<ErasedColumn> columns;
  // Rows whose listed columns hold only fixed text (SQL condition), never erased; or nullptr.
  const char* fixed_text_rows = nullptr;
  // Rows about the person :email beyond the rows of their cases (SQL condition), or nullptr.
  const char* about_person = nullptr;
  // Rows outside a case that mention it by :reference (SQL condition), or nullptr. They are
  // erased with the case; export lists them without their content, which is about others too.
  const char* mentions_case = nullptr;
  // Rows with no case are purged by this date column once older than the retention period.
  const char* dated_by = nullptr;
  // Export: the list's name in record.json, the columns shown (SQL over the table as `t`),
  // and one of them written as a file of its own, `<file_prefix>-NNN.eml` (or nullptr).
  const char* export_name = nullptr;
  const char* export_columns = nullptr;
  const char* file_column = nullptr;
  const char* file_prefix = nullptr;
};

// Cases come first: the rows of the other tables follow their case.
const std::vector<PersonalTable>& PersonalDataMap();

}  // namespace intaked
