#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "migrations/alembic/python_module.h"

namespace migcheck {

// What the reader takes from a Python module's top level: its enum classes
// (their members, in order) and where each name a
// `from X import Y [as Z]` brings in comes from.
struct EnumMember {
  std::string name;
  PyExpr value;  // a string, number, bool or None written in the class; `other` otherwise
};
struct ModuleFacts {
  std::map<std::string, std::vector<EnumMember>> enum_classes;
  // Z -> (X as an absolute dotted module name, Y).
  std::map<std::string, std::pair<std::string, std::string>> imports;
};

// `package` is the dotted package the module lies in (for relative imports:
// `from .enums import X` in onyx/db/models.py is onyx.db.enums); empty for a
// revision file, whose relative imports are not followed.
ModuleFacts read_module_facts(const PyModule& module, const std::string& package);

}  // namespace migcheck
