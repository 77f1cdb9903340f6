#include "migrations/alembic/op_translator.h"

#include <algorithm>
#include <map>
#include <set>

#include "migrations/alembic/file_position.h"
#include "migrations/alembic/op_sql.h"
#include "migrations/alembic/sqlalchemy_values.h"
#include "migrations/project_rules.h"

namespace migcheck {
namespace {

constexpr const char* kUnresolvedHelp =
    "migcheck reads migrations without running Python, so it lints only op calls whose "
    "arguments are literals. Write the values inline, review this statement by hand, or lint "
    "with --sql-source alembic to ask Alembic itself for the SQL.";

// Helpers nest rarely; the bound keeps a self-calling helper from recursing forever.
constexpr int kMaxHelperDepth = 8;

using Env = std::map<std::string, PyExpr>;

// Replaces names bound to known values, so `op.add_column(TABLE, ...)` with a
// module-level TABLE = "users" reads as a literal.
PyExpr substitute(const PyExpr& expr, const Env& env) {
  if (expr.kind == PyExpr::Kind::name) {
    auto it = env.find(expr.text);
    return it == env.end() ? expr : it->second;
  }
  PyExpr out = expr;
  for (PyExpr& item : out.items) item = substitute(item, env);
  for (auto& keyword : out.keywords) keyword.second = substitute(keyword.second, env);
  return out;
}

// A value worth remembering for a name: not an alias of another name and not
// something the reader could not make out.
bool bindable(const PyExpr& value) {
  return value.kind != PyExpr::Kind::other && value.kind != PyExpr::Kind::name;
}

// Calls whose effect is output, not schema: not worth an unresolved finding.
bool is_logging(const std::string& callee) {
  std::string root = callee.substr(0, callee.find('.'));
  return root == "print" || root == "log" || root == "logger" || root == "logging" ||
         root == "warnings";
}

class Translator {
 public:
  Translator(const PyModule& module, std::shared_ptr<const SourceFile> file)
      : module_(module), file_(std::move(file)) {
    for (const PyStatement& statement : module.statements) {
      if (statement.compound && statement.keyword(module.source, module.tokens) == "def" &&
          statement.first + 1 < statement.last) {
        functions_[std::string(token_text(statement.first + 1))] = &statement;
      } else {
        for (PyAssignment& a : read_assignment(module, statement)) {
          if (bindable(a.value)) {
            module_env_[a.name] = std::move(a.value);
          } else {
            module_env_.erase(a.name);
          }
        }
      }
    }
    for (const PyToken& comment : module.comments) {
      std::string_view text = comment.text(module.source);
      if (text.find("migcheck:ignore-file") != std::string_view::npos)
        file_ignores_.push_back(&comment);
    }
  }

  TranslatedFunction run(const PyStatement& function) {
    Env env = module_env_;
    walk(function.body, env, nullptr, "", 0);
    TranslatedFunction out;
    for (SqlUnit& unit : units_) {
      if (has_statement_.count(&unit - units_.data())) out.units.push_back(std::move(unit));
    }
    out.findings = std::move(findings_);
    return out;
  }

 private:
  std::string_view token_text(size_t i) const { return module_.tokens[i].text(module_.source); }

  // The last token index of a statement, its block included.
  size_t last_token(const PyStatement& statement) const {
    return statement.body.empty() ? statement.last : last_token(statement.body.back());
  }

  void unresolved(size_t begin, size_t end, const std::string& message) {
    Finding finding;
    finding.rule = std::string(kUnresolvedOperation.id);
    finding.severity = kUnresolvedOperation.severity;
    finding.message = message;
    finding.help = kUnresolvedHelp;
    finding.location = location_in(*file_, begin, end);
    findings_.push_back(std::move(finding));
  }

  void walk(const std::vector<PyStatement>& body, Env& env, const BatchTable* batch,
            std::string_view batch_alias, int depth) {
    for (const PyStatement& statement : body) {
      if (statement.compound) {
        compound(statement, env, batch, batch_alias, depth);
      } else {
        simple(statement, env, batch, batch_alias, depth);
      }
    }
  }

