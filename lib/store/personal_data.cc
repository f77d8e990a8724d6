// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/personal_data.h"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <set>

#include "store/personal_data_map.h"

namespace intaked {
namespace {

int64_t Secs(std::chrono::sys_seconds t) { return t.time_since_epoch().count(); }

char Lower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }
bool Alnum(char c) { return (c >= '0' && c <= '9') || (Lower(c) >= 'a' && Lower(c) <= 'z'); }

// Characters that can continue an address on either side of a match.
bool LocalPartChar(char c) {
  return Alnum(c) || std::string_view("!#$%&'*+-/=?^_`{|}~.").find(c) != std::string_view::npos;
}
bool DomainChar(char c) { return Alnum(c) || c == '-' || c == '_'; }

// The rows of one table that an operation touches.
struct Scope {
  std::vector<int64_t> cases;
  const std::string* email = nullptr;
  std::vector<std::string> references;  // cases whose mentions elsewhere (digests) count too
};

void Bind(SQLite::Statement& q, const char* name, const std::string& value) {
  if (const int i = q.getIndex(name)) q.bind(i, value);
}
void Bind(SQLite::Statement& q, const char* name, int64_t value) {
  if (const int i = q.getIndex(name)) q.bind(i, value);
}

template <typename Ids>
std::string IdList(const Ids& ids) {
  return fmt::format("{}", fmt::join(ids, ","));
}

std::vector<std::string> References(SQLite::Database& db, const std::vector<int64_t>& cases) {
  std::vector<std::string> out;
  for (int64_t id : cases) {
    SQLite::Statement q(db, "SELECT reference FROM cases WHERE id = ?");
    q.bind(1, id);
    if (q.executeStep()) out.push_back(q.getColumn(0).getString());
  }
  return out;
}

std::set<int64_t> Rows(SQLite::Database& db, const PersonalTable& t, const Scope& s) {
  std::set<int64_t> ids;
  std::string where;
  // An empty address would match every row whose address is empty or erased.
  const bool email = s.email && !s.email->empty();
  if (!s.cases.empty()) where = fmt::format("{} IN ({})", t.case_column, IdList(s.cases));
  if (email && t.about_person)
    where += fmt::format("{}({})", where.empty() ? "" : " OR ", t.about_person);
  if (!where.empty()) {
    SQLite::Statement q(db, fmt::format("SELECT id FROM {} WHERE {}", t.name, where));
    if (email) Bind(q, ":email", *s.email);
    while (q.executeStep()) ids.insert(q.getColumn(0).getInt64());
  }
  for (const std::string& reference : t.mentions_case ? s.references : std::vector<std::string>{}) {
    SQLite::Statement q(db, fmt::format("SELECT id FROM {} WHERE {}", t.name, t.mentions_case));
    Bind(q, ":reference", reference);
    while (q.executeStep()) ids.insert(q.getColumn(0).getInt64());
  }
  return ids;
}

// "SET a = x, b = y ... WHERE" conditions: rows already erased, and rows never erased, are left
// alone, so an erasure counts only what it changed and writes no page it need not.
std::string EraseStatement(const PersonalTable& t, const std::string& which) {
  std::string set, erased;
  for (const ErasedColumn& c : t.columns) {
    set += fmt::format("{}{} = {}", set.empty() ? "" : ", ", c.name, c.erased);
    if (std::string_view(c.erased).find(":now") == std::string_view::npos)
      erased += fmt::format("{}{} IS {}", erased.empty() ? "" : " AND ", c.name, c.erased);
  }
  std::string sql = fmt::format("UPDATE {} SET {} WHERE ({}) AND NOT ({})", t.name, set, which,
                                erased.empty() ? "0" : erased);
  if (t.fixed_text_rows) sql += fmt::format(" AND NOT ({})", t.fixed_text_rows);
  return sql;
}

int EraseRows(SQLite::Database& db, const PersonalTable& t, const std::set<int64_t>& ids,
              std::chrono::sys_seconds now) {
  int changed = 0;
  std::vector<int64_t> chunk;
  auto flush = [&] {
    if (chunk.empty()) return;
    SQLite::Statement q(db, EraseStatement(t, fmt::format("id IN ({})", IdList(chunk))));
    Bind(q, ":now", Secs(now));
    changed += q.exec();
    chunk.clear();
  };
  for (int64_t id : ids) {
    chunk.push_back(id);
    if (chunk.size() == 500) flush();
  }
  flush();
  return changed;
}

// One exported row (after its id, column 0) as JSON members. The file column becomes a file of
// its own or, in a row that is about other people too, is withheld.
std::string RowJson(SQLite::Statement& q, const PersonalTable& t, bool withhold_file,
                    std::vector<ExportFile>& files) {
  std::string out;
  for (int i = 1; i < q.getColumnCount(); ++i) {
    const std::string name = q.getColumnName(i);
    const bool file = t.file_column && name == t.file_column;
    const SQLite::Column col = q.getColumn(i);
    std::string value;
    if (file && withhold_file) {
      value = JsonString("withheld: it is about other people too");
    } else if (file && !col.isNull()) {
      int n = 1;
      for (const ExportFile& f : files) n += f.name.rfind(t.file_prefix, 0) == 0;
      files.push_back({fmt::format("{}-{:03}.eml", t.file_prefix, n), col.getString()});
      value = JsonString(files.back().name);
    } else if (col.isNull()) {
      value = "null";
    } else if (col.isInteger()) {
      value = std::to_string(col.getInt64());
    } else {
      value = JsonString(col.getString());
    }
    out +=
        fmt::format("{}{}: {}", out.empty() ? "" : ", ", JsonString(file ? "file" : name), value);
  }
  return out;
}

void MentionsAddressSql(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL)
    return sqlite3_result_int(ctx, 0);
  const char* text = static_cast<const char*>(sqlite3_value_blob(argv[0]));
  const size_t text_size = size_t(sqlite3_value_bytes(argv[0]));
  const char* email = reinterpret_cast<const char*>(sqlite3_value_text(argv[1]));
  const size_t email_size = size_t(sqlite3_value_bytes(argv[1]));
  sqlite3_result_int(ctx, text && email && MentionsAddress({text, text_size}, {email, email_size}));
}

}  // namespace

