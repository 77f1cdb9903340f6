#include "ci/table_rows.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "linter/input_error.h"
#include "linter/relation_name.h"

namespace migcheck {
namespace {

// "orders" -> "public.orders"; "app.orders" stays.
std::string qualified(const std::string& table) {
  size_t dot = table.find('.');
  return dot == std::string::npos ? qualified_name("", table)
                                  : qualified_name(table.substr(0, dot), table.substr(dot + 1));
}

double row_count(const nlohmann::json& value, const std::string& where) {
  if (!value.is_number() || value.get<double>() < 0) {
    throw InputError(where + ": a row count must be a number, 0 or more");
  }
  return value.get<double>();
}

// "FILE:LINE:COL" of the 1-based byte `offset` of `text`.
std::string position(const std::string& path, const std::string& text, size_t offset) {
  int line = 1, column = 1;
  for (size_t i = 0; i + 1 < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return path + ":" + std::to_string(line) + ":" + std::to_string(column);
}

void read_file(const std::string& path, std::map<std::string, double>& rows) {
  std::ifstream in(path);
  if (!in) throw InputError(path + ": cannot read the --table-rows file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    throw InputError(position(path, text, error.byte) + ": not JSON: " + error.what());
  }
  const std::string where = path + ":1:1";
  if (json.is_object()) {
    for (const auto& [table, count] : json.items())
      rows[qualified(table)] = row_count(count, where);
    return;
  }
  if (!json.is_array()) {
    throw InputError(where +
                     ": expected an object of table to rows, or an array of "
                     "{\"relname\", \"reltuples\"}");
  }
  for (const nlohmann::json& row : json) {
    if (!row.is_object() || !row.contains("relname") || !row["relname"].is_string()) {
      throw InputError(where + ": each array element needs \"relname\" and \"reltuples\"");
    }
    std::string schema = row.value("nspname", row.value("schemaname", std::string()));
    rows[qualified_name(schema, row["relname"].get<std::string>())] =
        row_count(row.value("reltuples", nlohmann::json()), where);
  }
}

}  // namespace

std::map<std::string, double> production_rows(const std::vector<std::string>& values) {
  std::map<std::string, double> rows;
  for (const std::string& value : values) {
    size_t equals = value.find('=');
    if (equals == std::string::npos) {
      read_file(value, rows);
      continue;
    }
    std::string table = value.substr(0, equals);
    std::string count = value.substr(equals + 1);
    size_t used = 0;
    double number = -1;
    try {
      number = std::stod(count, &used);
    } catch (const std::exception&) {
    }
    if (table.empty() || used != count.size() || number < 0) {
      throw InputError("--table-rows " + value + ": expected TABLE=ROWS, e.g. orders=50000000");
    }
    rows[qualified(table)] = number;
  }
  return rows;
}

}  // namespace migcheck
