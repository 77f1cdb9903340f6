#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "migrations/alembic/python_expr.h"
#include "migrations/alembic/sqlalchemy_values.h"

namespace migcheck {

// A Python call's arguments bound to the callee's parameter names: the
// positional ones in the order `params` gives (up to a "*", after which they
// are extra positional arguments), then the keywords.
class CallArguments {
 public:
  CallArguments(const PyExpr& call, const std::vector<std::string_view>& params) : call_(call) {
    if (call.has_star_args) throw UnresolvedArgument("*args or **kwargs in the call", call.begin);
    size_t next = 1;
    for (std::string_view param : params) {
      if (param == "*") break;
      if (next < call.items.size()) bound_[param] = &call.items[next++];
    }
    for (; next < call.items.size(); ++next) extra_.push_back(&call.items[next]);
    for (const auto& [name, value] : call.keywords) bound_[name] = &value;
  }

  const PyExpr& call() const { return call_; }
  // Where the call starts in the file, for errors about its values.
  size_t at() const { return call_.begin; }
  const PyExpr* get(std::string_view name) const {
    auto it = bound_.find(name);
    return it == bound_.end() ? nullptr : it->second;
  }
  const PyExpr& need(std::string_view name) const {
    const PyExpr* value = get(name);
    if (!value) throw UnresolvedArgument("the call has no " + std::string(name), call_.begin);
    return *value;
  }
  std::string text(std::string_view name) const { return string_value(need(name), name); }
  std::optional<std::string> optional_text(std::string_view name) const {
    return optional_string(get(name), name);
  }
  const std::vector<const PyExpr*>& extra() const { return extra_; }

 private:
  const PyExpr& call_;
  std::map<std::string_view, const PyExpr*> bound_;
  std::vector<const PyExpr*> extra_;
};

}  // namespace migcheck
