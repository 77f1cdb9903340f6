#include "migrations/alembic/sqlalchemy_core.h"

#include <algorithm>
#include <map>
#include <set>

#include "migrations/alembic/sql_text.h"
#include "migrations/alembic/sqlalchemy_values.h"

namespace migcheck {
namespace {

using Kind = PyExpr::Kind;

ValueType column_value_type(const PyExpr* type) {
  static const std::set<std::string, std::less<>> kStrings = {
      "String", "Text", "Unicode", "UnicodeText", "VARCHAR", "CHAR", "TEXT", "NVARCHAR"};
  static const std::set<std::string, std::less<>> kIntegers = {
      "Integer", "BigInteger", "SmallInteger", "INTEGER", "BIGINT", "SMALLINT", "INT"};
  std::string name = type ? construct_name(*type) : "";
  if (kStrings.count(name)) return ValueType::string;
  if (kIntegers.count(name)) return ValueType::integer;
  if (name == "Boolean" || name == "BOOLEAN") return ValueType::boolean;
  return ValueType::other;
}

// Whether an attribute chain names a table's column (t.c.x, t.columns.x).
bool names_column(const std::string& dotted) {
  return dotted.find(".c.") != std::string::npos || dotted.find(".columns.") != std::string::npos;
}

// A Python value, written in the file or known only to running code: in a
// Core statement it is sent as a bind parameter.
bool is_python_value(const PyExpr& value) {
  return value.kind == Kind::string || value.kind == Kind::number || value.kind == Kind::none ||
         value.kind == Kind::boolean || is_runtime_value(value);
}

// The table a column belongs to: `t.c.x` or `t.columns.x`.
std::optional<CoreTable> column_owner(const PyExpr& expr) {
  if (expr.kind != Kind::attribute || expr.items[0].kind != Kind::attribute) return std::nullopt;
  const PyExpr& collection = expr.items[0];
  if (collection.text != "c" && collection.text != "columns") return std::nullopt;
  return read_core_table(collection.items[0]);
}

bool same_table(const CoreTable& a, const CoreTable& b) {
  return a.name == b.name && a.schema == b.schema;
}

// `subquery`: inside another statement, where SQLAlchemy would correlate
// other tables with the enclosing statement's (not modelled).
std::optional<std::string> render_select(const PyExpr& select,
                                         const std::vector<const PyExpr*>& where_calls,
                                         bool distinct, bool subquery, int& parameters);

// A select given where a where clause wants rows (`t.c.id.in_(sa.select(...))`):
// the select statement's call chain, nullopt for anything else.
std::optional<std::string> render_subquery(const PyExpr& expr, int& parameters);

// Renders one Core statement, numbering its bind parameters in the order
// they appear in the SQL (a subquery's share the count).
class CoreRenderer {
 public:
  CoreRenderer(CoreTable table, int& parameters)
      : table_(std::move(table)), parameters_(parameters) {}

  std::string value(const PyExpr& value) {
    if (std::optional<std::string> sql = column(value)) return *sql;
    if (is_python_value(value)) return "$" + std::to_string(++parameters_);
    if (value.kind == Kind::call && is_construct(value, "inline_literal") &&
        value.items.size() == 2 && value.keywords.empty()) {
      // Inline when it runs; a value only running code knows stands as $n.
      if (is_runtime_value(value.items[1])) return "$" + std::to_string(++parameters_);
      return render_literal(value.items[1], ValueType::unknown);
    }
    if (value.kind == Kind::call) return render_sql_expression(value, "a value");
    throw UnresolvedArgument("a value migcheck does not model", value.begin);
  }

  // t.c.name or t.columns.name of this statement's table: its name.
  std::optional<std::string> own_column(const PyExpr& expr) const {
    std::optional<CoreTable> owner = column_owner(expr);
    if (!owner || !same_table(*owner, table_)) return std::nullopt;
    table_.column_type(expr.text, expr);  // SQLAlchemy: AttributeError for another name
    return expr.text;
  }

  // A column of any sa.table(...): its table-qualified SQL. Another table's
  // column in a where clause joins that table to the statement's FROM list
  // (UPDATE ... FROM, DELETE ... USING), in the order the clause names them,
  // as SQLAlchemy does; in values() it does not.
  std::optional<std::string> column(const PyExpr& expr) {
    std::optional<CoreTable> owner = column_owner(expr);
    if (!owner) return std::nullopt;
    owner->column_type(expr.text, expr);
    std::string table = owner->sql_name();
    if (in_where_ && !same_table(*owner, table_) &&
        std::find(froms_.begin(), froms_.end(), table) == froms_.end()) {
      froms_.push_back(table);
    }
    return table + "." + quote_identifier(expr.text);
  }

