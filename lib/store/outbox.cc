// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/outbox.h"

#include <SQLiteCpp/Statement.h>

#include <stdexcept>

#include "letters/automatic_answers.h"
#include "mail/address.h"

namespace intaked {
namespace {

int64_t Secs(std::chrono::sys_seconds t) { return t.time_since_epoch().count(); }

OutboxItem Read(SQLite::Statement& q) {
  OutboxItem it;
  it.id = q.getColumn(0).getInt64();
  if (!q.getColumn(1).isNull()) it.case_id = q.getColumn(1).getInt64();
  it.purpose = q.getColumn(2).getString();
  it.recipient = q.getColumn(3).getString();
  it.message_id = q.getColumn(4).getString();
  it.mail = q.getColumn(5).getString();
  it.attempts = q.getColumn(6).getInt();
  return it;
}

constexpr const char* kColumns = "id, case_id, purpose, recipient, message_id, mail, attempts";

}  // namespace

void Outbox::Enqueue(const OutboxItem& item, std::chrono::sys_seconds now) {
  // The second of three checks (parser, outbox, SMTP): a recipient that could
  // carry a command or a header into the SMTP session is never queued.
  if (!IsDeliverableAddress(item.recipient))
    throw std::invalid_argument("refusing to queue " + item.purpose +
                                ": recipient is not a deliverable address");
  SQLite::Statement q(
      db_,
      "INSERT INTO outbox (case_id, purpose, recipient, message_id, mail, created_at,"
      " next_attempt_at) VALUES (?,?,?,?,?,?,?)");
  if (item.case_id)
    q.bind(1, *item.case_id);
  else
    q.bind(1);
  q.bind(2, item.purpose);
  q.bind(3, item.recipient);
  q.bind(4, item.message_id);
  q.bind(5, item.mail.data(), int(item.mail.size()));
  q.bind(6, Secs(now));
  q.bind(7, Secs(now));
  q.exec();
}

std::vector<OutboxItem> Outbox::Due(std::chrono::sys_seconds now, int limit) {
  SQLite::Statement q(db_, std::string("SELECT ") + kColumns +
                               " FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL"
                               " AND next_attempt_at <= ? ORDER BY id LIMIT ?");
  q.bind(1, Secs(now));
  q.bind(2, limit);
  std::vector<OutboxItem> out;
  while (q.executeStep()) out.push_back(Read(q));
  return out;
}

void Outbox::MarkSent(int64_t id, std::chrono::sys_seconds now) {
  SQLite::Statement q(
      db_, "UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = '' WHERE id = ?");
  q.bind(1, Secs(now));
  q.bind(2, id);
  q.exec();
}

void Outbox::MarkRetry(int64_t id, std::chrono::sys_seconds next_attempt,
                       const std::string& error) {
  SQLite::Statement q(db_,
                      "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error "
                      "= ? WHERE id = ?");
  q.bind(1, Secs(next_attempt));
  q.bind(2, error);
  q.bind(3, id);
  q.exec();
}

void Outbox::MarkFailed(int64_t id, std::chrono::sys_seconds now, const std::string& error) {
  SQLite::Statement q(
      db_, "UPDATE outbox SET attempts = attempts + 1, failed_at = ?, last_error = ? WHERE id = ?");
  q.bind(1, Secs(now));
  q.bind(2, error);
  q.bind(3, id);
  q.exec();
}

std::optional<OutboxItem> Outbox::FindByMessageId(const std::string& message_id) {
  SQLite::Statement q(db_, std::string("SELECT ") + kColumns + " FROM outbox WHERE message_id = ?");
  q.bind(1, message_id);
  if (!q.executeStep()) return std::nullopt;
  return Read(q);
}

std::optional<std::string> Outbox::MessageAbout(const std::string& letter_message_id) {
  SQLite::Statement q(db_,
                      "SELECT m.message_id FROM outbox o JOIN messages m ON m.id = o.about_message"
                      " WHERE o.message_id = ?");
  q.bind(1, letter_message_id);
  if (!q.executeStep()) return std::nullopt;
  return q.getColumn(0).getString();
}

std::vector<OutboxLetter> Outbox::LettersOfCase(int64_t case_id) {
  SQLite::Statement q(
      db_,
      "SELECT purpose, recipient, created_at, sent_at, failed_at, last_error FROM outbox"
      " WHERE case_id = ? ORDER BY id");
  q.bind(1, case_id);
  auto at = [&](int column) -> std::optional<std::chrono::sys_seconds> {
    if (q.getColumn(column).isNull()) return std::nullopt;
    return std::chrono::sys_seconds(std::chrono::seconds(q.getColumn(column).getInt64()));
  };
  std::vector<OutboxLetter> out;
  while (q.executeStep()) {
    out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), *at(2), at(3), at(4),
                   q.getColumn(5).getString()});
  }
  return out;
}

AutomaticAnswerCount Outbox::AutomaticAnswersTo(const std::string& recipient,
                                                std::chrono::sys_seconds recent_since,
                                                std::chrono::sys_seconds day_since) {
  std::string marks;
  for (size_t i = 0; i < kAutomaticAnswers.size(); ++i) marks += i ? ",?" : "?";
  SQLite::Statement q(
      db_,
      "SELECT SUM(created_at > ?), COUNT(*) FROM outbox WHERE recipient = ? COLLATE NOCASE"
      " AND created_at > ? AND purpose IN (" +
          marks + ")");
  q.bind(1, Secs(recent_since));
  q.bind(2, recipient);
  q.bind(3, Secs(day_since));
  int n = 4;
  for (std::string_view letter : kAutomaticAnswers) q.bind(n++, std::string(letter));
  q.executeStep();
  return {q.getColumn(0).getInt(), q.getColumn(1).getInt()};
}

int64_t Outbox::PendingCount() {
  return db_.execAndGet("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL")
      .getInt64();
}

}  // namespace intaked
