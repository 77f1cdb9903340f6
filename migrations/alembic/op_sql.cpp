#include "migrations/alembic/op_sql.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "migrations/alembic/call_arguments.h"
#include "migrations/alembic/enum_sync.h"
#include "migrations/alembic/replaceable_entities.h"
#include "migrations/alembic/sql_text.h"
#include "migrations/alembic/sqlalchemy_core.h"
#include "migrations/alembic/sqlalchemy_schema.h"
#include "migrations/alembic/sqlalchemy_values.h"

namespace migcheck {
namespace {

using Statements = std::vector<std::string>;

// An op call's arguments bound to Alembic's parameter names. In batch mode
// the table (and its schema) come from the `with` block instead.
class OpArguments : public CallArguments {
 public:
  OpArguments(const PyExpr& call, const std::vector<std::string_view>& params,
              const BatchTable* batch)
      : CallArguments(call, without_table_params(params, batch)), batch_(batch) {}

  // The table an op acts on, schema-qualified and quoted.
  std::string table(std::string_view table_param = "table_name",
                    std::string_view schema_param = "schema") const {
    if (batch_) return qualified_name(batch_->schema, batch_->name);
    return qualified_name(schema(schema_param), text(table_param));
  }
  std::string schema(std::string_view schema_param = "schema") const {
    if (batch_) return batch_->schema;
    return optional_text(schema_param).value_or("");
  }
  std::string table_name(std::string_view table_param = "table_name") const {
    return batch_ ? batch_->name : text(table_param);
  }

 private:
  static std::vector<std::string_view> without_table_params(
      const std::vector<std::string_view>& params, const BatchTable* batch) {
    if (!batch) return params;
    std::vector<std::string_view> out;
    for (std::string_view param : params) {
      if (param != "table_name" && param != "source_table" && param != "schema" &&
          param != "source_schema") {
        out.push_back(param);
      }
    }
    return out;
  }

