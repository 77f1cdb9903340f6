#pragma once
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "linter/object_name.h"
#include "rules/rule_support.h"

namespace migcheck {

// "`a`, `b`" for messages, public schema left out.
inline std::string quoted_list(const std::vector<std::string>& names) {
  std::string list;
  for (const std::string& name : names)
    list += (list.empty() ? "`" : ", `") + shown_table(name) + "`";
  return list;
}

// What DROP ... CASCADE of `dropped` takes along, as far as the schema memory
// knows: views reading a view, columns of a type or domain.
inline std::vector<std::string> known_dependents(const Catalog& catalog, const ObjectRef& dropped) {
  if (dropped.kind == "view" || dropped.kind == "matview") {
    return catalog.views_depending_on(dropped.name);
  }
  if (dropped.kind == "type" || dropped.kind == "domain") {
    return catalog.columns_of_type(dropped.name);
  }
  return {};
}

// The sentence a CASCADE adds to a drop's message ("" without CASCADE).
inline std::string cascade_sentence(const Statement& statement, const Catalog& catalog,
                                    const ObjectRef& dropped) {
  if (statement.body["behavior"].raw() != "DROP_CASCADE") return {};
  std::vector<std::string> dependents = known_dependents(catalog, dropped);
  return dependents.empty()
             ? " CASCADE also drops, without naming them, whatever depends on it."
             : " CASCADE also drops what depends on it: " + quoted_list(dependents) + ".";
}

// True when the object was created earlier in the migration being checked:
// no running code can use it yet. Tables and materialized views are in the
// table memory, an index is as new as its table.
inline bool is_new_object(const Catalog& catalog, const ObjectRef& object) {
  if (object.kind == "table" || object.kind == "matview") return catalog.is_new_table(object.name);
  if (object.kind == "index") {
    const IndexInfo* index = catalog.index(object.name);
    return index && catalog.is_new_table(index->table);
  }
  return catalog.is_new_object(object.kind, object.name);
}

// Reports each older object a DROP of one of `object_types` names:
// "Dropping <word> `<name>`" + consequence + what CASCADE takes along. A rule
// may leave out objects whose drop harms nobody with `harmless`.
inline void report_dropped_objects(const Statement& statement, RuleContext& context,
                                   std::initializer_list<std::string_view> object_types,
                                   std::string_view consequence,
                                   bool (*harmless)(const Statement&, const Catalog&,
                                                    const ObjectRef&) = nullptr) {
  if (statement.type != "DropStmt") return;
  std::string object_type = statement.body["removeType"].str();
  bool wanted = false;
  for (std::string_view type : object_types) wanted = wanted || type == object_type;
  if (!wanted) return;
  for (const JsonNode& object : statement.body["objects"]) {
    auto dropped = dropped_object(object_type, object);
    if (!dropped || is_new_object(context.catalog(), *dropped)) continue;
    // Renamed earlier in this migration (the old half of a swap, say): no
    // running code names it so.
    if (context.catalog().renamed_in_current_migration(dropped->kind, dropped->name)) continue;
    if (harmless && harmless(statement, context.catalog(), *dropped)) continue;
    context.report(context.clause(statement, {"drop"}),
                   "Dropping " + dropped->word + " `" + dropped->shown + "` " +
                       std::string(consequence) +
                       cascade_sentence(statement, context.catalog(), *dropped));
  }
}

}  // namespace migcheck
