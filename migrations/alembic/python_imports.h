#pragma once
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "migrations/alembic/python_module.h"

namespace migcheck {

// What the reader takes from a Python module's top level: its enum classes
// (their members, in order), its TypeDecorators, its constants and where each
// name a `from X import Y [as Z]` brings in comes from.
struct EnumMember {
  std::string name;
  PyExpr value;  // a string, number, bool or None written in the class; `other` otherwise
};
// A TypeDecorator subclass as PostgreSQL sees it: the type its
// load_dialect_impl returns for dialect.name == "postgresql", or its `impl`
// when it has no load_dialect_impl. `self.impl.length` in it stands for the
// length the decorator is given; `impl_is_class` means the decorator's own
// arguments go to `type` (TypeDecorator passes them to its impl class).
struct TypeDecoratorFacts {
  PyExpr type;
  bool impl_is_class = false;
};
// A module-level name bound to a value known without running code, and the
// notes on settings read from the environment to make it (python_environment).
struct ModuleConstant {
  PyExpr value;
  std::set<std::string> notes;
};
struct ModuleFacts {
  std::map<std::string, std::vector<EnumMember>> enum_classes;
  std::map<std::string, TypeDecoratorFacts> type_decorators;
  // Z -> (X as an absolute dotted module name, Y).
  std::map<std::string, std::pair<std::string, std::string>> imports;
  // Names the top level binds outside any block, to a literal or to a value
  // computed from literals and earlier such names, and that no block rebinds.
  std::map<std::string, ModuleConstant> constants;
};

// `package` is the dotted package the module lies in (for relative imports:
// `from .enums import X` in onyx/db/models.py is onyx.db.enums); empty for a
// revision file, whose relative imports are not followed.
ModuleFacts read_module_facts(const PyModule& module, const std::string& package);

}  // namespace migcheck
