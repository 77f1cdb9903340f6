#pragma once
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "migrations/alembic/python_imports.h"
#include "migrations/file_tree.h"

namespace migcheck {

// The project's own Python modules, found as Python would find them on
// sys.path from the directories Alembic runs in (the ini's directory and its
// prepend_sys_path entries): `a.b` is <root>/a/b.py or <root>/a/b/__init__.py.
// Each module is read once, on first use, from any thread. A module that is
// not there (a third-party package) or that cannot be read is not followed.
class ProjectModules {
 public:
  ProjectModules(const FileTree& tree, std::vector<std::string> roots)
      : tree_(tree), roots_(std::move(roots)) {}

  // The members of the enum class `name` as module `module` defines or
  // imports it; nullptr when it is not found. `class_name`, when given,
  // receives the name the class is defined with.
  const std::vector<EnumMember>* enum_members(const std::string& module, const std::string& name,
                                              std::string* class_name = nullptr) const;
  // The TypeDecorator `name` as module `module` defines or imports it.
  const TypeDecoratorFacts* type_decorator(const std::string& module,
                                           const std::string& name) const;
  // The constant `name` as module `module` defines or imports it (a
  // setting read from the environment included).
  const ModuleConstant* constant(const std::string& module, const std::string& name) const;

 private:
  const ModuleFacts* facts(const std::string& module) const;
  // The module that defines `name`, following `from X import name`
  // re-exports, and the name there; {nullptr, ""} when not found.
  std::pair<const ModuleFacts*, std::string> definition(const std::string& module,
                                                        const std::string& name) const;

  const FileTree& tree_;
  std::vector<std::string> roots_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::optional<ModuleFacts>> cache_;
};

}  // namespace migcheck