  const BatchTable* batch_;
};

std::string comment_literal(const std::optional<std::string>& comment) {
  return comment ? quote_literal(*comment) : "NULL";
}

std::string create_enum(const EnumType& e, const PyExpr& where) {
  if (!e.values_known) {
    throw UnresolvedArgument("the values of enum type " + e.name + " (a Python enum class)",
                             where.begin);
  }
  std::string values;
  for (const std::string& v : e.values) values += (values.empty() ? "" : ", ") + quote_literal(v);
  return "CREATE TYPE " + qualified_name(e.schema, e.name) + " AS ENUM (" + values + ")";
}

// SQLAlchemy's default index name for Column(index=True): ix_<schema>_<table>_<column>.
std::string column_index_name(const std::string& schema, const std::string& table,
                              const std::string& column) {
  return "ix_" + (schema.empty() ? "" : schema + "_") + table + "_" + column;
}

// One index element: a column name, or SQL given as sa.text("lower(email)")
// or sa.literal_column("lower(email)"), which SQLAlchemy writes as is, or
// sa.func.lower(sa.column("email")).
std::string index_element(const PyExpr& element) {
  if (element.kind == PyExpr::Kind::call &&
      (is_construct(element, "text") || is_construct(element, "literal_column") ||
       element.items[0].dotted().find("func.") != std::string::npos)) {
    return render_sql_expression(element, "an index expression");
  }
  return quote_identifier(string_value(element, "an index column"));
}

// CREATE INDEX for op.create_index or an sa.Index in op.create_table.
// `option` looks up a keyword (unique=, postgresql_*=, if_not_exists=).
using OptionLookup = std::function<const PyExpr*(std::string_view)>;
std::string index_statement(const std::string& name, const std::string& table,
                            const std::vector<const PyExpr*>& columns, const OptionLookup& option) {
  std::map<std::string, std::string> ops;
  if (const PyExpr* o = option("postgresql_ops"); o && o->kind != PyExpr::Kind::none) {
    if (o->kind != PyExpr::Kind::dict) throw UnresolvedArgument("postgresql_ops", o->begin);
    for (size_t i = 0; i + 1 < o->items.size(); i += 2) {
      ops[string_value(o->items[i], "postgresql_ops")] =
          string_value(o->items[i + 1], "postgresql_ops");
    }
  }
  std::string elements;
  for (const PyExpr* element : columns) {
    std::string sql = index_element(*element);
    if (element->kind == PyExpr::Kind::string && ops.count(element->text)) {
      sql += " " + ops[element->text];
    }
    elements += (elements.empty() ? "" : ", ") + sql;
  }
  std::string sql = "CREATE ";
  if (bool_value(option("unique"), false, "unique")) sql += "UNIQUE ";
  sql += "INDEX ";
  if (bool_value(option("postgresql_concurrently"), false, "postgresql_concurrently")) {
    sql += "CONCURRENTLY ";
  }
  if (bool_value(option("if_not_exists"), false, "if_not_exists")) sql += "IF NOT EXISTS ";
  sql += quote_identifier(name) + " ON " + table;
  if (auto using_method = optional_string(option("postgresql_using"), "postgresql_using")) {
    sql += " USING " + *using_method;
  }
  sql += " (" + elements + ")";
  if (const PyExpr* include = option("postgresql_include");
      include && include->kind != PyExpr::Kind::none) {
    sql += " INCLUDE (" + identifier_list(string_list(*include, "postgresql_include")) + ")";
  }
  if (const PyExpr* with = option("postgresql_with"); with && with->kind != PyExpr::Kind::none) {
    if (with->kind != PyExpr::Kind::dict) throw UnresolvedArgument("postgresql_with", with->begin);
    std::string params;
    for (size_t i = 0; i + 1 < with->items.size(); i += 2) {
      const PyExpr& value = with->items[i + 1];
      params += (params.empty() ? "" : ", ") + string_value(with->items[i], "postgresql_with") +
                " = " +
                (value.kind == PyExpr::Kind::number ? value.text
                                                    : string_value(value, "postgresql_with"));
    }
    sql += " WITH (" + params + ")";
  }
  if (const PyExpr* where = option("postgresql_where");
      where && where->kind != PyExpr::Kind::none) {
    sql += " WHERE " + render_sql_expression(*where, "postgresql_where");
  }
  return sql;
}

Statements add_column(const OpArguments& args) {
  const PyExpr& column_expr = args.need("column");
  ColumnSpec column = read_column(column_expr);
  std::string table = args.table();
  // Alembic adds the column through a one-column table, so a primary key
  // column there is that table's autoincrement column (SERIAL) and NOT NULL.
  bool serial = column.primary_key && is_serial(column);
  bool not_null = !column.nullable.value_or(!column.primary_key);
  Statements out = {"ALTER TABLE " + table + " ADD COLUMN " +
                    column_definition(column, not_null, serial)};
  // Alembic adds these from a Python set, so its own order varies between
  // runs; migcheck's is fixed: unique, then foreign keys.
  if (column.unique && !column.index) {
    out.push_back("ALTER TABLE " + table + " ADD UNIQUE (" + quote_identifier(column.name) + ")");
  }
  for (ForeignKeySpec fk : column.foreign_keys) {
    fk.columns = {column.name};
    out.push_back("ALTER TABLE " + table + " ADD " + constraint_prefix(fk.name) +
                  foreign_key_clause(fk));
  }
  if (column.index) {
    out.push_back(
        std::string(column.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") +
        quote_identifier(column_index_name(args.schema(), args.table_name(), column.name)) +
        " ON " + table + " (" + quote_identifier(column.name) + ")");
  }
  if (column.comment) {
    out.push_back("COMMENT ON COLUMN " + table + "." + quote_identifier(column.name) + " IS " +
                  quote_literal(*column.comment));
  }
  return out;
}

Statements drop_column(const OpArguments& args) {
  return {"ALTER TABLE " + args.table() + " DROP COLUMN " +
          quote_identifier(args.text("column_name"))};
}

Statements alter_column(const OpArguments& args) {
  std::string prefix =
      "ALTER TABLE " + args.table() + " ALTER COLUMN " + quote_identifier(args.text("column_name"));
  Statements out;
  const PyExpr* using_expr = args.get("postgresql_using");
  if (const PyExpr* type = args.get("type_"); type && type->kind != PyExpr::Kind::none) {
    std::string sql = prefix + " TYPE " + render_column_type(*type).sql;
    if (using_expr && using_expr->kind != PyExpr::Kind::none) {
      sql += " USING " + render_sql_expression(*using_expr, "postgresql_using");
    }
    out.push_back(sql);
  }
  if (const PyExpr* nullable = args.get("nullable");
      nullable && nullable->kind != PyExpr::Kind::none) {
    out.push_back(prefix +
                  (bool_value(nullable, true, "nullable") ? " DROP NOT NULL" : " SET NOT NULL"));
  }
  if (const PyExpr* d = args.get("server_default");
      d && !(d->kind == PyExpr::Kind::boolean && d->text == "False")) {
    out.push_back(d->kind == PyExpr::Kind::none
                      ? prefix + " DROP DEFAULT"
                      : prefix + " SET DEFAULT " + render_server_default(*d));
  }
  if (const PyExpr* comment = args.get("comment");
      comment && !(comment->kind == PyExpr::Kind::boolean && comment->text == "False")) {
    out.push_back("COMMENT ON COLUMN " + args.table() + "." +
                  quote_identifier(args.text("column_name")) + " IS " +
                  comment_literal(optional_string(comment, "comment")));
  }
  if (auto new_name = args.optional_text("new_column_name")) {
    out.push_back("ALTER TABLE " + args.table() + " RENAME " +
                  quote_identifier(args.text("column_name")) + " TO " +
                  quote_identifier(*new_name));
  }
  return out;
}

Statements create_table(const OpArguments& args) {
  std::string table = args.table();
  std::vector<ColumnSpec> columns;
  std::vector<TableConstraint> constraints;
  std::optional<TableConstraint> primary_key;
  std::vector<const PyExpr*> indexes;
  for (const PyExpr* item : args.extra()) {
    if (item->kind == PyExpr::Kind::call && is_construct(*item, "Index")) {
      indexes.push_back(item);
    } else if (auto constraint = read_table_constraint(*item)) {
      if (constraint->kind == TableConstraint::Kind::primary_key) {
        primary_key = std::move(constraint);
      } else {
        constraints.push_back(std::move(*constraint));
      }
    } else {
      columns.push_back(read_column(*item));
    }
  }
  std::vector<std::string> pk_columns;
  if (primary_key) {
    pk_columns = primary_key->columns;
  } else {
    for (const ColumnSpec& c : columns) {
      if (c.primary_key) pk_columns.push_back(c.name);
    }
  }
  auto in_pk = [&](const ColumnSpec& c) {
    return std::find(pk_columns.begin(), pk_columns.end(), c.name) != pk_columns.end();
  };
  Statements out;
  std::set<std::string> enums;
  for (const ColumnSpec& c : columns) {
    const auto& e = c.type.enum_type;
    if (e && e->create && enums.insert(qualified_name(e->schema, e->name)).second) {
      out.push_back(create_enum(*e, args.call()));
    }
  }
  std::vector<std::string> lines;
  for (const ColumnSpec& c : columns) {
    bool serial = pk_columns.size() == 1 && in_pk(c) && is_serial(c);
    bool not_null = !c.nullable.value_or(!(c.primary_key || in_pk(c)));
    lines.push_back(column_definition(c, not_null, serial));
  }
  if (!pk_columns.empty()) {
    lines.push_back(primary_key ? primary_key->sql
                                : "PRIMARY KEY (" + identifier_list(pk_columns) + ")");
  }
  for (const TableConstraint& c : constraints) lines.push_back(c.sql);
  for (const ColumnSpec& c : columns) {
    if (c.unique && !c.index) lines.push_back("UNIQUE (" + quote_identifier(c.name) + ")");
    for (ForeignKeySpec fk : c.foreign_keys) {
      fk.columns = {c.name};
      lines.push_back(constraint_prefix(fk.name) + foreign_key_clause(fk));
    }
  }
  std::string sql = "CREATE TABLE " + table + " (";
  for (size_t i = 0; i < lines.size(); ++i) sql += (i ? ",\n    " : "\n    ") + lines[i];
  sql += "\n)";
  // The PostgreSQL dialect's table options, in its post_create_table order.
  if (const PyExpr* inherits = args.get("postgresql_inherits")) {
    std::string parents;
    for (const std::string& parent : string_list(*inherits, "postgresql_inherits")) {
      parents += (parents.empty() ? "" : ", ") + quote_identifier(parent);
    }
    sql += "\n INHERITS ( " + parents + " )";
  }
  if (auto partition_by = args.optional_text("postgresql_partition_by")) {
    sql += "\n PARTITION BY " + *partition_by;
  }
  out.push_back(sql);
  for (const ColumnSpec& c : columns) {
    if (!c.index) continue;
    out.push_back(std::string(c.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") +
                  quote_identifier(column_index_name(args.schema(), args.table_name(), c.name)) +
                  " ON " + table + " (" + quote_identifier(c.name) + ")");
  }
  // Alembic creates the table's sa.Index objects from a set, in no fixed
  // order; migcheck keeps the order they are written in.
  for (const PyExpr* index : indexes) {
    if (index->items.size() < 2 || index->has_star_args) {
      throw UnresolvedArgument("an Index without a literal name and columns", index->begin);
    }
    std::vector<const PyExpr*> elements;
    for (size_t i = 2; i < index->items.size(); ++i) elements.push_back(&index->items[i]);
    out.push_back(index_statement(string_value(index->items[1], "an index name"), table, elements,
                                  [&](std::string_view name) { return index->keyword(name); }));
  }
  if (auto comment = args.optional_text("comment")) {
    out.push_back("COMMENT ON TABLE " + table + " IS " + quote_literal(*comment));
  }
  for (const ColumnSpec& c : columns) {
    if (c.comment) {
      out.push_back("COMMENT ON COLUMN " + table + "." + quote_identifier(c.name) + " IS " +
                    quote_literal(*c.comment));
    }
  }
  return out;
}

Statements drop_table(const OpArguments& args) {
  bool if_exists = bool_value(args.get("if_exists"), false, "if_exists");
  return {std::string("DROP TABLE ") + (if_exists ? "IF EXISTS " : "") + args.table()};
}

Statements rename_table(const OpArguments& args) {
  return {"ALTER TABLE " + args.table("old_table_name") + " RENAME TO " +
          quote_identifier(args.text("new_table_name"))};
}

Statements create_index(const OpArguments& args) {
  const PyExpr& columns = args.need("columns");
  std::vector<const PyExpr*> elements;
  if (columns.kind == PyExpr::Kind::list || columns.kind == PyExpr::Kind::tuple) {
    for (const PyExpr& c : columns.items) elements.push_back(&c);
  } else {
    elements.push_back(&columns);
  }
  return {index_statement(args.text("index_name"), args.table(), elements,
                          [&](std::string_view name) { return args.get(name); })};
}

Statements drop_index(const OpArguments& args) {
  std::string sql = "DROP INDEX ";
  if (bool_value(args.get("postgresql_concurrently"), false, "postgresql_concurrently")) {
    sql += "CONCURRENTLY ";
  }
  if (bool_value(args.get("if_exists"), false, "if_exists")) sql += "IF EXISTS ";
  return {sql + qualified_name(args.schema(), args.text("index_name"))};
}

Statements create_foreign_key(const OpArguments& args) {
  ForeignKeySpec fk;
  fk.name = args.optional_text("constraint_name");
  fk.ref_table = args.text("referent_table");
  fk.ref_schema = args.optional_text("referent_schema").value_or("");
  fk.columns = string_list(args.need("local_cols"), "local_cols");
  fk.ref_columns = string_list(args.need("remote_cols"), "remote_cols");
  ForeignKeySpec options;
  PyExpr keywords = args.call();  // the options may also come positionally
  for (std::string_view name : {"onupdate", "ondelete", "deferrable", "initially", "match"}) {
    if (const PyExpr* value = args.get(name); value && !args.call().keyword(name)) {
      keywords.keywords.emplace_back(std::string(name), *value);
    }
  }
  read_foreign_key_options(keywords, options);
  options.name = fk.name;
  options.columns = fk.columns;
  options.ref_table = fk.ref_table;
  options.ref_schema = fk.ref_schema;
  options.ref_columns = fk.ref_columns;
  return {"ALTER TABLE " + args.table("source_table", "source_schema") + " ADD " +
          constraint_prefix(options.name) + foreign_key_clause(options)};
}

Statements create_unique_constraint(const OpArguments& args) {
  return {"ALTER TABLE " + args.table() + " ADD " +
          constraint_prefix(args.optional_text("constraint_name")) + "UNIQUE (" +
          identifier_list(string_list(args.need("columns"), "columns")) + ")" +
          deferrability(args.call())};
}

Statements create_primary_key(const OpArguments& args) {
  return {"ALTER TABLE " + args.table() + " ADD " +
          constraint_prefix(args.optional_text("constraint_name")) + "PRIMARY KEY (" +
          identifier_list(string_list(args.need("columns"), "columns")) + ")"};
}

Statements create_check_constraint(const OpArguments& args) {
  std::string sql = "ALTER TABLE " + args.table() + " ADD " +
                    constraint_prefix(args.optional_text("constraint_name")) + "CHECK (" +
                    render_sql_expression(args.need("condition"), "a check condition") + ")" +
                    deferrability(args.call());
  if (bool_value(args.get("postgresql_not_valid"), false, "postgresql_not_valid"))
    sql += " NOT VALID";
  return {sql};
}

Statements drop_constraint(const OpArguments& args) {
  return {"ALTER TABLE " + args.table() + " DROP CONSTRAINT " +
          quote_identifier(args.text("constraint_name"))};
}

Statements create_table_comment(const OpArguments& args) {
  return {"COMMENT ON TABLE " + args.table() + " IS " + quote_literal(args.text("comment"))};
}

Statements drop_table_comment(const OpArguments& args) {
  return {"COMMENT ON TABLE " + args.table() + " IS NULL"};
}

// op.bulk_insert(table, rows): offline, Alembic emits one INSERT per row,
// its columns in the table's order (the row's keys' order for quay's
// `tables.<name>`, whose columns are not in the file).
Statements bulk_insert(const OpArguments& args) {
  const PyExpr& table_expr = args.need("table");
  std::optional<CoreTable> table = read_core_table(table_expr);
  if (!table) throw UnresolvedArgument("a table that is not sa.table(...)", table_expr.begin);
  const PyExpr& rows = args.need("rows");
  if (rows.kind != PyExpr::Kind::list) {
    throw UnresolvedArgument("rows that are not a list written in the file", rows.begin);
  }
  Statements out;
  for (const PyExpr& row : rows.items) {
    if (row.kind != PyExpr::Kind::dict || row.items.empty()) {
      throw UnresolvedArgument("a row that is not a dict written in the file", row.begin);
    }
    std::map<std::string, const PyExpr*> values;
    std::vector<std::string> order;
    for (size_t i = 0; i + 1 < row.items.size(); i += 2) {
      std::string key = string_value(row.items[i], "a row key");
      if (!values.count(key)) order.push_back(key);
      values[key] = &row.items[i + 1];
    }
    if (table->columns_known) {
      order.clear();
      for (const auto& column : table->columns) {
        if (values.count(column.first)) order.push_back(column.first);
      }
      if (order.size() != values.size()) {  // Alembic: KeyError
        throw UnresolvedArgument("a row key that is not a column of the table", row.begin);
      }
    }
    // Alembic sends the rows as parameters when it runs: a value only
    // running code knows is one ($n), a value in the file renders as offline.
    std::string rendered;
    int parameters = 0;
    for (const std::string& column : order) {
      const PyExpr& value = *values[column];
      rendered +=
          (rendered.empty() ? "" : ", ") +
          (is_runtime_value(value) ? "$" + std::to_string(++parameters)
                                   : render_literal(value, table->column_type(column, row)));
    }
    out.push_back("INSERT INTO " + table->sql_name() + " (" + identifier_list(order) +
                  ") VALUES (" + rendered + ")");
  }
  return out;
}

struct OpSignature {
  std::vector<std::string_view> params;  // Alembic's positional order
  std::function<Statements(const OpArguments&)> sql;
};

const std::map<std::string_view, OpSignature>& signatures() {
  static const std::map<std::string_view, OpSignature> table = {
      {"add_column", {{"table_name", "column", "schema"}, add_column}},
      {"drop_column", {{"table_name", "column_name", "schema"}, drop_column}},
      {"alter_column",
       {{"table_name", "column_name", "nullable", "comment", "server_default", "new_column_name",
         "type_", "existing_type", "existing_server_default", "existing_nullable",
         "existing_comment", "schema"},
        alter_column}},
      {"create_table", {{"table_name", "*"}, create_table}},
      {"drop_table", {{"table_name", "schema"}, drop_table}},
      {"rename_table", {{"old_table_name", "new_table_name", "schema"}, rename_table}},
      {"create_index", {{"index_name", "table_name", "columns", "schema", "unique"}, create_index}},
      {"drop_index", {{"index_name", "table_name", "schema"}, drop_index}},
      {"create_foreign_key",
       {{"constraint_name", "source_table", "referent_table", "local_cols", "remote_cols",
         "onupdate", "ondelete", "deferrable", "initially", "match", "source_schema",
         "referent_schema"},
        create_foreign_key}},
      {"create_unique_constraint",
       {{"constraint_name", "table_name", "columns", "schema"}, create_unique_constraint}},
      {"create_primary_key",
       {{"constraint_name", "table_name", "columns", "schema"}, create_primary_key}},
      {"create_check_constraint",
       {{"constraint_name", "table_name", "condition", "schema"}, create_check_constraint}},
      {"drop_constraint", {{"constraint_name", "table_name", "type_", "schema"}, drop_constraint}},
      {"create_table_comment",
       {{"table_name", "comment", "existing_comment", "schema"}, create_table_comment}},
      {"drop_table_comment", {{"table_name", "existing_comment", "schema"}, drop_table_comment}},
      {"bulk_insert", {{"table", "rows", "multiinsert"}, bulk_insert}},
  };
  return table;
}

}  // namespace

std::string translate_enum_method(std::string_view method, const PyExpr& enum_type) {
  ColumnType type = render_column_type(enum_type);
  if (!type.enum_type) throw UnresolvedArgument("not a native enum type", enum_type.begin);
  const EnumType& e = *type.enum_type;
  return method == "create" ? create_enum(e, enum_type)
                            : "DROP TYPE " + qualified_name(e.schema, e.name);
}

bool is_translated_op(std::string_view method) {
  return signatures().count(method) > 0;
}

std::vector<std::string> translate_op_call(std::string_view method, const PyExpr& call,
                                           const BatchTable* batch) {
  // Operations that Alembic plugins register (alembic_utils, alembic-postgresql-enum).
  if (is_entity_op(method) && !batch) return entity_op_statements(method, call);
  if (method == "sync_enum_values" && !batch) return enum_sync_statements(call);
  auto it = signatures().find(method);
  if (it == signatures().end()) {
    throw UnresolvedArgument("op." + std::string(method) + " is not translated to SQL", call.begin);
  }
  OpArguments args(call, it->second.params, batch);
  if (batch && method == "create_table") {
    throw UnresolvedArgument("create_table inside a batch block", call.begin);
  }
  return it->second.sql(args);
}

}  // namespace migcheck
