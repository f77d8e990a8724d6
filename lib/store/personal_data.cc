#include "store/personal_data.h"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace intaked {
namespace {

int64_t Secs(std::chrono::sys_seconds t) { return t.time_since_epoch().count(); }

// Timeline kinds whose detail is the people's own words or names.
constexpr const char* kWordsKinds =
    "('complaint','complainant_reply','handler_reply','direct_reply','outcome','review_outcome','"
    "holding','note',"
    "'routed','reassigned','unauthenticated','command_error','stage_two')";

}  // namespace

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20)
          out += fmt::format("\\u{:04x}", c);
        else
          out += char(c);
    }
  }
  return out + "\"";
}

PersonalRecord PersonalData::Export(const std::string& email) {
  PersonalRecord rec;
  std::string cases_json;
  SQLite::Statement cases(
      db_,
      "SELECT id, reference, kind, state, phase, subject, complainant_name, complainant_email,"
      " received_at, respond_due FROM cases WHERE complainant_email = ? COLLATE NOCASE ORDER BY "
      "id");
  cases.bind(1, email);
  while (cases.executeStep()) {
    const int64_t id = cases.getColumn(0).getInt64();
    std::string events;
    SQLite::Statement ev(db_,
                         "SELECT at, kind, detail FROM case_events WHERE case_id = ? ORDER BY id");
    ev.bind(1, id);
    while (ev.executeStep()) {
      events +=
          fmt::format("{}{{\"at\": {}, \"kind\": {}, \"detail\": {}}}", events.empty() ? "" : ", ",
                      ev.getColumn(0).getInt64(), JsonString(ev.getColumn(1).getString()),
                      JsonString(ev.getColumn(2).getString()));
    }
    std::string letters;
    SQLite::Statement lt(
        db_,
        "SELECT purpose, recipient, created_at, sent_at, mail FROM outbox WHERE case_id = ?"
        " AND recipient = ? COLLATE NOCASE ORDER BY id");
    lt.bind(1, id);
    lt.bind(2, email);
    while (lt.executeStep()) {
      letters += fmt::format("{}{{\"purpose\": {}, \"to\": {}, \"created_at\": {}, \"mail\": {}}}",
                             letters.empty() ? "" : ", ", JsonString(lt.getColumn(0).getString()),
                             JsonString(lt.getColumn(1).getString()), lt.getColumn(2).getInt64(),
                             JsonString(lt.getColumn(4).getString()));
    }
    cases_json += fmt::format(
        "{}{{\"reference\": {}, \"kind\": {}, \"state\": {}, \"phase\": {}, \"subject\": {}, "
        "\"name\": {}, "
        "\"email\": {}, \"received_at\": {}, \"respond_due\": {}, \"timeline\": [{}], "
        "\"letters_to_you\": [{}]}}",
        cases_json.empty() ? "" : ",\n    ", JsonString(cases.getColumn(1).getString()),
        JsonString(cases.getColumn(2).getString()), JsonString(cases.getColumn(3).getString()),
        JsonString(cases.getColumn(4).getString()), JsonString(cases.getColumn(5).getString()),
        JsonString(cases.getColumn(6).getString()), JsonString(cases.getColumn(7).getString()),
        cases.getColumn(8).getInt64(), JsonString(cases.getColumn(9).getString()), events, letters);
  }
  std::string messages_json;
  SQLite::Statement msgs(db_,
                         "SELECT message_id, received_at, kind, subject, raw FROM messages"
                         " WHERE from_email = ? COLLATE NOCASE ORDER BY id");
  msgs.bind(1, email);
  while (msgs.executeStep()) {
    const std::string id = msgs.getColumn(0).getString();
    const bool has_raw = !msgs.getColumn(4).isNull();
    messages_json += fmt::format(
        "{}{{\"message_id\": {}, \"received_at\": {}, \"kind\": {}, \"subject\": {}, "
        "\"eml\": {}}}",
        messages_json.empty() ? "" : ",\n    ", JsonString(id), msgs.getColumn(1).getInt64(),
        JsonString(msgs.getColumn(2).getString()), JsonString(msgs.getColumn(3).getString()),
        has_raw ? "true" : "false");
    if (has_raw) rec.messages.push_back({id, msgs.getColumn(4).getString()});
  }
  rec.json = fmt::format(
      "{{\n  \"email\": {},\n  \"cases\": [\n    {}\n  ],\n  \"messages\": [\n    {}\n  ]\n}}\n",
      JsonString(email), cases_json, messages_json);
  return rec;
}

