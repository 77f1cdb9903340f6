#include "migrations/alembic/sqlalchemy_values.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "linter/ascii_text.h"
#include "migrations/alembic/sql_text.h"

namespace migcheck {
namespace {

[[noreturn]] void unresolved(const PyExpr& expr, std::string_view what) {
  throw UnresolvedArgument(std::string(what) + " is not a literal value", expr.begin);
}

std::string last_part(const std::string& dotted) {
  size_t dot = dotted.rfind('.');
  return dot == std::string::npos ? dotted : dotted.substr(dot + 1);
}

// SQL functions SQLAlchemy writes without parentheses (ANSI niladic forms).
constexpr std::array<std::string_view, 8> kNiladic = {
    "current_date", "current_time",   "current_timestamp", "current_user",
    "localtime",    "localtimestamp", "session_user",      "user"};

// sa.column("email") or sa.Column("email") of no table, which SQLAlchemy
// renders as the bare column name (ckan's index over
// sa.func.lower(sa.Column('email'))).
std::optional<std::string> unattached_column(const PyExpr& expr) {
  if (expr.kind != PyExpr::Kind::call || expr.items.size() != 2 || !expr.keywords.empty() ||
      expr.has_star_args || expr.items[1].kind != PyExpr::Kind::string) {
    return std::nullopt;
  }
  std::string name = last_part(expr.items[0].dotted());
  if (name != "column" && name != "Column") return std::nullopt;
  return expr.items[1].text;
}

std::string render_function(const PyExpr& call) {
  // sa.func.now(), func.coalesce(...), sa.func.pg_catalog.now()
  std::string callee = call.items[0].dotted();
  size_t at = callee.find("func.");
  std::string name = callee.substr(at + 5);
  std::string lower = ascii_lower(name);
  if (call.items.size() == 1 && call.keywords.empty() &&
      std::find(kNiladic.begin(), kNiladic.end(), lower) != kNiladic.end()) {
    std::string upper = name;
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return std::toupper(c); });
    return upper;
  }
  std::string out = name + "(";
  for (size_t i = 1; i < call.items.size(); ++i) {
    if (i > 1) out += ", ";
    const PyExpr& arg = call.items[i];
    if (arg.kind == PyExpr::Kind::string) {
      out += quote_literal(arg.text);  // SQLAlchemy binds it; offline it renders as a literal
    } else if (std::optional<std::string> column = unattached_column(arg)) {
      out += quote_identifier(*column);
    } else if (arg.kind == PyExpr::Kind::number) {
      out += arg.text;
    } else {
      out += render_sql_expression(arg, "a function argument");
    }
  }
  if (!call.keywords.empty() || call.has_star_args) unresolved(call, "a function call's argument");
  return out + ")";
}

bool is_func_call(const PyExpr& expr) {
  if (expr.kind != PyExpr::Kind::call) return false;
  std::string callee = expr.items[0].dotted();
  return callee.rfind("func.", 0) == 0 || callee.find(".func.") != std::string::npos;
}

}  // namespace

std::string construct_name(const PyExpr& expr) {
  if (expr.kind == PyExpr::Kind::call) return last_part(expr.items[0].dotted());
  if (expr.kind == PyExpr::Kind::name || expr.kind == PyExpr::Kind::attribute) {
    return last_part(expr.dotted());
  }
  return "";
}

bool is_construct(const PyExpr& expr, std::string_view name) {
  return construct_name(expr) == name;
}

std::string string_value(const PyExpr& expr, std::string_view what) {
  if (expr.kind == PyExpr::Kind::string) return expr.text;
  if ((is_construct(expr, "f") || is_construct(expr, "quoted_name") ||
       is_construct(expr, "conv")) &&
      expr.kind == PyExpr::Kind::call && expr.items.size() >= 2) {
    return string_value(expr.items[1], what);
  }
  unresolved(expr, what);
}

std::optional<std::string> optional_string(const PyExpr* expr, std::string_view what) {
  if (!expr || expr->kind == PyExpr::Kind::none) return std::nullopt;
  return string_value(*expr, what);
}

std::vector<std::string> string_list(const PyExpr& expr, std::string_view what) {
  if (expr.kind == PyExpr::Kind::string) return {expr.text};
  if (expr.kind != PyExpr::Kind::list && expr.kind != PyExpr::Kind::tuple) unresolved(expr, what);
  std::vector<std::string> out;
  for (const PyExpr& item : expr.items) out.push_back(string_value(item, what));
  return out;
}

bool bool_value(const PyExpr* expr, bool fallback, std::string_view what) {
  if (!expr || expr->kind == PyExpr::Kind::none) return fallback;
  if (expr->kind == PyExpr::Kind::boolean) return expr->text == "True";
  if (expr->kind == PyExpr::Kind::number) return expr->text != "0";
  unresolved(*expr, what);
}

std::string number_value(const PyExpr& expr, std::string_view what) {
  if (expr.kind == PyExpr::Kind::number) return expr.text;
  unresolved(expr, what);
}

const PyExpr& sql_text_literal(const PyExpr& expr, std::string_view what) {
  if (expr.kind == PyExpr::Kind::string) return expr;
  if (expr.kind == PyExpr::Kind::call && is_construct(expr, "text") && expr.items.size() == 2 &&
      expr.items[1].kind == PyExpr::Kind::string) {
    return expr.items[1];
  }
  unresolved(expr, what);
}

std::string render_server_default(const PyExpr& expr) {
  if (expr.kind == PyExpr::Kind::string) return quote_literal(expr.text);
  return render_sql_expression(expr, "server_default");
}

std::optional<std::string> sequence_name(const PyExpr& expr) {
  if (expr.kind != PyExpr::Kind::call || !is_construct(expr, "Sequence")) return std::nullopt;
  if (expr.items.size() != 2 || expr.has_star_args) {
    throw UnresolvedArgument("a Sequence other than Sequence(name)", expr.begin);
  }
  for (const auto& keyword : expr.keywords) {
    if (keyword.first != "schema") {
      throw UnresolvedArgument("a Sequence argument migcheck does not model: " + keyword.first,
                               keyword.second.begin);
    }
  }
  std::string name = string_value(expr.items[1], "the sequence name");
  std::string schema = optional_string(expr.keyword("schema"), "the sequence schema").value_or("");
  return qualified_name(schema, name);
}

std::string render_sql_expression(const PyExpr& expr, std::string_view what) {
  if (expr.kind == PyExpr::Kind::string) return expr.text;
  if (expr.kind == PyExpr::Kind::number) return expr.text;
  // sequence.next_value(), onyx's server_default for a new id column.
  if (expr.kind == PyExpr::Kind::call && expr.items.size() == 1 && expr.keywords.empty() &&
      expr.items[0].kind == PyExpr::Kind::attribute && expr.items[0].text == "next_value") {
    if (std::optional<std::string> sequence = sequence_name(expr.items[0].items[0])) {
      return "nextval('" + *sequence + "')";
    }
  }
  if (expr.kind == PyExpr::Kind::call) {
    if (is_construct(expr, "text")) return sql_text_literal(expr, what).text;
    if (is_construct(expr, "literal_column") && expr.items.size() == 2) {
      return string_value(expr.items[1], what);
    }
    if (is_func_call(expr)) return render_function(expr);
    if (expr.items.size() == 1 && expr.keywords.empty()) {
      std::string name = construct_name(expr);
      if (name == "true" || name == "false" || name == "null") return name;
    }
  }
  unresolved(expr, what);
}

}  // namespace migcheck
