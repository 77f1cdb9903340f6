#include "migrations/alembic/python_collections.h"

#include <algorithm>
#include <set>

namespace migcheck {
namespace {

// The token starting at byte `offset`; tokens.size() when there is none.
size_t token_at(const PyModule& module, size_t offset) {
  auto it = std::lower_bound(module.tokens.begin(), module.tokens.end(), offset,
                             [](const PyToken& token, size_t at) { return token.begin < at; });
  if (it == module.tokens.end() || it->begin != offset) return module.tokens.size();
  return static_cast<size_t>(it - module.tokens.begin());
}

}  // namespace

bool builds_collection(const PyModule& module, const PyExpr& value) {
  if (value.kind == PyExpr::Kind::list || value.kind == PyExpr::Kind::dict) return true;
  if (value.kind == PyExpr::Kind::call && value.items[0].kind == PyExpr::Kind::name) {
    const std::string& callee = value.items[0].text;
    return callee == "list" || callee == "set" || callee == "dict";
  }
  if (value.kind != PyExpr::Kind::other) return false;
  // A comprehension reads as `other`: its opening bracket must close at the
  // value's end (not `[a][0]`, a subscript of a list).
  size_t open = token_at(module, value.begin);
  if (open == module.tokens.size()) return false;
  std::string_view first = module.tokens[open].text(module.source);
  if (first != "[" && first != "{") return false;
  int depth = 0;
  for (size_t i = open; i < module.tokens.size(); ++i) {
    std::string_view text = module.tokens[i].text(module.source);
    if (text == "(" || text == "[" || text == "{") ++depth;
    if ((text == ")" || text == "]" || text == "}") && --depth == 0) {
      return module.tokens[i].end == value.end;
    }
  }
  return false;
}

bool is_collection_mutator(std::string_view method) {
  static const std::set<std::string_view> kMutators = {"append",
                                                       "extend",
                                                       "insert",
                                                       "remove",
                                                       "pop",
                                                       "clear",
                                                       "sort",
                                                       "reverse",
                                                       "add",
                                                       "discard",
                                                       "update",
                                                       "difference_update",
                                                       "popitem",
                                                       "setdefault",
                                                       "intersection_update",
                                                       "symmetric_difference_update"};
  return kMutators.count(method) > 0;
}

bool calls_only_builtins(const PyModule& module, size_t first, size_t last) {
  static const std::set<std::string_view> kPure = {"str",   "int",    "float", "bool",  "len",
                                                   "tuple", "list",   "set",   "dict",  "min",
                                                   "max",   "sorted", "abs",   "round", "repr"};
  static const std::set<std::string_view> kKeywords = {"in",   "not", "and", "or",    "if",
                                                       "else", "for", "is",  "lambda"};
  for (size_t i = first + 1; i < last; ++i) {
    if (module.tokens[i].text(module.source) != "(") continue;
    const PyToken& before = module.tokens[i - 1];
    std::string_view callee = before.text(module.source);
    bool attribute = i >= 2 && module.tokens[i - 2].text(module.source) == ".";
    if (before.kind == PyToken::Kind::name && !attribute && kPure.count(callee)) continue;
    if (before.kind == PyToken::Kind::name && !attribute && kKeywords.count(callee)) continue;
    // A bracket after an operator or a comma groups; after a name, `)` or `]` it calls.
    if (before.kind == PyToken::Kind::name || callee == ")" || callee == "]") return false;
  }
  return true;
}

}  // namespace migcheck
