#include "linter/plpgsql_statements.h"

#include <pg_query.h>

#include <cctype>
#include <string_view>

#include "linter/json_tree.h"

namespace migcheck {

namespace {

struct Literal {
  std::string value;     // the string's contents
  std::string_view raw;  // the contents as written between the quotes
};

// The value of a string literal expression: '...' (doubled quotes undone) or
// $tag$...$tag$. Anything else (concatenation, format(), E'' escapes) is nullopt.
std::optional<Literal> string_literal(std::string_view expression) {
  while (!expression.empty() && std::isspace(static_cast<unsigned char>(expression.front()))) {
    expression.remove_prefix(1);
  }
  while (!expression.empty() && std::isspace(static_cast<unsigned char>(expression.back()))) {
    expression.remove_suffix(1);
  }
  if (expression.size() >= 2 && expression.front() == '\'' && expression.back() == '\'') {
    std::string_view raw = expression.substr(1, expression.size() - 2);
    std::string value;
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '\'') {
        if (i + 1 >= raw.size() || raw[i + 1] != '\'') return std::nullopt;  // 'a' || 'b'
        ++i;
      }
      value += raw[i];
    }
    return Literal{value, raw};
  }
  if (expression.starts_with('$')) {
    size_t tag_end = expression.find('$', 1);
    if (tag_end == std::string_view::npos) return std::nullopt;
    std::string_view tag = expression.substr(0, tag_end + 1);
    if (expression.size() < 2 * tag.size() || !expression.ends_with(tag)) return std::nullopt;
    std::string_view raw = expression.substr(tag.size(), expression.size() - 2 * tag.size());
    if (raw.find(tag) != std::string_view::npos) return std::nullopt;
    return Literal{std::string(raw), raw};
  }
  return std::nullopt;
}

class Collector {
 public:
  explicit Collector(const Statement& statement)
      : statement_(statement), text_(statement.text()), cursor_(0) {}

  // Walks the function tree in document order.
  void walk(const JsonNode& node) {
    if (node.is_object()) {
      if (const JsonNode& sql = node["PLpgSQL_stmt_execsql"]) {
        add(sql["sqlstmt"]["PLpgSQL_expr"]["query"].str());
      } else if (node["PLpgSQL_stmt_commit"] || node["PLpgSQL_stmt_rollback"]) {
        // Transaction control (PostgreSQL 11+) ends the block's transaction
        // and its locks; a new one starts at once.
        add(node["PLpgSQL_stmt_commit"] ? "COMMIT" : "ROLLBACK");
      } else if (const JsonNode& dynamic = node["PLpgSQL_stmt_dynexecute"]) {
        std::string expression = dynamic["query"]["PLpgSQL_expr"]["query"].str();
        if (auto literal = string_literal(expression)) add_literal(expression, *literal);
      }
    }
    if (node.is_object() || node.is_array()) {
      for (const JsonNode& child : node) walk(child);
    }
  }

  std::vector<EmbeddedSql> statements;

 private:
  // The offset of `needle` in the DO statement's text, searching on from the
  // previous statement's end first, so repeated texts map in order.
  std::optional<size_t> find(std::string_view needle) {
    size_t at = text_.find(needle, cursor_);
    if (at == std::string_view::npos) at = text_.find(needle);
    if (at == std::string_view::npos) return std::nullopt;
    cursor_ = at + needle.size();
    return at;
  }

  Span first_line() const {
    size_t newline = text_.find('\n');
    return statement_.in_unit(
        {statement_.begin,
         statement_.begin + (newline == std::string_view::npos ? text_.size() : newline)});
  }

  void add(std::string text) {
    EmbeddedSql embedded{std::move(text), std::nullopt, first_line()};
    if (auto at = find(embedded.text); at && !statement_.anchor) {
      embedded.offset = statement_.begin + *at;
    } else if (at) {
      embedded.anchor = *statement_.anchor;
    }
    statements.push_back(std::move(embedded));
  }

  void add_literal(const std::string& expression, const Literal& literal) {
    if (literal.value == literal.raw) {
      add(literal.value);
      return;
    }
    EmbeddedSql embedded{literal.value, std::nullopt, first_line()};
    if (auto at = find(expression); at) {
      embedded.anchor =
          statement_.in_unit({statement_.begin + *at, statement_.begin + *at + expression.size()});
    }
    statements.push_back(std::move(embedded));
  }

  const Statement& statement_;
  std::string_view text_;
  size_t cursor_;
};

bool is_plpgsql(const Statement& do_statement) {
  for (const JsonNode& arg : do_statement.body["args"]) {
    const JsonNode& option = arg.body();
    if (option["defname"].str() == "language") {
      return option["arg"]["String"]["sval"].str() == "plpgsql";
    }
  }
  return true;  // PL/pgSQL is DO's default language
}

}  // namespace

DoBlockSql do_block_statements(const Statement& do_statement) {
  DoBlockSql result;
  if (do_statement.type != "DoStmt" || !is_plpgsql(do_statement)) return result;
  std::string text(do_statement.text());
  PgQueryPlpgsqlParseResult parsed = pg_query_parse_plpgsql(text.c_str());
  if (parsed.error) {
    result.error = parsed.error->message;
  } else {
    JsonDocument document(parsed.plpgsql_funcs);
    Collector collector(do_statement);
    collector.walk(document.root());
    result.statements = std::move(collector.statements);
  }
  pg_query_free_plpgsql_parse_result(parsed);
  return result;
}

}  // namespace migcheck
