#include "migrations/alembic/replaceable_entities.h"

#include <map>
#include <sstream>

#include "linter/ascii_text.h"
#include "migrations/alembic/call_arguments.h"
#include "migrations/alembic/sqlalchemy_values.h"

namespace migcheck {
namespace {

// Runs of whitespace made one space, as alembic_utils normalizes schema and
// signature strings.
std::string normalize_whitespace(std::string_view text) {
  std::istringstream words{std::string(text)};
  std::string word, out;
  while (words >> word) out += (out.empty() ? "" : " ") + word;
  return out;
}

std::string without_double_quotes(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != '"') out += c;
  }
  return out;
}

// alembic_utils' coerce_to_quoted: "schema" or "schema"."name".
std::string quoted(std::string_view name) {
  size_t dot = name.find('.');
  if (dot == std::string_view::npos) return '"' + trimmed(name) + '"';
  return '"' + trimmed(name.substr(0, dot)) + "\".\"" + trimmed(name.substr(dot + 1)) + '"';
}

// The definition as the server receives it: without a trailing semicolon,
// and with the `\:` escapes alembic_utils adds for sa.text() undone by it.
std::string definition_sql(std::string_view definition) {
  std::string text = trimmed(definition);
  while (!text.empty() && text.back() == ';') text.pop_back();
  text = trimmed(text);
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == ':') continue;
    out += text[i];
  }
  return out;
}

// An entity constructor's arguments, with alembic_utils' normalizations.
class EntityArguments : public CallArguments {
 public:
  using CallArguments::CallArguments;
  // schema and signature as alembic_utils keeps them: whitespace normalized,
  // double quotes removed.
  std::string name(std::string_view param) const {
    return without_double_quotes(normalize_whitespace(text(param)));
  }
  // OnEntityMixin's on_entity: schema-qualified ("public" when it has none).
  std::string on_entity() const {
    std::string on = text("on_entity");
    if (on.find('.') == std::string::npos) on = "public." + on;
    return without_double_quotes(on);
  }
};

struct EntitySql {
  std::vector<std::string> create;
  std::vector<std::string> drop;  // without the CASCADE
  std::vector<std::string> replace;
};

std::string cascade_word(bool cascade, std::string_view word) {
  return cascade ? " " + std::string(word) : "";
}

// PGFunction's DROP names the parameters' types: the signature's
// parameters with any DEFAULT cut off (split at commas, as alembic_utils
// does).
std::string drop_parameters(std::string_view parameters) {
  std::string out;
  size_t at = 0;
  while (true) {
    size_t comma = parameters.find(',', at);
    std::string parameter(parameters.substr(at, comma - at));
    parameter = trimmed(parameter.substr(0, ascii_lower(parameter).find("default")));
    out += (at == 0 ? "" : ", ") + parameter;
    if (comma == std::string_view::npos) break;
    at = comma + 1;
  }
  return out;
}

EntitySql function_sql(const EntityArguments& args, bool cascade) {
  std::string schema = quoted(args.name("schema"));
  std::string signature = args.name("signature");
  std::string definition = definition_sql(args.text("definition"));
  size_t open = signature.find('(');
  size_t close = signature.rfind(')');
  if (open == std::string::npos || close == std::string::npos || close < open) {
    throw UnresolvedArgument("a function signature without its parameter list", args.at());
  }
  std::string name = trimmed(signature.substr(0, open));
  std::string literal_signature = '"' + name + "\"(" + signature.substr(open + 1);
  std::string parameters = signature.substr(open + 1, close - open - 1);
  return {
      {"CREATE FUNCTION " + schema + "." + literal_signature + " " + definition},
      {"DROP FUNCTION " + schema + ".\"" + name + "\"(" + drop_parameters(parameters) + ")" +
       cascade_word(cascade, "cascade")},
      {"CREATE OR REPLACE FUNCTION " + schema + "." + literal_signature + " " + definition},
  };
}

EntitySql view_sql(const EntityArguments& args, bool cascade) {
  std::string view = quoted(args.name("schema")) + ".\"" + args.name("signature") + '"';
  std::string definition = definition_sql(args.text("definition"));
  // CREATE OR REPLACE VIEW cannot drop or retype columns: alembic_utils
  // falls back on DROP and CREATE inside one DO block.
  return {
      {"CREATE VIEW " + view + " AS " + definition},
      {"DROP VIEW " + view + cascade_word(cascade, "cascade")},
      {"do $$\n    begin\n        CREATE OR REPLACE VIEW " + view + " AS " + definition +
       ";\n\n    exception when others then\n        DROP VIEW IF EXISTS " + view +
       ";\n\n        CREATE VIEW " + view + " AS " + definition +
       ";\n    end;\n$$ language 'plpgsql'"},
  };
}

EntitySql materialized_view_sql(const EntityArguments& args, bool cascade) {
  std::string view = quoted(args.name("schema")) + ".\"" + args.name("signature") + '"';
  std::string definition = definition_sql(args.text("definition"));
  bool with_data = bool_value(args.get("with_data"), true, "with_data");
  std::string create = "CREATE MATERIALIZED VIEW " + view + " AS " + definition + " WITH " +
                       (with_data ? "" : "NO") + " DATA";
  return {
      {create},
      {"DROP MATERIALIZED VIEW " + view + cascade_word(cascade, "cascade")},
      {"DROP MATERIALIZED VIEW IF EXISTS " + view, create},
  };
}