bool MentionsAddress(std::string_view text, std::string_view email) {
  if (email.empty() || email.size() > text.size()) return false;
  std::string want(email);
  for (char& c : want) c = Lower(c);
  // Knuth-Morris-Pratt: one pass over the text, however it repeats itself.
  std::vector<size_t> fallback(want.size(), 0);
  for (size_t i = 1, k = 0; i < want.size(); ++i) {
    while (k && want[i] != want[k]) k = fallback[k - 1];
    if (want[i] == want[k]) ++k;
    fallback[i] = k;
  }
  for (size_t i = 0, k = 0; i < text.size(); ++i) {
    const char c = Lower(text[i]);
    while (k && c != want[k]) k = fallback[k - 1];
    if (c == want[k]) ++k;
    if (k < want.size()) continue;
    const size_t start = i + 1 - k, end = i + 1;
    k = fallback[k - 1];
    if (start > 0 && LocalPartChar(text[start - 1])) continue;
    if (end < text.size() && (DomainChar(text[end]) ||
                              (text[end] == '.' && end + 1 < text.size() && Alnum(text[end + 1]))))
      continue;
    return true;
  }
  return false;
}

void RegisterPersonalDataFunctions(SQLite::Database& db) {
  db.createFunction("mentions_address", 2, true, nullptr, &MentionsAddressSql);
}

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

PersonalData::PersonalData(SQLite::Database& db) : db_(db) {}

