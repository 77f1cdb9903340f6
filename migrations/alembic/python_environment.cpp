#include "migrations/alembic/python_environment.h"

#include <cstdlib>

namespace migcheck {
namespace {

using Kind = PyExpr::Kind;

bool reads_environment(const PyExpr& expr) {
  if (expr.kind != Kind::call || expr.has_star_args) return false;
  std::string callee = expr.items[0].dotted();
  if (callee != "os.environ.get" && callee != "os.getenv") return false;
  size_t positional = expr.items.size() - 1;
  bool default_keyword = expr.keyword("default") != nullptr;
  return expr.items[1].kind == Kind::string && expr.keywords.size() == (default_keyword ? 1 : 0) &&
         (positional == 1 || (positional == 2 && !default_keyword));
}

PyExpr located_at(PyExpr value, const PyExpr& where) {
  value.begin = where.begin;
  value.end = where.end;
  value.pieces.clear();
  if (value.kind == Kind::string && !value.text.empty()) {
    value.pieces.push_back({0, value.text.size(), where.begin, where.end, false});
  }
  return value;
}

}  // namespace

PyExpr with_environment(const PyExpr& expr, std::set<std::string>& notes) {
  PyExpr out = expr;
  for (PyExpr& item : out.items) item = with_environment(item, notes);
  for (auto& keyword : out.keywords) keyword.second = with_environment(keyword.second, notes);
  if (!reads_environment(out)) return out;
  const std::string& name = out.items[1].text;
  if (const char* set = std::getenv(name.c_str())) {
    notes.insert("environment variable " + name + ": as set for migcheck");
    return located_string(set, out);
  }
  notes.insert("environment variable " + name + ": not set for migcheck, so the code's default");
  const PyExpr* fallback = out.items.size() == 3 ? &out.items[2] : out.keyword("default");
  PyExpr none;
  none.kind = Kind::none;
  return located_at(fallback ? *fallback : none, out);
}

}  // namespace migcheck