  std::string qualified(const std::string& column) const {
    return table_.sql_name() + "." + quote_identifier(column);
  }

  // One criterion of a where clause. `inside_and` parenthesises an OR, as
  // SQLAlchemy does by precedence.
  std::string criterion(const PyExpr& expr, bool inside_and) {
    if (expr.kind == Kind::binary && (expr.text == "&" || expr.text == "|")) {
      return conjunction(expr.text == "&", {&expr.items[0], &expr.items[1]}, inside_and);
    }
    if (expr.kind == Kind::call && !expr.has_star_args && expr.keywords.empty() &&
        (is_construct(expr, "and_") || is_construct(expr, "or_")) && expr.items.size() >= 2) {
      std::vector<const PyExpr*> parts;
      for (size_t i = 1; i < expr.items.size(); ++i) parts.push_back(&expr.items[i]);
      return conjunction(is_construct(expr, "and_"), parts, inside_and);
    }
    if (expr.kind == Kind::binary) return comparison(expr);
    if (expr.kind == Kind::call && expr.items[0].kind == Kind::attribute && expr.keywords.empty() &&
        !expr.has_star_args) {
      if (std::optional<std::string> sql = column(expr.items[0].items[0])) {
        return column_method(*sql, expr.items[0].text, expr);
      }
    }
    throw UnresolvedArgument("a where clause migcheck does not model", expr.begin);
  }

  std::string conjunction(bool is_and, const std::vector<const PyExpr*>& parts, bool inside_and) {
    std::string out;
    for (const PyExpr* part : parts) {
      out += (out.empty() ? "" : is_and ? " AND " : " OR ") + criterion(*part, is_and);
    }
    return !is_and && inside_and ? "(" + out + ")" : out;
  }

  std::string comparison(const PyExpr& expr) {
    std::optional<std::string> name = column(expr.items[0]);
    if (!name) throw UnresolvedArgument("a comparison not on a column of the table", expr.begin);
    const PyExpr& right = expr.items[1];
    std::string op = expr.text == "==" ? "=" : expr.text;
    if (right.kind == Kind::none && (op == "=" || op == "!=")) {
      return *name + (op == "=" ? " IS NULL" : " IS NOT NULL");
    }
    if (std::optional<std::string> other = column(right)) return *name + " " + op + " " + *other;
    if (right.kind == Kind::boolean) {
      return *name + " " + op + (right.text == "True" ? " true" : " false");
    }
    return *name + " " + op + " " + value(right);
  }

  // `name` is the column's SQL.
  std::string column_method(const std::string& name, const std::string& method,
                            const PyExpr& call) {
    if (call.items.size() != 2)
      throw UnresolvedArgument("a column method migcheck does not model", call.begin);
    const PyExpr& argument = call.items[1];
    if ((method == "is_" || method == "is_not" || method == "isnot") &&
        (argument.kind == Kind::none || argument.kind == Kind::boolean)) {
      std::string operand = argument.kind == Kind::none ? "NULL"
                            : argument.text == "True"   ? "true"
                                                        : "false";
      return name + (method == "is_" ? " IS " : " IS NOT ") + operand;
    }
    if (method == "like" || method == "ilike") {
      return name + (method == "like" ? " LIKE " : " ILIKE ") + value(argument);
    }
    // A select: `IN (SELECT ...)`; SQLAlchemy parenthesises a NOT IN.
    if (method == "in_" || method == "not_in" || method == "notin_") {
      if (std::optional<std::string> select = render_subquery(argument, parameters_)) {
        return method == "in_" ? name + " IN (" + *select + ")"
                               : "(" + name + " NOT IN (" + *select + "))";
      }
    }
    // Each item of the list is a parameter of its own when it runs.
    if (method == "in_" && (argument.kind == Kind::list || argument.kind == Kind::tuple) &&
        !argument.items.empty()) {
      std::string values;
      for (const PyExpr& item : argument.items)
        values += (values.empty() ? "" : ", ") + value(item);
      return name + " IN (" + values + ")";
    }
    throw UnresolvedArgument("the column method " + method + "() is not modelled", call.begin);
  }

