#include "migrations/alembic/sql_text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>

namespace migcheck {
namespace {

// PostgreSQL 15's reserved and type/function-name keywords (the ones that
// cannot stand as a bare column or table name), sorted for binary search.
constexpr std::array<std::string_view, 101> kReserved = {"all",
                                                         "analyse",
                                                         "analyze",
                                                         "and",
                                                         "any",
                                                         "array",
                                                         "as",
                                                         "asc",
                                                         "asymmetric",
                                                         "authorization",
                                                         "binary",
                                                         "both",
                                                         "case",
                                                         "cast",
                                                         "check",
                                                         "collate",
                                                         "collation",
                                                         "column",
                                                         "concurrently",
                                                         "constraint",
                                                         "create",
                                                         "cross",
                                                         "current_catalog",
                                                         "current_date",
                                                         "current_role",
                                                         "current_schema",
                                                         "current_time",
                                                         "current_timestamp",
                                                         "current_user",
                                                         "default",
                                                         "deferrable",
                                                         "desc",
                                                         "distinct",
                                                         "do",
                                                         "else",
                                                         "end",
                                                         "except",
                                                         "false",
                                                         "fetch",
                                                         "for",
                                                         "foreign",
                                                         "freeze",
                                                         "from",
                                                         "full",
                                                         "grant",
                                                         "group",
                                                         "having",
                                                         "ilike",
                                                         "in",
                                                         "initially",
                                                         "inner",
                                                         "intersect",
                                                         "into",
                                                         "is",
                                                         "isnull",
                                                         "join",
                                                         "lateral",
                                                         "leading",
                                                         "left",
                                                         "like",
                                                         "limit",
                                                         "localtime",
                                                         "localtimestamp",
                                                         "natural",
                                                         "not",
                                                         "notnull",
                                                         "null",
                                                         "offset",
                                                         "on",
                                                         "only",
                                                         "or",
                                                         "order",
                                                         "outer",
                                                         "overlaps",
                                                         "placing",
                                                         "primary",
                                                         "references",
                                                         "returning",
                                                         "right",
                                                         "select",
                                                         "session_user",
                                                         "similar",
                                                         "some",
                                                         "symmetric",
                                                         "system_user",
                                                         "table",
                                                         "tablesample",
                                                         "then",
                                                         "to",
                                                         "trailing",
                                                         "true",
                                                         "union",
                                                         "unique",
                                                         "user",
                                                         "using",
                                                         "variadic",
                                                         "verbose",
                                                         "when",
                                                         "where",
                                                         "window",
                                                         "with"};

bool needs_quotes(std::string_view name) {
  if (name.empty()) return true;
  if (!(std::islower(static_cast<unsigned char>(name[0])) || name[0] == '_')) return true;
  for (char c : name) {
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '_' || c == '$')) {
      return true;
    }
  }
  return std::binary_search(kReserved.begin(), kReserved.end(), name);
}

}  // namespace

std::string quote_identifier(std::string_view name) {
  if (!needs_quotes(name)) return std::string(name);
  std::string out = "\"";
  for (char c : name) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

std::string qualified_name(std::string_view schema, std::string_view name) {
  if (schema.empty()) return quote_identifier(name);
  return quote_identifier(schema) + "." + quote_identifier(name);
}

std::string quote_literal(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

std::string identifier_list(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) {
    if (!out.empty()) out += ", ";
    out += quote_identifier(name);
  }
  return out;
}

namespace {

// Python's \w on UTF-8 bytes: every byte of a non-ASCII character counts.
bool is_word(unsigned char c) {
  return std::isalnum(c) || c == '_' || c >= 0x80;
}

}  // namespace

std::string number_bind_parameters(std::string sql) {
  std::map<std::string, int, std::less<>> numbers;
  for (size_t i = 0; i + 1 < sql.size(); ++i) {
    bool after_word = i > 0 && (sql[i - 1] == ':' || sql[i - 1] == '\\' ||
                                is_word(static_cast<unsigned char>(sql[i - 1])));
    if (sql[i] != ':' || after_word || !is_word(static_cast<unsigned char>(sql[i + 1]))) continue;
    size_t end = i + 1;
    while (end < sql.size() && is_word(static_cast<unsigned char>(sql[end]))) ++end;
    if (end < sql.size() && sql[end] == ':') continue;
    std::string_view name(sql.data() + i + 1, end - i - 1);
    auto found = numbers.find(name);
    int number = found != numbers.end()
                     ? found->second
                     : numbers.emplace(name, static_cast<int>(numbers.size()) + 1).first->second;
    std::string parameter = "$" + std::to_string(number);
    if (parameter.size() > end - i) parameter = "$1";  // a reuse parses as well
    parameter.resize(end - i, ' ');
    sql.replace(i, end - i, parameter);
    i = end - 1;
  }
  return sql;
}

}  // namespace migcheck