  // The op.<name>( / alias.<name>( calls within a token range, for messages.
  std::vector<std::string> op_calls_in(size_t first, size_t last, std::string_view alias) const {
    std::vector<std::string> calls;
    for (size_t i = first; i + 3 < last; ++i) {
      std::string_view root = token_text(i);
      if ((root == "op" || (!alias.empty() && root == alias)) && token_text(i + 1) == "." &&
          module_.tokens[i + 2].kind == PyToken::Kind::name && token_text(i + 3) == "(") {
        std::string call = std::string(root) + "." + std::string(token_text(i + 2));
        if (std::find(calls.begin(), calls.end(), call) == calls.end()) calls.push_back(call);
      }
    }
    return calls;
  }

  bool has_call(size_t first, size_t last) const {
    for (size_t i = first + 1; i < last; ++i) {
      if (token_text(i) == "(" && (module_.tokens[i - 1].kind == PyToken::Kind::name ||
                                   token_text(i - 1) == ")" || token_text(i - 1) == "]")) {
        return true;
      }
    }
    return false;
  }

  void compound(const PyStatement& statement, Env& env, const BatchTable* batch,
                std::string_view batch_alias, int depth) {
    std::string_view keyword = statement.keyword(module_.source, module_.tokens);
    if (keyword == "with") {
      with_block(statement, env, batch, batch_alias, depth);
      return;
    }
    if (keyword == "def" || keyword == "class") return;  // defined, not run here
    size_t last = last_token(statement);
    if (!has_call(statement.first, last)) return;
    std::vector<std::string> calls = op_calls_in(statement.first, last, batch_alias);
    std::string message = "`" + std::string(keyword) + "` block not translated to SQL";
    if (!calls.empty()) {
      message += ": it runs ";
      for (size_t i = 0; i < calls.size(); ++i) message += (i ? ", " : "") + calls[i] + "()";
      message += " depending on values known only when Python runs, so that SQL is not linted";
    } else {
      message += ": its code runs only in Python, so what it does to the database is not linted";
    }
    const PyToken& colon = module_.tokens[statement.last];
    unresolved(module_.tokens[statement.first].begin, colon.end, message);
  }

  void with_block(const PyStatement& statement, Env& env, const BatchTable* batch,
                  std::string_view batch_alias, int depth) {
    PyExprReader reader(module_.source, module_.tokens, statement.first + 1, statement.last);
    PyExpr context = substitute(reader.read(), env);
    std::string alias;
    if (reader.at_name("as")) {
      reader.skip();
      if (!reader.at_end()) alias = token_text(reader.position());
    }
    std::string dotted = context.dotted();
    if (context.kind == PyExpr::Kind::call && dotted == "op.batch_alter_table()") {
      try {
        BatchTable table;
        const PyExpr* name =
            context.items.size() >= 2 ? &context.items[1] : context.keyword("table_name");
        if (!name)
          throw UnresolvedArgument("batch_alter_table without a table name", context.begin);
        table.name = string_value(*name, "the batch table name");
        const PyExpr* schema =
            context.items.size() >= 3 ? &context.items[2] : context.keyword("schema");
        table.schema = optional_string(schema, "the batch schema").value_or("");
        if (const PyExpr* recreate = context.keyword("recreate");
            recreate && recreate->kind == PyExpr::Kind::string && recreate->text == "always") {
          throw UnresolvedArgument(
              "recreate=\"always\" copies the table into a new one, which is not modelled",
              recreate->begin);
        }
        walk(statement.body, env, &table, alias, depth);
      } catch (const UnresolvedArgument& e) {
        unresolved(
            context.begin, context.end,
            "op.batch_alter_table(...) block not translated to SQL: " + std::string(e.what()));
      }
      return;
    }
    if (dotted.ends_with(".autocommit_block()")) {
      // Alembic commits the migration's transaction, runs the block outside
      // one, and begins a new transaction after it.
      transactional_ = false;
      new_unit_ = true;
      walk(statement.body, env, batch, batch_alias, depth);
      transactional_ = true;
      new_unit_ = true;
      return;
    }
    walk(statement.body, env, batch, batch_alias, depth);  // any other context runs its body once
  }

