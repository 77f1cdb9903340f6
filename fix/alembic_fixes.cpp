#include "fix/alembic_fixes.h"

#include <algorithm>
#include <cctype>

#include "fix/alembic_call.h"
#include "fix/alembic_type_fixes.h"
#include "fix/follow_up_migration.h"
#include "fix/layout_fixes.h"
#include "linter/input_error.h"
#include "migrations/alembic/python_module.h"
#include "migrations/alembic/sql_text.h"
#include "migrations/alembic/sqlalchemy_values.h"
#include "rules/fix_support.h"

namespace migcheck {

namespace {

constexpr std::string_view kIndent = "    ";

// The blanks before the call on its line, when nothing else is there.
std::optional<std::string> own_line_indent(const OpCall& call) {
  const std::string& text = call.text();
  size_t start = line_start(text, call.begin);
  std::string indent = text.substr(start, call.begin - start);
  if (indent.find_first_not_of(" \t") != std::string::npos) return std::nullopt;
  size_t after = text.find_first_not_of(" \t", call.end);
  if (after != std::string::npos && text[after] != '\n' && text[after] != '\r' &&
      text[after] != '#') {
    return std::nullopt;  // `op.x(); op.y()` or a call inside an expression
  }
  return indent;
}

// The name the call goes through ("op" of op.create_index).
std::string_view callee_object(std::string_view call) {
  return call.substr(0, call.find('.'));
}

// `edits` (inside the call) applied to its text.
std::string call_with_edits(const OpCall& call, std::vector<TextEdit> edits) {
  std::string text(call.call());
  std::sort(edits.begin(), edits.end(),
            [](const TextEdit& a, const TextEdit& b) { return a.begin > b.begin; });
  for (const TextEdit& edit : edits) {
    text.replace(edit.begin - call.begin, edit.end - edit.begin, edit.replacement);
  }
  return text;
}

// The call moved into an autocommit block at its own indentation: its
// continuation lines go one level deeper with it.
std::optional<TextEdit> wrapped(const OpCall& call, const std::string& new_call) {
  auto indent = own_line_indent(call);
  if (!indent) return std::nullopt;
  std::string body;
  for (size_t i = 0; i < new_call.size(); ++i) {
    body += new_call[i];
    bool blank_line_follows =
        i + 1 < new_call.size() && (new_call[i + 1] == '\n' || new_call[i + 1] == '\r');
    if (new_call[i] == '\n' && !blank_line_follows) body += kIndent;
  }
  std::string replacement = "with " + std::string(callee_object(new_call)) +
                            ".get_context().autocommit_block():\n" + *indent +
                            std::string(kIndent) + body;
  return TextEdit{call.unit->map.file()->path(), call.begin, call.end, replacement};
}

std::optional<Fix> concurrently_call_fix(const MigrationSet& set, const Finding& finding,
                                         std::string_view method, std::string title) {
  auto call = call_at(set, finding.location);
  if (!call) return std::nullopt;
  std::string_view text = call->call();
  std::string_view object = callee_object(text);
  if (object != "op" || !text.substr(object.size()).starts_with("." + std::string(method) + "(") ||
      text.find("postgresql_concurrently") != std::string_view::npos) {
    return std::nullopt;
  }
  auto fixed = with_keyword(text, "postgresql_concurrently=True");
  if (!fixed) return std::nullopt;
  std::optional<TextEdit> edit =
      call->unit->transactional
          ? wrapped(*call, *fixed)
          : TextEdit{call->unit->map.file()->path(), call->begin, call->end, *fixed};
  if (!edit) return std::nullopt;
  return Fix{finding.rule, std::move(title), false, false, {std::move(*edit)}};
}

// The function of the module (upgrade, downgrade) that holds `offset`.
const PyStatement* function_around(const PyModule& module, size_t offset) {
  for (const PyStatement& statement : module.statements) {
    if (!statement.compound || statement.body.empty() ||
        statement.keyword(module.source, module.tokens) != "def") {
      continue;
    }
    const PyStatement& last = statement.body.back();
    if (module.tokens[statement.first].begin <= offset &&
        offset < module.tokens[last.last - 1].end) {
      return &statement;
    }
  }
  return nullptr;
}

bool is_docstring(const PyModule& module, const PyStatement& statement) {
  return !statement.compound && statement.last == statement.first + 1 &&
         module.tokens[statement.first].kind == PyToken::Kind::string;
}

// The file offset where a 1-based line starts.
size_t line_offset(const std::string& text, int line) {
  size_t offset = 0;
  for (int i = 1; i < line; ++i) {
    size_t newline = text.find('\n', offset);
    if (newline == std::string::npos) break;
    offset = newline + 1;
  }
  return offset;
}

// The start of the comment lines right above the line at `start`: a
// `# migcheck:ignore` there belongs to the statement below, so nothing may be
// put between them.
size_t above_leading_comments(const std::string& text, size_t start) {
  while (start > 0) {
    size_t previous_end = start - 1;  // its '\n'
    if (previous_end > 0 && text[previous_end - 1] == '\r') --previous_end;
    size_t previous = line_start(text, previous_end);
    size_t first = text.find_first_not_of(" \t", previous);
    if (first >= previous_end || text[first] != '#') break;
    start = previous;
  }
  return start;
}

// The revision file a finding points into, as the lint read it.
std::shared_ptr<const SourceFile> file_of(const MigrationSet& set, const std::string& path) {
  for (const Revision& revision : set.revisions) {
    for (const SqlUnit& unit : revision.up) {
      if (unit.map.file() && unit.map.file()->path() == path) return unit.map.file();
    }
  }
  return nullptr;
}

// op.execute("SET ...") before the first statement (after the docstring) of
// the function the finding is in, at that statement's indentation.
std::optional<Fix> timeout_call_fix(const MigrationSet& set, const Finding& finding) {
  auto file = file_of(set, finding.location.file);
  if (!file) return std::nullopt;
  PyModule module;
  try {
    module = read_python_module(file->text(), file->path());
  } catch (const InputError&) {
    return std::nullopt;  // the lint reported it
  }
  const PyStatement* function =
      function_around(module, line_offset(file->text(), finding.location.line));
  if (!function) return std::nullopt;
  const auto& body = function->body;
  const PyStatement& first =
      is_docstring(module, body.front()) && body.size() > 1 ? body[1] : body.front();
  size_t at = module.tokens[first.first].begin;
  size_t start = line_start(file->text(), at);
  std::string indent = file->text().substr(start, at - start);
  if (indent.find_first_not_of(" \t") != std::string::npos) return std::nullopt;
  start = above_leading_comments(file->text(), start);
  std::string set_sql = timeout_setting(finding.rule);
  return Fix{finding.rule,
             set_sql + " at the top",
             false,
             false,
             {{file->path(), start, start, indent + "op.execute(\"" + set_sql + "\")\n"}}};
}

// The positional argument `index` of a call, or its keyword `name`.
const PyExpr* argument(const PyExpr& call, size_t index, std::string_view name) {
  if (const PyExpr* keyword = call.keyword(name)) return keyword;
  return index < call.items.size() ? &call.items[index] : nullptr;
}

// The SQL migcheck generated for the call, without its semicolon.
std::string generated_sql(const OpCall& call) {
  for (const SourceMap::Segment& segment : call.unit->map.segments()) {
    if (segment.file_begin != call.begin || segment.file_end != call.end) continue;
    std::string sql = call.unit->sql.substr(segment.sql_begin, segment.sql_end - segment.sql_begin);
    while (!sql.empty() &&
           (sql.back() == ';' || std::isspace(static_cast<unsigned char>(sql.back())))) {
      sql.pop_back();
    }
    return sql;
  }
  return "";
}

// op.create_foreign_key / op.create_check_constraint with
// postgresql_not_valid=True (SQLAlchemy 1.4.32+ passes it to the constraint,
// which renders NOT VALID), and its VALIDATE CONSTRAINT for a new revision.
std::optional<Fix> not_valid_call_fix(const MigrationSet& set, const Finding& finding) {
  auto call = call_at(set, finding.location);
  if (!call) return std::nullopt;
  PyModule module;
  auto expr = call_expression(*call, module);
  if (!expr || expr->kind != PyExpr::Kind::call || expr->has_star_args) return std::nullopt;
  std::string method = construct_name(*expr);
  bool foreign_key = method == "create_foreign_key";
  if (!foreign_key && method != "create_check_constraint") return std::nullopt;
  const PyExpr* name = argument(*expr, 1, "constraint_name");
  const PyExpr* table = argument(*expr, 2, foreign_key ? "source_table" : "table_name");
  const PyExpr* schema = expr->keyword(foreign_key ? "source_schema" : "schema");
  if (!name || !table || name->kind != PyExpr::Kind::string ||
      table->kind != PyExpr::Kind::string || (schema && schema->kind != PyExpr::Kind::string)) {
    return std::nullopt;  // VALIDATE needs the name, which a naming convention would make
  }
  auto fixed = with_keyword(call->call(), "postgresql_not_valid=True");
  if (!fixed) return std::nullopt;
  Fix fix{finding.rule,
          "Add it NOT VALID and VALIDATE it in a new revision",
          true,
          false,
          {{call->path(), call->begin, call->end, *fixed}}};
  // Undoing the validation: the constraint dropped and added NOT VALID again,
  // as the call's SQL adds it.
  std::string prefix =
      "ALTER TABLE " + qualified_name(schema ? schema->text : "", table->text) + " ";
  std::string constraint = quote_identifier(name->text);
  std::string add_sql = generated_sql(*call);
  if (add_sql.empty() || !add_follow_up_migration(
                             set, fix, {prefix + "VALIDATE CONSTRAINT " + constraint},
                             {prefix + "DROP CONSTRAINT " + constraint, add_sql + " NOT VALID"})) {
    return std::nullopt;
  }
  return fix;
}

}  // namespace

void add_alembic_fixes(const MigrationSet& set, Finding& finding) {
  if (set.format != MigrationFormat::alembic) return;
  // A timeout goes first in the function as a call of its own, not into
  // whichever op.execute literal happens to open the unit.
  if (!timeout_setting(finding.rule).empty()) finding.fixes.clear();
  if (!finding.fixes.empty()) return;
  std::optional<Fix> fix;
  if (finding.rule == "creating-index-non-concurrently") {
    fix = concurrently_call_fix(set, finding, "create_index",
                                "Create the index CONCURRENTLY, in an autocommit block");
  } else if (finding.rule == "dropping-index-non-concurrently") {
    fix = concurrently_call_fix(set, finding, "drop_index",
                                "Drop the index CONCURRENTLY, in an autocommit block");
  } else if (!timeout_setting(finding.rule).empty()) {
    fix = timeout_call_fix(set, finding);
  } else if (finding.rule == "adding-foreign-key" || finding.rule == "adding-check-constraint") {
    fix = not_valid_call_fix(set, finding);
  } else {
    fix = alembic_type_fix(set, finding);
  }
  if (fix) finding.fixes.push_back(std::move(*fix));
}

bool wrap_alembic_call_in_autocommit_block(const MigrationSet& set, Fix& fix) {
  const SqlUnit* unit = unit_of_fix(set, fix);
  if (!unit) return false;
  if (!unit->transactional) return true;
  auto call = call_around(*unit, fix.edits.front().begin);
  if (!call || std::any_of(fix.edits.begin(), fix.edits.end(), [&](const TextEdit& edit) {
        return edit.file != fix.edits.front().file || edit.begin < call->begin ||
               edit.end > call->end;
      })) {
    return false;
  }
  auto edit = wrapped(*call, call_with_edits(*call, fix.edits));
  if (!edit) return false;
  fix.edits = {std::move(*edit)};
  return true;
}

}  // namespace migcheck