  // .values(name=value, ...) or .values({"name": value}): column, value,
  // in the table's column order (the keys' order when it is not known).
  std::string assignments(const std::vector<const PyExpr*>& values_calls, bool for_insert) {
    std::vector<std::string> keys;
    std::map<std::string, const PyExpr*> values;
    auto set = [&](const std::string& key, const PyExpr* value) {
      if (!values.count(key)) keys.push_back(key);
      values[key] = value;
    };
    for (const PyExpr* call : values_calls) {
      if (call->has_star_args) throw UnresolvedArgument("**values", call->begin);
      if (call->items.size() == 2 && call->items[1].kind == Kind::dict) {
        const PyExpr& dict = call->items[1];
        for (size_t i = 0; i + 1 < dict.items.size(); i += 2) {
          set(string_value(dict.items[i], "a values() key"), &dict.items[i + 1]);
        }
      } else if (call->items.size() != 1) {
        throw UnresolvedArgument("values() of something other than a dict", call->begin);
      }
      for (const auto& [key, value] : call->keywords) set(key, &value);
    }
    if (keys.empty()) {
      throw UnresolvedArgument("values() without values", values_calls.front()->begin);
    }
    std::vector<std::string> order = keys;
    if (table_.columns_known) {
      order.clear();
      for (const auto& column : table_.columns) {
        if (values.count(column.first)) order.push_back(column.first);
      }
      if (order.size() != keys.size()) {
        throw UnresolvedArgument("values() for a column the table does not have",
                                 values_calls.front()->begin);
      }
    }
    std::string columns;
    std::string rendered;
    for (const std::string& key : order) {
      std::string v = value(*values[key]);
      columns += (columns.empty() ? "" : ", ") + quote_identifier(key);
      rendered +=
          (rendered.empty() ? "" : ", ") + (for_insert ? v : quote_identifier(key) + "=" + v);
    }
    return for_insert ? "(" + columns + ") VALUES (" + rendered + ")" : rendered;
  }

  std::string where(const std::vector<const PyExpr*>& where_calls) {
    std::vector<const PyExpr*> parts;
    for (const PyExpr* call : where_calls) {
      if (call->has_star_args || !call->keywords.empty()) {
        throw UnresolvedArgument("where() with *args or keywords", call->begin);
      }
      for (size_t i = 1; i < call->items.size(); ++i) parts.push_back(&call->items[i]);
    }
    if (parts.empty()) return "";
    in_where_ = true;
    std::string criteria = conjunction(true, parts, false);
    in_where_ = false;
    return " WHERE " + criteria;
  }

  const CoreTable& table() const { return table_; }
  // The other tables the where clause named, comma-separated; empty for none.
  std::string other_tables() const {
    std::string out;
    for (const std::string& table : froms_) out += (out.empty() ? "" : ", ") + table;
    return out;
  }