PersonalRecord PersonalData::Export(const std::string& email) {
  const auto& map = PersonalDataMap();
  Scope scope;
  scope.email = &email;
  const std::set<int64_t> cases = Rows(db_, map.front(), scope);
  scope.cases.assign(cases.begin(), cases.end());
  // Rows that merely mention their cases (digests) are listed - who was sent what, when - but
  // their content is about other people too.
  Scope mentions;
  mentions.references = References(db_, scope.cases);
  PersonalRecord rec;
  rec.json = "{\n  \"email\": " + JsonString(email);
  for (const PersonalTable& t : map) {
    const std::set<int64_t> own = Rows(db_, t, scope);
    std::set<int64_t> ids = Rows(db_, t, mentions);
    ids.insert(own.begin(), own.end());
    std::string rows;
    if (!ids.empty()) {
      SQLite::Statement q(db_, fmt::format("SELECT id, {} FROM {} t WHERE id IN ({}) ORDER BY id",
                                           t.export_columns, t.name, IdList(ids)));
      while (q.executeStep()) {
        const bool withhold = !own.count(q.getColumn(0).getInt64());
        rows += fmt::format("{}{{{}}}", rows.empty() ? "\n    " : ",\n    ",
                            RowJson(q, t, withhold, rec.files));
      }
    }
    rec.json +=
        fmt::format(",\n  {}: [{}{}]", JsonString(t.export_name), rows, rows.empty() ? "" : "\n  ");
  }
  rec.json += "\n}\n";
  return rec;
}

ErasureCount PersonalData::EraseCases(const std::vector<int64_t>& cases, const std::string* email,
                                      std::chrono::sys_seconds now, const std::string& why) {
  const Scope scope{cases, email, References(db_, cases)};
  // Every table's rows are chosen before any changes: the links between them (a thanks
  // letter's recipient names the compliment it answers) are read as they were.
  std::vector<std::set<int64_t>> rows;
  for (const PersonalTable& t : PersonalDataMap()) rows.push_back(Rows(db_, t, scope));
  ErasureCount n;
  for (size_t i = 0; i < rows.size(); ++i)
    n.rows += EraseRows(db_, PersonalDataMap()[i], rows[i], now);
  for (int64_t id : cases) {
    SQLite::Statement ev(
        db_, "INSERT INTO case_events (case_id, at, kind, detail) VALUES (?, ?, 'erased', ?)");
    ev.bind(1, id);
    ev.bind(2, Secs(now));
    ev.bind(3, why);
    ev.exec();
  }
  n.cases = int(cases.size());
  return n;
}

ErasureCount PersonalData::EraseCase(int64_t case_id, std::chrono::sys_seconds now,
                                     const std::string& why) {
  SQLite::Statement q(db_, "SELECT 1 FROM cases WHERE id = ? AND purged_at IS NULL");
  q.bind(1, case_id);
  if (!q.executeStep()) return {};
  return EraseCases({case_id}, nullptr, now, why);
}

ErasureCount PersonalData::EraseEmail(const std::string& email, std::chrono::sys_seconds now) {
  Scope scope;
  scope.email = &email;
  const std::set<int64_t> cases = Rows(db_, PersonalDataMap().front(), scope);
  return EraseCases({cases.begin(), cases.end()}, &email, now, "erased on request");
}

ErasureCount PersonalData::PurgeClosedBefore(std::chrono::sys_seconds cutoff,
                                             std::chrono::sys_seconds now) {
  std::vector<int64_t> cases;
  SQLite::Statement q(
      db_,
      "SELECT id FROM cases WHERE state IN ('closed', 'void') AND closed_at IS NOT NULL"
      " AND closed_at < ? AND purged_at IS NULL");
  q.bind(1, Secs(cutoff));
  while (q.executeStep()) cases.push_back(q.getColumn(0).getInt64());
  ErasureCount n = EraseCases(cases, nullptr, now, "retention period ended");
  // Rows of no case (compliments and their letters, digests, unprocessable mail) follow the
  // same clock.
  for (const PersonalTable& t : PersonalDataMap()) {
    if (!t.dated_by) continue;
    SQLite::Statement u(db_, EraseStatement(t, fmt::format("{} IS NULL AND {} < :cutoff",
                                                           t.case_column, t.dated_by)));
    Bind(u, ":cutoff", Secs(cutoff));
    Bind(u, ":now", Secs(now));
    n.rows += u.exec();
  }
  return n;
}

}  // namespace intaked