  void simple(const PyStatement& statement, Env& env, const BatchTable* batch,
              std::string_view batch_alias, int depth) {
    std::string_view keyword = statement.keyword(module_.source, module_.tokens);
    static const std::set<std::string_view> kInert = {"pass",     "import", "from",  "global",
                                                      "nonlocal", "del",    "break", "continue",
                                                      "raise",    "assert", "return"};
    if (kInert.count(keyword) &&
        !(keyword == "return" && has_call(statement.first, statement.last))) {
      return;
    }
    std::vector<PyAssignment> assignments = read_assignment(module_, statement);
    if (!assignments.empty()) {
      for (PyAssignment& a : assignments) {
        PyExpr value = substitute(a.value, env);
        if (bindable(value)) {
          env[a.name] = std::move(value);
        } else {
          env.erase(a.name);
        }
      }
      // The value of an op call or of conn.execute(...) is used, so its SQL
      // is not taken as a statement of its own.
      for (size_t i = statement.first; i + 1 < statement.last; ++i) {
        std::string_view name = token_text(i);
        bool runs_sql = module_.tokens[i].kind == PyToken::Kind::name && token_text(i + 1) == "(" &&
                        i > statement.first && token_text(i - 1) == "." &&
                        (name == "execute" || name == "exec_driver_sql" || is_translated_op(name));
        if (runs_sql) {
          unresolved(module_.tokens[statement.first].begin, module_.tokens[statement.last - 1].end,
                     "." + std::string(name) + "() in an assignment is not translated to SQL");
          break;
        }
      }
      return;
    }
    PyExprReader reader = module_.reader(statement);
    PyExpr expr = reader.read_list();
    if (expr.kind != PyExpr::Kind::call || !reader.at_end()) {
      if (has_call(statement.first, statement.last)) {
        unresolved(module_.tokens[statement.first].begin, module_.tokens[statement.last - 1].end,
                   "statement not translated to SQL: its code runs only in Python");
      }
      return;
    }
    call_statement(statement, substitute(expr, env), batch, batch_alias, depth);
  }

  void call_statement(const PyStatement& statement, const PyExpr& call, const BatchTable* batch,
                      std::string_view batch_alias, int depth) {
    std::string callee = call.items[0].dotted();
    size_t dot = callee.find('.');
    std::string root = callee.substr(0, dot);
    std::string method = dot == std::string::npos ? "" : callee.substr(dot + 1);
    bool is_op = root == "op" && method.find('.') == std::string::npos &&
                 method.find('(') == std::string::npos;
    bool is_batch_op = batch && !batch_alias.empty() && root == batch_alias &&
                       method.find('.') == std::string::npos;
    // conn = op.get_bind(); conn.execute(sa.text("...")) runs the SQL in the
    // migration's transaction, as op.execute does.
    bool is_bind_execute =
        call.items.size() == 2 && call.keywords.empty() &&
        (callee == "op.get_bind().execute" || callee == "op.get_bind().exec_driver_sql");
    if (is_op || is_batch_op || is_bind_execute) {
      if (is_bind_execute) method = "execute";
      emit_suppressions(statement);
      try {
        if (method == "execute") {
          execute(call);
        } else {
          for (const std::string& sql :
               translate_op_call(method, call, is_batch_op ? batch : nullptr)) {
            emit_generated(sql, call.begin, call.end);
          }
        }
      } catch (const UnresolvedArgument& e) {
        unresolved(
            call.begin, call.end,
            callee + "(...) not translated to SQL: " + e.what() + ", so its SQL is not linted");
      }
      return;
    }
    if (dot == std::string::npos && functions_.count(callee) && call.items.size() == 1 &&
        call.keywords.empty() && !call.has_star_args && depth < kMaxHelperDepth) {
      Env helper_env = module_env_;
      walk(functions_[callee]->body, helper_env, batch, batch_alias, depth + 1);
      return;
    }
    if (is_logging(callee)) return;
    std::string shown = callee.empty() ? "a call" : callee + "(...)";
    unresolved(call.begin, call.end,
               shown + " not translated to SQL: migcheck cannot see what it does to the database");
  }

  void execute(const PyExpr& call) {
    const PyExpr* sql = call.items.size() >= 2 ? &call.items[1] : call.keyword("sqltext");
    if (!sql) throw UnresolvedArgument("op.execute without SQL", call.begin);
    const PyExpr& literal = sql_text_literal(*sql, "the SQL");
    emit_literal(literal, call.begin, call.end);
  }

  // --- output -------------------------------------------------------------

