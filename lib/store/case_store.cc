// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/case_store.h"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <cctype>
#include <sstream>
#include <stdexcept>

namespace intaked {
namespace {

constexpr const char* kColumns =
    "id, reference, year, seq, ack_sent, state, stage, subject, complainant_name,"
    " complainant_email, anonymous, handler_email, named_emails, received_at, acknowledge_due,"
    " respond_due, phase, appeal_due, review_due, thread_id, close_reason, closed_at,"
    " stage_two_at";

std::optional<std::chrono::sys_seconds> OptionalTime(const SQLite::Column& col) {
  if (col.isNull()) return std::nullopt;
  return std::chrono::sys_seconds(std::chrono::seconds(col.getInt64()));
}

int64_t Secs(std::chrono::sys_seconds t) { return t.time_since_epoch().count(); }

// A row this version cannot read is reported with its case, never guessed at.
template <typename T>
T Known(std::optional<T> v, const std::string& what, const std::string& value,
        const std::string& reference) {
  if (!v)
    throw std::runtime_error(reference + ": unknown " + what + " '" + value + "' in the database");
  return *v;
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string item; std::getline(in, item, ',');) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

CaseRecord Read(SQLite::Statement& q) {
  CaseRecord c;
  c.id = q.getColumn(0).getInt64();
  c.reference = q.getColumn(1).getString();
  c.year = q.getColumn(2).getInt();
  c.seq = q.getColumn(3).getInt();
  c.acknowledged = q.getColumn(4).getInt() != 0;
  const std::string state = q.getColumn(5).getString();
  c.state = Known(ParseCaseState(state), "state", state, c.reference);
  c.reached_stage_two = q.getColumn(6).getInt() >= 2;
  c.subject = q.getColumn(7).getString();
  c.complainant_name = q.getColumn(8).getString();
  c.complainant_email = q.getColumn(9).getString();
  c.anonymous = q.getColumn(10).getInt() != 0;
  c.handler_email = q.getColumn(11).getString();
  c.named_emails = Split(q.getColumn(12).getString());
  c.received_at = std::chrono::sys_seconds(std::chrono::seconds(q.getColumn(13).getInt64()));
  c.acknowledge_due = q.getColumn(14).getString();
  c.respond_due = q.getColumn(15).getString();
  const std::string phase = q.getColumn(16).getString();
  c.phase = Known(ParsePhase(phase), "phase", phase, c.reference);
  c.appeal_due = q.getColumn(17).getString();
  c.review_due = q.getColumn(18).getString();
  c.thread_id = q.getColumn(19).getString();
  const std::string cause = q.getColumn(20).getString();
  c.close_cause = Known(ParseCloseCause(cause), "close reason", cause, c.reference);
  c.closed_at = OptionalTime(q.getColumn(21));
  c.stage_two_at = OptionalTime(q.getColumn(22));
  return c;
}

}  // namespace

int CaseStore::NextSequence(int year) {
  SQLite::Statement q(db_, "SELECT COALESCE(MAX(seq), 0) + 1 FROM cases WHERE year = ?");
  q.bind(1, year);
  q.executeStep();
  return q.getColumn(0).getInt();
}

void CaseStore::Create(CaseRecord& c) {
  SQLite::Statement q(
      db_,
      "INSERT INTO cases (reference, year, seq, kind, state, stage, subject, complainant_name,"
      " complainant_email, anonymous, handler_email, named_emails, received_at,"
      " acknowledge_due, respond_due, phase, thread_id) VALUES "
      "(?,?,?,'complaint',?,?,?,?,?,?,?,?,?,?,?,?,?)");
  q.bind(1, c.reference);
  q.bind(2, c.year);
  q.bind(3, c.seq);
  q.bind(4, StorageName(c.state));
  q.bind(5, c.reached_stage_two ? 2 : 1);
  q.bind(6, c.subject);
  q.bind(7, c.complainant_name);
  q.bind(8, c.complainant_email);
  q.bind(9, c.anonymous ? 1 : 0);
  q.bind(10, c.handler_email);
  q.bind(11, Join(c.named_emails));
  q.bind(12, Secs(c.received_at));
  q.bind(13, c.acknowledge_due);
  q.bind(14, c.respond_due);
  q.bind(15, StorageName(c.phase));
  q.bind(16, c.thread_id);
  q.exec();
  c.id = db_.getLastInsertRowid();
}

bool CaseRecord::Names(const std::string& email) const {
  for (const std::string& n : named_emails) {
    if (n.size() == email.size() &&
        std::equal(n.begin(), n.end(), email.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      return true;
    }
  }
  return false;
}

void CaseStore::Save(const CaseRecord& c) {
  SQLite::Statement q(db_,
                      "UPDATE cases SET state = ?, stage = ?, phase = ?, handler_email = ?,"
                      " respond_due = ?, appeal_due = ?, review_due = ?, anonymous = ?,"
                      " close_reason = ?, closed_at = ?, stage_two_at = ?, ack_sent = ?"
                      " WHERE id = ?");
  q.bind(1, StorageName(c.state));
  q.bind(2, c.reached_stage_two ? 2 : 1);
  q.bind(3, StorageName(c.phase));
  q.bind(4, c.handler_email);
  q.bind(5, c.respond_due);
  q.bind(6, c.appeal_due);
  q.bind(7, c.review_due);
  q.bind(8, c.anonymous ? 1 : 0);
  q.bind(9, StorageName(c.close_cause));
  if (c.closed_at)
    q.bind(10, Secs(*c.closed_at));
  else
    q.bind(10);
  if (c.stage_two_at)
    q.bind(11, Secs(*c.stage_two_at));
  else
    q.bind(11);
  q.bind(12, c.acknowledged ? 1 : 0);
  q.bind(13, c.id);
  q.exec();
}

std::vector<CaseEvent> CaseStore::Events(int64_t case_id) {
  SQLite::Statement q(
      db_, "SELECT at, kind, actor, detail FROM case_events WHERE case_id = ? ORDER BY id");
  q.bind(1, case_id);
  std::vector<CaseEvent> out;
  while (q.executeStep()) {
    const std::string kind = q.getColumn(1).getString();
    const std::string actor = q.getColumn(2).getString();
    out.push_back({std::chrono::sys_seconds(std::chrono::seconds(q.getColumn(0).getInt64())),
                   Known(ParseCaseEventKind(kind), "timeline entry", kind, std::to_string(case_id)),
                   ParseRole(actor).value_or(Role::kIntaked), q.getColumn(3).getString()});
  }
  return out;
}

int CaseStore::CountEvents(int64_t case_id, const std::vector<CaseEventKind>& kinds,
                           std::chrono::sys_seconds from, std::chrono::sys_seconds to) {
  if (kinds.empty()) return 0;
  std::string marks;
  for (size_t i = 0; i < kinds.size(); ++i) marks += i ? ",?" : "?";
  SQLite::Statement q(db_,
                      "SELECT COUNT(*) FROM case_events WHERE case_id = ? AND at BETWEEN ? AND ?"
                      " AND kind IN (" +
                          marks + ")");
  q.bind(1, case_id);
  q.bind(2, Secs(from));
  q.bind(3, Secs(to));
  for (size_t i = 0; i < kinds.size(); ++i) q.bind(int(i) + 4, StorageName(kinds[i]));
  q.executeStep();
  return q.getColumn(0).getInt();
}

int CaseStore::CountEventsBy(int64_t case_id, CaseEventKind kind, Role actor) {
  SQLite::Statement q(
      db_, "SELECT COUNT(*) FROM case_events WHERE case_id = ? AND kind = ? AND actor = ?");
  q.bind(1, case_id);
  q.bind(2, StorageName(kind));
  q.bind(3, StorageName(actor));
  q.executeStep();
  return q.getColumn(0).getInt();
}

std::optional<CaseRecord> CaseStore::FindById(int64_t id) {
  SQLite::Statement q(db_, std::string("SELECT ") + kColumns + " FROM cases WHERE id = ?");
  q.bind(1, id);
  if (!q.executeStep()) return std::nullopt;
  return Read(q);
}

std::optional<CaseRecord> CaseStore::FindByReference(const std::string& reference) {
  SQLite::Statement q(db_, std::string("SELECT ") + kColumns + " FROM cases WHERE reference = ?");
  q.bind(1, reference);
  if (!q.executeStep()) return std::nullopt;
  return Read(q);
}

int CaseStore::OpenCasesHandledBy(const std::string& email) {
  SQLite::Statement q(db_,
                      "SELECT COUNT(*) FROM cases WHERE state = 'open'"
                      " AND handler_email = ? COLLATE NOCASE");
  q.bind(1, email);
  q.executeStep();
  return q.getColumn(0).getInt();
}

std::vector<CaseRecord> CaseStore::List(bool open_only) {
  SQLite::Statement q(db_, std::string("SELECT ") + kColumns + " FROM cases" +
                               (open_only ? " WHERE state = 'open'" : "") + " ORDER BY year, seq");
  std::vector<CaseRecord> out;
  while (q.executeStep()) out.push_back(Read(q));
  return out;
}

std::vector<CaseRecord> CaseStore::OfComplainant(const std::string& email) {
  std::vector<CaseRecord> out;
  if (email.empty()) return out;
  SQLite::Statement q(db_, std::string("SELECT ") + kColumns +
                               " FROM cases WHERE complainant_email = ? COLLATE NOCASE"
                               " ORDER BY year DESC, seq DESC");
  q.bind(1, email);
  while (q.executeStep()) out.push_back(Read(q));
  return out;
}

void CaseStore::AddEvent(int64_t case_id, std::chrono::sys_seconds at, CaseEventKind kind,
                         const std::string& detail, Role actor) {
  SQLite::Statement q(
      db_, "INSERT INTO case_events (case_id, at, kind, actor, detail) VALUES (?,?,?,?,?)");
  q.bind(1, case_id);
  q.bind(2, Secs(at));
  q.bind(3, StorageName(kind));
  q.bind(4, StorageName(actor));
  q.bind(5, detail);
  q.exec();
}

}  // namespace intaked