// alembic_utils reads the definition as `{event} ON {table} {action}` and
// qualifies the table with the entity's schema.
EntitySql trigger_sql(const EntityArguments& args, bool cascade) {
  std::string schema = args.name("schema");
  std::string definition = definition_sql(args.text("definition"));
  std::string lower = ascii_lower(definition);
  size_t on = std::string::npos;
  for (size_t at = lower.find("on"); at != std::string::npos; at = lower.find("on", at + 1)) {
    if (at > 0 && std::isspace(static_cast<unsigned char>(lower[at - 1])) &&
        at + 2 < lower.size() && std::isspace(static_cast<unsigned char>(lower[at + 2]))) {
      on = at;
      break;
    }
  }
  if (on == std::string::npos) {
    throw UnresolvedArgument("a trigger definition without `ON table`", args.at());
  }
  std::string event = trimmed(definition.substr(0, on));
  std::string rest = trimmed(definition.substr(on + 2));
  size_t table_end = rest.find_first_of(" \t\r\n");
  if (table_end == std::string::npos) {
    throw UnresolvedArgument("a trigger definition without its action", args.at());
  }
  std::string table = rest.substr(0, table_end);
  if (size_t dot = table.find('.'); dot != std::string::npos) table = table.substr(dot + 1);
  std::string action = trimmed(rest.substr(table_end));
  std::string name = '"' + args.name("signature") + '"';
  bool constraint = bool_value(args.get("is_constraint"), false, "is_constraint");
  std::string create = std::string(constraint ? "CREATE CONSTRAINT TRIGGER " : "CREATE TRIGGER ") +
                       name + " " + event + " ON " + schema + "." + table + " " + action;
  std::string on_entity = args.on_entity();
  return {
      {create},
      {"DROP TRIGGER " + name + " ON " + on_entity + cascade_word(cascade, "cascade")},
      {"DROP TRIGGER IF EXISTS " + name + " ON " + on_entity, create},
  };
}

EntitySql policy_sql(const EntityArguments& args, bool cascade) {
  std::string name = args.name("signature");
  std::string on_entity = args.on_entity();
  std::string create =
      "CREATE POLICY " + name + " on " + on_entity + " " + definition_sql(args.text("definition"));
  return {
      {create},
      {"DROP POLICY " + name + " on " + on_entity + cascade_word(cascade, "cascade")},
      {"DROP POLICY IF EXISTS " + name + " on " + on_entity, create},
  };
}

EntitySql extension_sql(const EntityArguments& args, bool cascade) {
  std::string extension = '"' + args.name("signature") + '"';
  return {
      {"CREATE EXTENSION " + extension + " WITH SCHEMA " + quoted(args.name("schema"))},
      {"DROP EXTENSION " + extension + cascade_word(cascade, "CASCADE")},
      {},  // alembic_utils raises NotImplementedError
  };
}

struct EntityClass {
  std::vector<std::string_view> params;  // the constructor's positional order
  EntitySql (*sql)(const EntityArguments&, bool cascade);
};

const std::map<std::string_view, EntityClass>& entity_classes() {
  static const std::map<std::string_view, EntityClass> classes = {
      {"PGExtension", {{"schema", "signature"}, extension_sql}},
      {"PGFunction", {{"schema", "signature", "definition"}, function_sql}},
      {"PGView", {{"schema", "signature", "definition"}, view_sql}},
      {"PGMaterializedView",
       {{"schema", "signature", "definition", "with_data"}, materialized_view_sql}},
      {"PGTrigger",
       {{"schema", "signature", "definition", "on_entity", "is_constraint"}, trigger_sql}},
      {"PGPolicy", {{"schema", "signature", "definition", "on_entity"}, policy_sql}},
  };
  return classes;
}

}  // namespace

bool is_entity_op(std::string_view method) {
  return method == "create_entity" || method == "drop_entity" || method == "replace_entity";
}

std::vector<std::string> entity_op_statements(std::string_view method, const PyExpr& call) {
  const PyExpr* entity = call.items.size() > 1 ? &call.items[1] : call.keyword("target");
  if (!entity) throw UnresolvedArgument("the call has no entity", call.begin);
  auto found = entity_classes().find(construct_name(*entity));
  if (entity->kind != PyExpr::Kind::call || found == entity_classes().end()) {
    throw UnresolvedArgument("an entity that is not an alembic_utils constructor written here",
                             entity->begin);
  }
  const PyExpr* cascade = call.items.size() > 2 ? &call.items[2] : call.keyword("cascade");
  EntitySql sql = found->second.sql(EntityArguments(*entity, found->second.params),
                                    bool_value(cascade, false, "cascade"));
  if (method == "create_entity") return sql.create;
  if (method == "drop_entity") return sql.drop;
  if (sql.replace.empty()) {
    throw UnresolvedArgument("an extension, which alembic_utils cannot replace", entity->begin);
  }
  return sql.replace;
}

}  // namespace migcheck
