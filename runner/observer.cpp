#include "runner/observer.h"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <tuple>

namespace migcheck {
namespace {

// Relations made after initdb (FirstNormalObjectId): the migration's own.
constexpr const char* kUserOids = "16384";

// Schemas whose relations are PostgreSQL's bookkeeping, not the migration's:
// their locks and rewrites (a table's TOAST table with it) are left out.
bool is_system_schema(const std::string& schema) {
  return schema == "pg_catalog" || schema == "information_schema" ||
         schema.rfind("pg_toast", 0) == 0;
}

// pageinspect's C functions, declared in the observer's own temporary schema.
constexpr const char* kPageFunctions = R"sql(
CREATE FUNCTION pg_temp.migcheck_raw_page(text, int8) RETURNS bytea
  AS '$libdir/pageinspect', 'get_raw_page_1_9' LANGUAGE C STRICT;
CREATE FUNCTION pg_temp.migcheck_heap_page_items(IN page bytea, OUT lp smallint,
  OUT lp_off smallint, OUT lp_flags smallint, OUT lp_len smallint, OUT t_xmin xid,
  OUT t_xmax xid, OUT t_field3 int4, OUT t_ctid tid, OUT t_infomask2 integer,
  OUT t_infomask integer, OUT t_hoff smallint, OUT t_bits text, OUT t_oid oid,
  OUT t_data bytea) RETURNS SETOF record
  AS '$libdir/pageinspect', 'heap_page_items' LANGUAGE C STRICT;
SELECT length(pg_temp.migcheck_raw_page('pg_catalog.pg_class', 0));
)sql";

// Where each leading fixed-width column of a catalog row starts in its
// tuple data, from pg_attribute (so the layout follows the server version).
std::map<std::string, size_t> column_offsets(pqxx::connection& connection,
                                             const std::string& catalog) {
  pqxx::nontransaction tx(connection);
  pqxx::result rows =
      tx.exec("SELECT attname, attlen, attalign FROM pg_attribute WHERE attrelid = 'pg_catalog." +
              catalog + "'::regclass AND attnum > 0 ORDER BY attnum");
  std::map<std::string, size_t> offsets;
  size_t offset = 0;
  for (const auto& row : rows) {
    int length = row[1].as<int>();
    if (length < 0) break;  // past the first variable-width column offsets are per row
    char align = row[2].c_str()[0];
    size_t alignment = align == 'd' ? 8 : align == 'i' ? 4 : align == 's' ? 2 : 1;
    offset = (offset + alignment - 1) / alignment * alignment;
    offsets[row[0].as<std::string>()] = offset;
    offset += static_cast<size_t>(length);
  }
  offsets["end"] = offset;
  return offsets;
}

std::string bytes_from_hex(const std::string& hex) {
  std::string bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return bytes;
}

// Catalog rows are stored in the server's byte order; migcheck runs on the
// same little-endian machines.
unsigned long uint32_at(const std::string& bytes, size_t offset) {
  uint32_t value = 0;
  for (size_t i = 0; i < 4; ++i) {
    value |= static_cast<uint32_t>(static_cast<unsigned char>(bytes.at(offset + i))) << (8 * i);
  }
  return value;
}

std::string name_at(const std::string& bytes, size_t offset) {
  std::string name = bytes.substr(offset, 64);
  return name.substr(0, name.find('\0'));
}

// The row versions of `catalog` that the transaction of backend $1 wrote
// and still sees (not deleted again by itself; a row it only locked counts),
// as the leading `length` bytes of each row's data, in hex.
std::string uncommitted_rows_query(const std::string& catalog, size_t length) {
  const std::string mine =
      "(SELECT transactionid FROM pg_locks WHERE pid = $1 AND locktype = 'transactionid' AND "
      "granted)";
  const std::string relation = "'pg_catalog." + catalog + "'";
  return "SELECT encode(substring(t.t_data FROM 1 FOR " + std::to_string(length) +
         "), 'hex') FROM generate_series(0, pg_relation_size(" + relation +
         ") / current_setting('block_size')::int - 1) AS b, "
         "LATERAL pg_temp.migcheck_heap_page_items(pg_temp.migcheck_raw_page(" +
         relation + ", b)) AS t WHERE t.lp_flags = 1 AND t.t_xmin IN " + mine +
         " AND (t.t_xmax = '0' OR (t.t_infomask & 128) <> 0 OR t.t_xmax NOT IN " + mine + ")";
}

// What one read asks, in one round trip (tagged rows, every column as text):
// the schemas and user relations as committed ("n", "c"), the rows of them
// that backend $1's open transaction wrote ("un", "uc": the leading bytes of
// each in hex, when the page functions are there), and its relation locks
// ("l"). One statement also means one snapshot for all of it.
std::string read_query(bool raw_pages, size_t namespace_length, size_t class_length) {
  std::string query =
      "SELECT 'n', oid::text, nspname::text, NULL, NULL FROM pg_namespace UNION ALL "
      "SELECT 'c', oid::text, relnamespace::text, relname::text, relfilenode::text FROM pg_class "
      "WHERE oid >= " +
      std::string(kUserOids) +
      " UNION ALL SELECT 'l', relation::text, mode, granted::text, NULL FROM pg_locks WHERE "
      "locktype = 'relation' AND pid = $1 AND database IN (0, (SELECT oid FROM pg_database "
      "WHERE datname = current_database()))";
  if (raw_pages) {
    query += " UNION ALL SELECT 'un', u.*, NULL, NULL, NULL FROM (" +
             uncommitted_rows_query("pg_namespace", namespace_length) + ") u UNION ALL " +
             "SELECT 'uc', u.*, NULL, NULL, NULL FROM (" +
             uncommitted_rows_query("pg_class", class_length) + ") u";
  }
  return query;
}

constexpr const char* kReadStatement = "migcheck_observer_read";

}  // namespace

