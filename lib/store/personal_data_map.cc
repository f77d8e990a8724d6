// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/personal_data_map.h"

#include <string>

#include "store/case_event_kind.h"

// A row's case reference, for export.
#define CASE_REFERENCE "(SELECT reference FROM cases c WHERE c.id = t.case_id) AS \"case\", "

// A message about the person without belonging to one of their cases: they sent it, or a
// co-chair's #complaint/#compliment or a forward names their address in it.
#define MESSAGE_ABOUT_PERSON                                                        \
  "from_email = :email COLLATE NOCASE OR (case_id IS NULL AND raw IS NOT NULL AND " \
  "mentions_address(raw, :email))"

namespace intaked {
namespace {

// "kind IN ('opened', ...)": the timeline kinds whose text is intaked's own (CaseEventKind).
const std::string& FixedTextKinds() {
  static const std::string sql = [] {
    std::string in;
    for (CaseEventKind k : AllCaseEventKinds()) {
      if (HasFixedText(k)) in += std::string(in.empty() ? "'" : ", '") + StorageName(k) + "'";
    }
    return "kind IN (" + in + ")";
  }();
  return sql;
}

}  // namespace

const std::vector<PersonalTable>& PersonalDataMap() {
  static const std::vector<PersonalTable> kTables = {
      {
          .name = "cases",
          .case_column = "id",
          .columns = {{"subject", "'(erased)'"},
                      {"complainant_name", "'(erased)'"},
                      {"complainant_email", "''"},
                      {"thread_id", "''"},  // the complainant's own Message-ID
                      {"purged_at", "COALESCE(purged_at, :now)"}},
          .about_person = "complainant_email = :email COLLATE NOCASE",
          .export_name = "cases",
          .export_columns = "reference, kind, state, phase, subject, complainant_name AS name, "
                            "complainant_email AS email, anonymous, received_at, respond_due, "
                            "closed_at",
      },
      {
          .name = "case_events",
          .case_column = "case_id",
          .columns = {{"detail", "'(erased)'"}},
          // Details intaked writes itself, naming no one but co-chairs. Any other kind - one
          // added later too - is erased.
          .fixed_text_rows = FixedTextKinds().c_str(),
          .export_name = "timeline",
          .export_columns = CASE_REFERENCE "at, kind, detail",
      },
      {
          .name = "messages",
          .case_column = "case_id",
          .columns = {{"raw", "NULL"}, {"from_email", "''"}, {"subject", "''"}},
          // ... or intaked thanked them for it (a compliment).
          .about_person = MESSAGE_ABOUT_PERSON
          " OR id IN (SELECT about_message FROM outbox WHERE recipient = :email COLLATE NOCASE)",
          .dated_by = "received_at",
          .export_name = "messages",
          .export_columns =
              CASE_REFERENCE "message_id, received_at, kind, from_email AS \"from\", subject, raw",
          .file_column = "raw",
          .file_prefix = "message",
      },
      {
          .name = "outbox",
          .case_column = "case_id",
          // A letter not yet sent is dropped, not sent empty.
          .columns = {{"mail", "''"},
                      {"recipient", "'(erased)'"},
                      {"last_error", "'erased'"},  // a server's refusal can quote the address
                      {"failed_at",
                       "COALESCE(failed_at, CASE WHEN sent_at IS NULL THEN :now END)"}},
          // Letters to them, and a compliment's thanks and copies.
          .about_person = "recipient = :email COLLATE NOCASE OR about_message IN (SELECT id FROM "
                          "messages WHERE " MESSAGE_ABOUT_PERSON ")",
          // Weekly digests list each open case's reference and subject.
          .mentions_case =
              "case_id IS NULL AND purpose = 'weekly_digest' AND instr(mail, :reference) > 0",
          .dated_by = "created_at",
          .export_name = "letters",
          .export_columns =
              CASE_REFERENCE "purpose, recipient AS \"to\", created_at, sent_at, mail",
          .file_column = "mail",
          .file_prefix = "letter",
      },
  };
  return kTables;
}

}  // namespace intaked