 private:
  CoreTable table_;
  int& parameters_;
  bool in_where_ = false;
  std::vector<std::string> froms_;
};

// sa.select(t) / sa.select(t.c.a, t.c.b) / select([...]) of one table, with
// where(...) criteria and .distinct(): SELECT [DISTINCT] t.a, t.b FROM t WHERE ...
std::optional<std::string> render_select(const PyExpr& select,
                                         const std::vector<const PyExpr*>& where_calls,
                                         bool distinct, bool subquery, int& parameters) {
  std::vector<const PyExpr*> selected;
  for (size_t i = 1; i < select.items.size(); ++i) {
    const PyExpr& item = select.items[i];
    if (item.kind == Kind::list && select.items.size() == 2) {  // SQLAlchemy 1.3's select([...])
      for (const PyExpr& inner : item.items) selected.push_back(&inner);
    } else {
      selected.push_back(&item);
    }
  }
  if (selected.empty()) return std::nullopt;
  std::optional<CoreTable> table = read_core_table(*selected.front());
  if (!table) table = column_owner(*selected.front());
  if (!table) return std::nullopt;
  CoreRenderer renderer(*table, parameters);
  std::string columns;
  for (const PyExpr* item : selected) {
    std::vector<std::string> names;
    if (std::optional<std::string> name = renderer.own_column(*item)) {
      names.push_back(*name);
    } else if (std::optional<CoreTable> whole = read_core_table(*item);
               whole && whole->name == table->name && whole->schema == table->schema &&
               whole->columns_known && !whole->columns.empty()) {
      for (const auto& column : whole->columns) names.push_back(column.first);
    } else {
      throw UnresolvedArgument("a select of something other than one table's columns", item->begin);
    }
    for (const std::string& name : names) {
      columns += (columns.empty() ? "" : ", ") + renderer.qualified(name);
    }
  }
  std::string where = renderer.where(where_calls);
  std::string others = renderer.other_tables();
  if (subquery && !others.empty()) {
    throw UnresolvedArgument("a subquery over several tables", select.begin);
  }
  return std::string(distinct ? "SELECT DISTINCT " : "SELECT ") + columns + " FROM " +
         table->sql_name() + (others.empty() ? "" : ", " + others) + where;
}

// A statement's call chain, outermost call first in the source:
// stmt.where(...).values(...) is values(where(stmt)).
struct CoreChain {
  const PyExpr* base = nullptr;
  std::vector<const PyExpr*> where_calls;
  std::vector<const PyExpr*> values_calls;
  bool distinct = false;
};

CoreChain read_chain(const PyExpr& expr) {
  CoreChain chain;
  chain.base = &expr;
  while (chain.base->kind == Kind::call && chain.base->items[0].kind == Kind::attribute) {
    const std::string& method = chain.base->items[0].text;
    if (method == "where" || method == "values") {
      auto& calls = method == "where" ? chain.where_calls : chain.values_calls;
      calls.insert(calls.begin(), chain.base);
    } else if (method == "distinct" && chain.base->items.size() == 1 &&
               chain.base->keywords.empty()) {
      chain.distinct = true;
    } else {
      break;
    }
    chain.base = &chain.base->items[0].items[0];
  }
  return chain;
}

std::optional<std::string> render_subquery(const PyExpr& expr, int& parameters) {
  CoreChain chain = read_chain(expr);
  if (chain.base->kind != Kind::call || construct_name(*chain.base) != "select" ||
      !chain.values_calls.empty() || chain.base->has_star_args || !chain.base->keywords.empty()) {
    return std::nullopt;
  }
  return render_select(*chain.base, chain.where_calls, chain.distinct, true, parameters);
}

}  // namespace

bool is_runtime_value(const PyExpr& value) {
  switch (value.kind) {
    case Kind::name:
      return true;
    case Kind::attribute: {
      // A field of a fetched row (`row = bind.execute(...).fetchone()`, then
      // row.email) is Python's.
      static const std::set<std::string_view> kFetches = {
          "fetchone", "first", "one", "one_or_none", "scalar", "scalar_one", "scalar_one_or_none"};
      const PyExpr& object = value.items[0];
      if (object.kind == Kind::call && object.items[0].kind == Kind::attribute &&
          kFetches.count(object.items[0].text)) {
        return true;
      }
      std::string dotted = value.dotted();
      return !dotted.empty() && dotted.find('(') == std::string::npos && !names_column(dotted);
    }
    case Kind::call: {
      // A string or dict method of such a value (`page.content.replace(a,
      // b)`) or a Python conversion of one computes a Python value; other
      // calls may build SQL (sa.func.now(), t.c.name.lower()).
      static const std::set<std::string_view> kMethods = {
          "replace", "strip",     "lstrip", "rstrip", "format",     "join",  "encode",
          "decode",  "isoformat", "get",    "title",  "capitalize", "zfill", "casefold"};
      static const std::set<std::string_view> kConversions = {"str",   "int", "float", "bool",
                                                              "round", "len", "repr"};
      const PyExpr& callee = value.items[0];
      if (callee.kind == Kind::attribute) {
        return kMethods.count(callee.text) && is_runtime_value(callee.items[0]);
      }
      return callee.kind == Kind::name && kConversions.count(callee.text) &&
             value.items.size() == 2 && is_runtime_value(value.items[1]);
    }
    case Kind::binary: {
      // Strings built from such values ("<style>" + css.value): Python's.
      if (value.text != "+" && value.text != "%") return false;
      bool runtime = false;
      for (const PyExpr& side : value.items) {
        bool literal =
            side.kind == Kind::string || side.kind == Kind::fstring || side.kind == Kind::number;
        if (!literal && !is_runtime_value(side)) return false;
        runtime = runtime || !literal;
      }
      return runtime;
    }
    default:  // `other` may be SQL too (t.c.n - 1): unknown
      return false;
  }
}

std::string CoreTable::sql_name() const {
  return qualified_name(schema, name);
}

ValueType CoreTable::column_type(const std::string& column, const PyExpr& where) const {
  if (!columns_known) return ValueType::unknown;
  for (const auto& [name, type] : columns) {
    if (name == column) return type;
  }
  throw UnresolvedArgument("a column the table does not have: " + column, where.begin);
}

std::optional<CoreTable> read_core_table(const PyExpr& expr) {
  CoreTable table;
  if (expr.kind == Kind::attribute && expr.items[0].kind == Kind::name &&
      expr.items[0].text == "tables") {
    table.name = expr.text;
    table.columns_known = false;
    return table;
  }
  if (expr.kind != Kind::call || !is_construct(expr, "table") || expr.items.size() < 2 ||
      expr.has_star_args) {
    return std::nullopt;
  }
  table.name = string_value(expr.items[1], "the table name");
  table.schema = optional_string(expr.keyword("schema"), "the table schema").value_or("");
  for (size_t i = 2; i < expr.items.size(); ++i) {
    const PyExpr& column = expr.items[i];
    // sa.Column(...) works too: a Column is a column clause of its own name and type.
    if (column.kind != Kind::call ||
        !(is_construct(column, "column") || is_construct(column, "Column")) ||
        column.items.size() < 2) {
      throw UnresolvedArgument("a table column that is not sa.column(...)", column.begin);
    }
    const PyExpr* type = column.items.size() >= 3 ? &column.items[2] : column.keyword("type_");
    table.columns.emplace_back(string_value(column.items[1], "a column name"),
                               column_value_type(type));
  }
  return table;
}

std::string render_literal(const PyExpr& value, ValueType type) {
  if (value.kind == Kind::none) return "NULL";
  bool integer =
      value.kind == Kind::number && value.text.find_first_of(".eEjJ") == std::string::npos;
  bool any = type == ValueType::unknown;
  if (value.kind == Kind::string && (any || type == ValueType::string))
    return quote_literal(value.text);
  if (integer && (any || type == ValueType::integer)) return value.text;
  if (value.kind == Kind::boolean && (any || type == ValueType::boolean))
    return value.text == "True" ? "true" : "false";
  throw UnresolvedArgument("a value that is not a literal of its column's type", value.begin);
}

std::optional<std::string> render_core_statement(const PyExpr& expr) {
  CoreChain chain = read_chain(expr);
  const PyExpr* base = chain.base;
  if (base->kind != Kind::call || base->has_star_args || !base->keywords.empty()) {
    return std::nullopt;
  }
  const PyExpr& callee = base->items[0];
  std::string verb = construct_name(*base);
  int parameters = 0;
  if (verb == "select" && chain.values_calls.empty()) {
    if (base->items.size() == 1 && callee.kind == Kind::attribute) {
      // t.select(): every column of t, as sa.select(t).
      PyExpr whole_table = *base;
      whole_table.items.push_back(callee.items[0]);
      return render_select(whole_table, chain.where_calls, chain.distinct, false, parameters);
    }
    return render_select(*base, chain.where_calls, chain.distinct, false, parameters);
  }
  if (verb != "update" && verb != "delete" && verb != "insert") return std::nullopt;
  if (chain.distinct) throw UnresolvedArgument("distinct() on " + verb + "()", base->begin);
  std::optional<CoreTable> table;
  if (base->items.size() == 1 && callee.kind == Kind::attribute) {
    table = read_core_table(callee.items[0]);  // t.update()
  } else if (base->items.size() == 2) {
    table = read_core_table(base->items[1]);  // sa.update(t)
  }
  if (!table) return std::nullopt;
  CoreRenderer renderer(std::move(*table), parameters);
  const std::string name = renderer.table().sql_name();
  if (verb == "delete") {
    if (!chain.values_calls.empty()) throw UnresolvedArgument("values() on a delete", base->begin);
    std::string where = renderer.where(chain.where_calls);
    std::string others = renderer.other_tables();
    return "DELETE FROM " + name + (others.empty() ? "" : " USING " + others) + where;
  }
  if (verb == "insert") {
    if (!chain.where_calls.empty()) throw UnresolvedArgument("where() on an insert", base->begin);
    if (chain.values_calls.empty()) {
      throw UnresolvedArgument("an insert without values()", base->begin);
    }
    return "INSERT INTO " + name + " " + renderer.assignments(chain.values_calls, true);
  }
  if (chain.values_calls.empty()) {
    throw UnresolvedArgument("an update without values()", base->begin);
  }
  std::string set = renderer.assignments(chain.values_calls, false);
  std::string where = renderer.where(chain.where_calls);
  std::string others = renderer.other_tables();
  return "UPDATE " + name + " SET " + set + (others.empty() ? "" : " FROM " + others) + where;
}

}  // namespace migcheck
