#include "migrations/alembic/python_imports.h"

#include <optional>
#include <set>

#include "migrations/alembic/python_condition.h"
#include "migrations/alembic/python_environment.h"
#include "migrations/alembic/python_eval.h"

namespace migcheck {
namespace {

class FactsReader {
 public:
  FactsReader(const PyModule& module, const std::string& package)
      : module_(module), package_(package) {}

  ModuleFacts read() {
    ModuleFacts facts;
    for (const PyStatement& statement : module_.statements) {
      std::string_view keyword = statement.keyword(module_.source, module_.tokens);
      if (!statement.compound && keyword == "from") {
        from_import(statement, facts);
      } else if (statement.compound && keyword == "class") {
        enum_class(statement, facts);
        type_decorator(statement, facts);
      } else if (!statement.compound) {
        constant(statement, facts);
      }
    }
    for (const PyStatement& statement : module_.statements) {
      if (statement.compound) forget_assigned(statement.body, facts);
    }
    return facts;
  }

 private:
  std::string_view text(size_t i) const { return module_.tokens[i].text(module_.source); }
  bool is_name(size_t i) const { return module_.tokens[i].kind == PyToken::Kind::name; }

  // from [.]*a.b import c [as d], (e, f)
  void from_import(const PyStatement& statement, ModuleFacts& facts) const {
    size_t i = statement.first + 1;
    size_t dots = 0;
    for (; i < statement.last && (text(i) == "." || text(i) == "..."); ++i) dots += text(i).size();
    std::string module;
    for (; i < statement.last && text(i) != "import"; ++i) module += text(i);
    if (i >= statement.last) return;
    if (dots > 0) {
      // Relative to the package the module lies in, one level up per extra dot.
      if (package_.empty()) return;
      std::string base = package_;
      for (size_t up = 1; up < dots; ++up) {
        size_t cut = base.rfind('.');
        if (cut == std::string::npos) return;
        base.resize(cut);
      }
      module = module.empty() ? base : base + "." + module;
    }
    for (++i; i < statement.last; ++i) {
      if (!is_name(i) || text(i) == "as") continue;
      std::string name(text(i));
      std::string alias = name;
      if (i + 2 < statement.last && text(i + 1) == "as" && is_name(i + 2)) {
        alias = text(i + 2);
        i += 2;
      }
      if (name != "*") facts.imports[alias] = {module, name};
    }
  }

  // NAME = value at the top level: known when the value is a literal once the
  // earlier constants and settings read from the environment are put in.
  void constant(const PyStatement& statement, ModuleFacts& facts) const {
    for (PyAssignment& a : read_assignment(module_, statement)) {
      std::set<std::string> notes;
      PyEnv known;
      collect_names(a.value, facts, known, notes);
      PyExpr value = substitute(with_environment(a.value, notes), known);
      if (value.is_literal()) {
        facts.constants[a.name] = {std::move(value), std::move(notes)};
      } else {
        facts.constants.erase(a.name);
      }
    }
  }

  static void collect_names(const PyExpr& expr, const ModuleFacts& facts, PyEnv& known,
                            std::set<std::string>& notes) {
    if (expr.kind == PyExpr::Kind::name) {
      auto it = facts.constants.find(expr.text);
      if (it == facts.constants.end()) return;
      known[expr.text] = it->second.value;
      notes.insert(it->second.notes.begin(), it->second.notes.end());
    }
    for (const PyExpr& item : expr.items) collect_names(item, facts, known, notes);
    for (const auto& keyword : expr.keywords) collect_names(keyword.second, facts, known, notes);
  }

  // A name a top-level block (`if`, `try`, `for`, `with`) may assign holds a
  // value only running the module tells.
  void forget_assigned(const std::vector<PyStatement>& body, ModuleFacts& facts) const {
    for (const PyStatement& statement : body) {
      std::string_view keyword = statement.keyword(module_.source, module_.tokens);
      if (keyword == "def" || keyword == "class") continue;  // their own scopes
      if (statement.compound) {
        forget_assigned(statement.body, facts);
      } else {
        for (const PyAssignment& a : read_assignment(module_, statement)) {
          facts.constants.erase(a.name);
        }
      }
    }
  }

