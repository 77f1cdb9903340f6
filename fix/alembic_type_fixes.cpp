#include "fix/alembic_type_fixes.h"

#include "fix/alembic_call.h"
#include "fix/python_imports.h"
#include "migrations/alembic/sqlalchemy_values.h"

namespace migcheck {

namespace {

// Where a column's SQLAlchemy type is written in an op call.
struct TypeSite {
  const PyExpr* type = nullptr;
  bool column_argument = false;  // the type argument of sa.Column(name, type, ...)
};

bool is_string(const PyExpr& expr, const std::string& value) {
  return expr.kind == PyExpr::Kind::string && expr.text == value;
}

std::optional<TypeSite> type_site(const PyExpr& expr, const std::string& column) {
  if (expr.kind == PyExpr::Kind::call && expr.items.size() >= 3) {
    std::string name = construct_name(expr);
    if (name == "Column" && is_string(expr.items[1], column)) {
      return TypeSite{&expr.items[2], true};
    }
    if (name == "alter_column" && is_string(expr.items[2], column) && expr.keyword("type_")) {
      return TypeSite{expr.keyword("type_"), false};
    }
  }
  for (const PyExpr& item : expr.items) {
    if (auto site = type_site(item, column)) return site;
  }
  for (const auto& [keyword, value] : expr.keywords) {
    if (auto site = type_site(value, column)) return site;
  }
  return std::nullopt;
}

// The type rules name their column first, in backticks: "Column `at` is ...".
std::string column_of(const Finding& finding) {
  size_t open = finding.message.find('`');
  size_t close = finding.message.find('`', open + 1);
  if (open == std::string::npos || close == std::string::npos) return "";
  return finding.message.substr(open + 1, close - open - 1);
}

// What a type fix works with: the revision module, the type expression and
// the edits made so far.
struct TypeEdit {
  const PyModule& module;
  const std::string& path;
  const PyExpr& type;
  std::vector<TextEdit> edits;

  // The class the type names: sa.DateTime of sa.DateTime(precision=3).
  const PyExpr& type_class() const {
    return type.kind == PyExpr::Kind::call ? type.items[0] : type;
  }
  void replace(const PyExpr& expr, std::string text) {
    edits.push_back({path, expr.begin, expr.end, std::move(text)});
  }
  void insert(size_t at, std::string text) { edits.push_back({path, at, at, std::move(text)}); }
  std::string sqlalchemy() {
    return module_reference_or_import(module, path, "sqlalchemy", "sa", "import sqlalchemy as sa",
                                      edits);
  }
};

// DateTime(timezone=True): the argument set or added, the rest kept.
void with_timezone(TypeEdit& edit) {
  const PyExpr& type = edit.type;
  if (type.kind != PyExpr::Kind::call) return edit.insert(type.end, "(timezone=True)");
  if (const PyExpr* timezone = type.keyword("timezone")) return edit.replace(*timezone, "True");
  if (type.items.size() > 1) return edit.replace(type.items[1], "True");  // timezone comes first
  std::string_view text =
      std::string_view(edit.module.source).substr(type.begin, type.end - type.begin);
  if (auto added = with_keyword(text, "timezone=True")) return edit.replace(type, *added);
  size_t open = edit.module.source.find('(', edit.type_class().end);
  edit.insert(open + 1, "timezone=True");
}

// Integer → BigInteger in the spelling the type is written in; a bare name
// goes through the sqlalchemy module, which names BigInteger for sure.
void with_bigint(TypeEdit& edit, const std::string& name) {
  const PyExpr& type_class = edit.type_class();
  std::string bigger = name == "Integer" || name == "SmallInteger" ? "BigInteger" : "BIGINT";
  if (type_class.kind != PyExpr::Kind::attribute) {
    return edit.replace(type_class, edit.sqlalchemy() + ".BigInteger");
  }
  size_t name_begin = type_class.end - type_class.text.size();
  edit.edits.push_back({edit.path, name_begin, type_class.end, bigger});
}

}  // namespace

std::optional<Fix> alembic_type_fix(const MigrationSet& set, const Finding& finding) {
  auto call = call_at(set, finding.location);
  if (!call) return std::nullopt;
  PyModule module;
  auto expr = call_expression(*call, module);
  if (!expr) return std::nullopt;
  auto site = type_site(*expr, column_of(finding));
  if (!site) return std::nullopt;

  TypeEdit edit{module, call->path(), *site->type, {}};
  std::string name = construct_name(*site->type);
  std::string title;
  if (finding.rule == "prefer-timestamptz" && (name == "DateTime" || name == "TIMESTAMP")) {
    with_timezone(edit);
    title = "Use timestamptz: " + name + "(timezone=True)";
  } else if (finding.rule == "prefer-jsonb" && name == "JSON") {
    std::string postgresql = module_reference_or_import(
        module, edit.path, "sqlalchemy.dialects.postgresql", "postgresql",
        "from sqlalchemy.dialects import postgresql", edit.edits);
    edit.replace(edit.type_class(), postgresql + ".JSONB");
    title = "Use jsonb: " + postgresql + ".JSONB";
  } else if (finding.rule == "banning-char" && (name == "CHAR" || name == "NCHAR")) {
    std::string text = edit.sqlalchemy() + ".Text()";
    edit.replace(*site->type, text);
    title = "Use text: " + text;
  } else if (finding.rule == "prefer-bigint" &&
             (name == "Integer" || name == "SmallInteger" || name == "INTEGER" || name == "INT" ||
              name == "SMALLINT")) {
    with_bigint(edit, name);
    title = "Use bigint: BigInteger";
  } else if (finding.rule == "prefer-identity" && site->column_argument) {
    std::string identity = edit.sqlalchemy() + ".Identity()";
    edit.insert(site->type->end, ", " + identity);
    title = "Use an identity column: " + identity;
  } else {
    return std::nullopt;
  }
  return Fix{finding.rule, std::move(title), true, false, std::move(edit.edits)};
}

}  // namespace migcheck