  SqlUnit& unit() {
    if (new_unit_ || units_.empty()) {
      SqlUnit unit;
      unit.map = SourceMap(file_);
      unit.transactional = transactional_;
      units_.push_back(std::move(unit));
      new_unit_ = false;
      for (const PyToken* comment : file_ignores_) append_comment(units_.back(), *comment);
    }
    return units_.back();
  }

  void mark_statement() { has_statement_.insert(units_.size() - 1); }

  static void append(SqlUnit& unit, const std::string& text, size_t file_begin, size_t file_end,
                     bool exact) {
    if (text.empty()) return;
    size_t begin = unit.sql.size();
    unit.sql += text;
    unit.map.add({begin, unit.sql.size(), file_begin, file_end, exact});
  }

  // "# migcheck:ignore rule reason" becomes "-- migcheck:ignore rule reason".
  void append_comment(SqlUnit& unit, const PyToken& comment) {
    std::string_view text = comment.text(module_.source);
    text.remove_prefix(1);
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    append(unit, "-- " + std::string(text) + "\n", comment.begin, comment.end, false);
  }

  void emit_suppressions(const PyStatement& statement) {
    const PyToken& first = module_.tokens[statement.first];
    const PyToken& last = module_.tokens[statement.last - 1];
    for (const PyToken* comment : module_.comments_on(first.line - 1, last.line)) {
      std::string_view text = comment->text(module_.source);
      // On the line above, only a comment standing alone belongs to this call.
      if (comment->line < first.line && !stands_alone(*comment)) continue;
      if (text.find("migcheck:ignore") != std::string_view::npos &&
          text.find("migcheck:ignore-file") == std::string_view::npos) {
        pending_comments_.push_back(comment);
      }
    }
  }

  bool stands_alone(const PyToken& comment) const {
    size_t line_start = module_.source.find_last_of("\r\n", comment.begin);
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    std::string_view before = module_.source.substr(line_start, comment.begin - line_start);
    return before.find_first_not_of(" \t\f") == std::string_view::npos;
  }

  void flush_comments(SqlUnit& target) {
    for (const PyToken* comment : pending_comments_) append_comment(target, *comment);
    pending_comments_.clear();
  }

  void emit_generated(const std::string& sql, size_t call_begin, size_t call_end) {
    SqlUnit& target = unit();
    flush_comments(target);
    append(target, sql + ";\n", call_begin, call_end, false);
    mark_statement();
  }

  void emit_literal(const PyExpr& literal, size_t call_begin, size_t call_end) {
    const std::string& sql = literal.text;
    size_t last = sql.find_last_not_of(" \t\r\n\f\v");
    if (last == std::string::npos) {
      pending_comments_.clear();
      return;  // nothing to run
    }
    SqlUnit& target = unit();
    flush_comments(target);
    size_t offset = target.sql.size();
    target.sql += sql;
    for (const StringPiece& piece : literal.pieces) {
      target.map.add({offset + piece.value_begin, offset + piece.value_end, piece.file_begin,
                      piece.file_end, piece.exact});
    }
    // Close the last statement unless the SQL does; a trailing -- comment
    // would swallow a semicolon on its own line.
    size_t line_start = sql.find_last_of("\n", last);
    std::string_view last_line =
        std::string_view(sql).substr(line_start == std::string::npos ? 0 : line_start + 1);
    std::string tail = sql[last] == ';'                                 ? "\n"
                       : last_line.find("--") != std::string_view::npos ? "\n;\n"
                                                                        : ";\n";
    append(target, tail, call_begin, call_end, false);
    mark_statement();
  }

  const PyModule& module_;
  std::shared_ptr<const SourceFile> file_;
  std::map<std::string, const PyStatement*> functions_;
  Env module_env_;
  std::vector<const PyToken*> file_ignores_;
  std::vector<const PyToken*> pending_comments_;
  std::vector<SqlUnit> units_;
  std::set<size_t> has_statement_;
  std::vector<Finding> findings_;
  bool transactional_ = true;
  bool new_unit_ = true;
};

}  // namespace

TranslatedFunction translate_function(const PyModule& module,
                                      const std::shared_ptr<const SourceFile>& file,
                                      const PyStatement& function) {
  return Translator(module, file).run(function);
}

}  // namespace migcheck