  // class Name(..., SomethingEnum): NAME = value ... Enum's members are the
  // names assigned in the class body, but not _sunder_ or __dunder__ names
  // and not methods or nested classes.
  void enum_class(const PyStatement& statement, ModuleFacts& facts) const {
    size_t first = statement.first;
    if (!has_base(statement, "Enum")) return;
    std::vector<EnumMember> members;
    std::set<std::string> seen;
    for (const PyStatement& line : statement.body) {
      if (line.compound || line.first + 1 >= line.last || !is_name(line.first)) continue;
      std::string_view op = text(line.first + 1);
      if (op != "=" && op != ":") continue;
      std::string name(text(line.first));
      bool sunder = name.size() > 2 && name.front() == '_' && name.back() == '_';
      if (name.starts_with("__") || sunder) continue;
      size_t equals = line.first + 1;  // `NAME: type = value` too
      while (equals < line.last && text(equals) != "=") ++equals;
      if (equals >= line.last) continue;  // an annotation without a value is not a member
      PyExprReader reader(module_.source, module_.tokens, equals + 1, line.last);
      EnumMember member{name, reader.read_list()};
      bool literal =
          member.value.kind == PyExpr::Kind::string || member.value.kind == PyExpr::Kind::number ||
          member.value.kind == PyExpr::Kind::boolean || member.value.kind == PyExpr::Kind::none;
      if (!reader.at_end() || !literal) member.value = PyExpr{};
      if (seen.insert(name).second) members.push_back(std::move(member));
    }
    if (!members.empty()) facts.enum_classes[std::string(text(first + 1))] = std::move(members);
  }

  bool has_base(const PyStatement& statement, std::string_view suffix) const {
    size_t first = statement.first;
    if (first + 2 >= statement.last || !is_name(first + 1) || text(first + 2) != "(") return false;
    for (size_t i = first + 3; i < statement.last; ++i) {
      if (is_name(i) && text(i).ends_with(suffix) &&
          (i + 1 >= statement.last || text(i + 1) == "," || text(i + 1) == ")")) {
        return true;
      }
    }
    return false;
  }

  // class Name(TypeDecorator): impl = T; def load_dialect_impl(self, dialect): ...
  void type_decorator(const PyStatement& statement, ModuleFacts& facts) const {
    if (!has_base(statement, "TypeDecorator")) return;
    std::optional<PyExpr> impl;
    const PyStatement* dialect_impl = nullptr;
    for (const PyStatement& line : statement.body) {
      std::string_view keyword = line.keyword(module_.source, module_.tokens);
      if (line.compound && keyword == "def" && line.first + 1 < line.last &&
          text(line.first + 1) == "load_dialect_impl") {
        dialect_impl = &line;
      } else if (!line.compound && line.first + 2 < line.last && text(line.first) == "impl" &&
                 text(line.first + 1) == "=") {
        PyExprReader reader(module_.source, module_.tokens, line.first + 2, line.last);
        impl = reader.read_list();
        if (!reader.at_end()) return;
      }
    }
    if (!impl) return;
    TypeDecoratorFacts decorator;
    if (dialect_impl) {
      std::optional<PyExpr> returned = postgresql_return(dialect_impl->body);
      if (!returned) return;
      decorator.type = std::move(*returned);
    } else {
      decorator.type = *impl;
      decorator.impl_is_class = impl->kind != PyExpr::Kind::call;
    }
    facts.type_decorators[std::string(text(statement.first + 1))] = std::move(decorator);
  }

  // The type load_dialect_impl returns on PostgreSQL: its if/elif/else on
  // dialect.name taken as PostgreSQL takes them, up to `return
  // dialect.type_descriptor(T)` or `return T`. nullopt when anything else
  // (a condition on something other than the dialect's name, other code)
  // stands in the way.
  std::optional<PyExpr> postgresql_return(const std::vector<PyStatement>& body) const {
    auto resolve = [](const PyExpr& expr) {
      if (expr.dotted() != "dialect.name") return expr;
      PyExpr name;
      name.kind = PyExpr::Kind::string;
      name.text = "postgresql";
      return name;
    };
    bool chain_open = false;  // an if/elif chain whose conditions were all false so far
    for (const PyStatement& line : body) {
      std::string_view keyword = line.keyword(module_.source, module_.tokens);
      if (line.compound && (keyword == "if" || (chain_open && keyword == "elif"))) {
        std::optional<bool> holds =
            decide_condition(module_.source, module_.tokens, line.first + 1, line.last, resolve);
        if (!holds) return std::nullopt;
        chain_open = !*holds;
        if (*holds) return postgresql_return(line.body);
        continue;
      }
      if (line.compound && keyword == "else" && chain_open) return postgresql_return(line.body);
      chain_open = false;
      if (line.compound && (keyword == "elif" || keyword == "else")) continue;  // taken before
      if (line.compound || keyword != "return") return std::nullopt;
      PyExprReader reader(module_.source, module_.tokens, line.first + 1, line.last);
      PyExpr value = reader.read_list();
      if (!reader.at_end()) return std::nullopt;
      if (value.kind == PyExpr::Kind::call && value.items.size() == 2 && value.keywords.empty() &&
          value.items[0].dotted() == "dialect.type_descriptor") {
        return value.items[1];
      }
      return value;
    }
    return std::nullopt;
  }

  const PyModule& module_;
  const std::string& package_;
};

}  // namespace

ModuleFacts read_module_facts(const PyModule& module, const std::string& package) {
  return FactsReader(module, package).read();
}

}  // namespace migcheck