Observer::Observer(const std::string& conninfo) : session_(conninfo) {
  pqxx::nontransaction(session_.connection())
      .exec(
          "SET lock_timeout = '200ms'; SET statement_timeout = '30s'; "
          "SET application_name = 'migcheck observer'");
  declare_page_functions();
  session_.connection().prepare(kReadStatement,
                                read_query(raw_pages_, raw_pages_ ? namespace_layout_.at("end") : 0,
                                           raw_pages_ ? class_layout_.at("end") : 0));
}

void Observer::declare_page_functions() {
  try {
    pqxx::nontransaction(session_.connection()).exec(kPageFunctions);
    namespace_layout_ = column_offsets(session_.connection(), "pg_namespace");
    class_layout_ = column_offsets(session_.connection(), "pg_class");
    raw_pages_ = true;
  } catch (const pqxx::sql_error&) {
    raw_pages_ = false;  // no superuser rights or no pageinspect: committed catalog only
  }
}

Observer::Catalogs Observer::read_catalogs() {
  std::map<unsigned long, std::string> schemas;
  std::map<unsigned long, std::pair<unsigned long, Relation>>
      rows;                                                         // oid -> (schema oid, relation)
  std::vector<std::tuple<unsigned long, std::string, bool>> locks;  // (oid, mode, granted)
  // The migration's own uncommitted versions replace the committed rows.
  std::vector<std::string> own_schemas, own_relations;
  pqxx::nontransaction tx(session_.connection());
  for (const auto& row : tx.exec_prepared(kReadStatement, pid_)) {
    std::string_view kind = row[0].c_str();
    if (kind == "n") {
      schemas[row[1].as<unsigned long>()] = row[2].as<std::string>();
    } else if (kind == "c") {
      rows[row[1].as<unsigned long>()] = {
          row[2].as<unsigned long>(),
          Relation{row[3].as<std::string>(), row[4].as<unsigned long>()}};
    } else if (kind == "l") {
      locks.emplace_back(row[1].as<unsigned long>(), row[2].as<std::string>(),
                         row[3].as<std::string>() == "true");
    } else if (kind == "un") {
      own_schemas.push_back(bytes_from_hex(row[1].as<std::string>()));
    } else if (kind == "uc") {
      own_relations.push_back(bytes_from_hex(row[1].as<std::string>()));
    }
  }
  for (const std::string& data : own_schemas) {
    schemas[uint32_at(data, namespace_layout_.at("oid"))] =
        name_at(data, namespace_layout_.at("nspname"));
  }
  for (const std::string& data : own_relations) {
    rows[uint32_at(data, class_layout_.at("oid"))] = {
        uint32_at(data, class_layout_.at("relnamespace")),
        Relation{name_at(data, class_layout_.at("relname")),
                 uint32_at(data, class_layout_.at("relfilenode"))}};
  }
  Catalogs catalogs;
  for (auto& [oid, row] : rows) {
    auto schema = schemas.find(row.first);
    if (schema == schemas.end() || is_system_schema(schema->second)) continue;
    row.second.name = schema->second + "." + row.second.name;
    catalogs.relations[oid] = row.second;
  }
  for (auto& [oid, mode, granted] : locks) {
    auto relation = catalogs.relations.find(oid);
    // Relations of the system schemas, and ones the transaction made and
    // dropped again (a rewrite's transient copy), have no user-facing name.
    if (relation == catalogs.relations.end()) continue;
    catalogs.locks.push_back({relation->second.name, mode, granted});
  }
  return catalogs;
}

void Observer::watch(int backend_pid) {
  pid_ = backend_pid;
  filenodes_seen_.clear();
  for (const auto& [oid, relation] : read_catalogs().relations) {
    filenodes_seen_[oid].insert(relation.filenode);
  }
}

ObservedStep Observer::read() {
  if (pid_ == 0) throw std::logic_error("Observer::read before watch");
  Catalogs catalogs = read_catalogs();
  ObservedStep step;
  step.locks = std::move(catalogs.locks);
  std::sort(step.locks.begin(), step.locks.end(), [](const HeldLock& a, const HeldLock& b) {
    return std::tie(a.relation, a.mode, a.granted) < std::tie(b.relation, b.mode, b.granted);
  });
  for (const auto& [oid, relation] : catalogs.relations) {
    auto seen = filenodes_seen_.find(oid);
    // A relation first seen now was made since the previous read, not rewritten.
    if (seen == filenodes_seen_.end()) {
      step.created.push_back(relation.name);
      filenodes_seen_[oid].insert(relation.filenode);
      continue;
    }
    if (relation.filenode == 0) continue;  // partitioned tables and views have no storage
    if (!seen->second.count(relation.filenode)) step.rewritten.push_back(relation.name);
    seen->second.insert(relation.filenode);
  }
  std::sort(step.rewritten.begin(), step.rewritten.end());
  std::sort(step.created.begin(), step.created.end());
  return step;
}

}  // namespace migcheck