void PersonalData::EraseCase(int64_t case_id, std::chrono::sys_seconds now,
                             const std::string& why) {
  SQLite::Statement c(
      db_,
      "UPDATE cases SET complainant_name = '(erased)', complainant_email = '', subject = "
      "'(erased)', thread_id = '', purged_at = ? WHERE id = ?");
  c.bind(1, Secs(now));
  c.bind(2, case_id);
  c.exec();
  SQLite::Statement e(
      db_,
      std::string("UPDATE case_events SET detail = '(erased)' WHERE case_id = ? AND kind IN ") +
          kWordsKinds);
  e.bind(1, case_id);
  e.exec();
  SQLite::Statement m(
      db_, "UPDATE messages SET raw = NULL, from_email = '', subject = '' WHERE case_id = ?");
  m.bind(1, case_id);
  m.exec();
  // Letters keep their purpose and dates (reports count them), not their content or recipient.
  // A letter not yet sent is dropped, not sent empty.
  SQLite::Statement o(
      db_,
      "UPDATE outbox SET mail = '', recipient = '(erased)', failed_at = COALESCE(failed_at,"
      " CASE WHEN sent_at IS NULL THEN ? END), last_error = 'erased' WHERE case_id = ?");
  o.bind(1, Secs(now));
  o.bind(2, case_id);
  o.exec();
  SQLite::Statement ev(
      db_, "INSERT INTO case_events (case_id, at, kind, detail) VALUES (?, ?, 'erased', ?)");
  ev.bind(1, case_id);
  ev.bind(2, Secs(now));
  ev.bind(3, why);
  ev.exec();
}

int PersonalData::EraseEmail(const std::string& email, std::chrono::sys_seconds now) {
  std::vector<int64_t> ids;
  SQLite::Statement q(db_, "SELECT id FROM cases WHERE complainant_email = ? COLLATE NOCASE");
  q.bind(1, email);
  while (q.executeStep()) ids.push_back(q.getColumn(0).getInt64());
  for (int64_t id : ids) EraseCase(id, now, "erased on request");
  SQLite::Statement m(
      db_,
      "UPDATE messages SET raw = NULL, from_email = '', subject = '' WHERE from_email = ?"
      " COLLATE NOCASE");
  m.bind(1, email);
  m.exec();
  SQLite::Statement o(
      db_,
      "UPDATE outbox SET mail = '', recipient = '(erased)', failed_at = COALESCE(failed_at,"
      " CASE WHEN sent_at IS NULL THEN ? END), last_error = 'erased' WHERE recipient = ?"
      " COLLATE NOCASE");
  o.bind(1, Secs(now));
  o.bind(2, email);
  o.exec();
  return int(ids.size());
}

int PersonalData::PurgeClosedBefore(std::chrono::sys_seconds cutoff, std::chrono::sys_seconds now) {
  std::vector<int64_t> ids;
  SQLite::Statement q(
      db_,
      "SELECT id FROM cases WHERE state IN ('closed', 'void') AND closed_at IS NOT NULL"
      " AND closed_at < ? AND purged_at IS NULL");
  q.bind(1, Secs(cutoff));
  while (q.executeStep()) ids.push_back(q.getColumn(0).getInt64());
  for (int64_t id : ids) EraseCase(id, now, "retention period ended");
  // Messages that never belonged to a case (compliments, automated mail) follow the same clock.
  SQLite::Statement m(
      db_,
      "UPDATE messages SET raw = NULL, from_email = '', subject = '' WHERE case_id IS NULL"
      " AND received_at < ? AND (from_email != '' OR raw IS NOT NULL)");
  m.bind(1, Secs(cutoff));
  m.exec();
  return int(ids.size());
}

}  // namespace intaked
