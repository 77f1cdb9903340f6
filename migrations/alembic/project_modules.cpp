#include "migrations/alembic/project_modules.h"

#include "migrations/alembic/python_encoding.h"

namespace migcheck {
namespace {

// Re-exports chain rarely; the bound stops an import cycle.
constexpr int kMaxReexports = 4;

std::string join(const std::string& directory, const std::string& path) {
  return directory.empty() || directory == "." ? path : directory + "/" + path;
}

}  // namespace

const ModuleFacts* ProjectModules::facts(const std::string& module) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto cached = cache_.find(module);
  if (cached != cache_.end()) return cached->second ? &*cached->second : nullptr;
  std::optional<ModuleFacts>& slot = cache_[module];
  std::string path = module;
  for (char& c : path) c = c == '.' ? '/' : c;
  size_t last_dot = module.rfind('.');
  std::string parent = last_dot == std::string::npos ? "" : module.substr(0, last_dot);
  // a/b.py lies in package a; a/b/__init__.py is package a.b itself.
  const std::pair<std::string, std::string> candidates[] = {{path + ".py", parent},
                                                            {path + "/__init__.py", module}};
  for (const std::string& root : roots_) {
    for (const auto& [relative, package] : candidates) {
      std::string file = join(root, relative);
      std::optional<std::string> text = tree_.read(file);
      if (!text) continue;
      try {
        std::string source = decode_python_source(std::move(*text), file);
        PyModule parsed = read_python_module(source, file);
        slot = read_module_facts(parsed, package);
      } catch (const std::exception&) {
        // Python would fail on it too; the reader just does not follow it.
      }
      return slot ? &*slot : nullptr;
    }
  }
  return nullptr;
}

std::pair<const ModuleFacts*, std::string> ProjectModules::definition(
    const std::string& module, const std::string& name) const {
  std::string current_module = module;
  std::string current_name = name;
  for (int hop = 0; hop <= kMaxReexports; ++hop) {
    const ModuleFacts* found = facts(current_module);
    if (!found) break;
    auto imported = found->imports.find(current_name);
    if (imported == found->imports.end()) return {found, current_name};
    current_module = imported->second.first;
    current_name = imported->second.second;
  }
  return {nullptr, ""};
}

const std::vector<EnumMember>* ProjectModules::enum_members(const std::string& module,
                                                            const std::string& name,
                                                            std::string* class_name) const {
  auto [found, defined] = definition(module, name);
  if (!found) return nullptr;
  if (class_name) *class_name = defined;
  auto it = found->enum_classes.find(defined);
  return it == found->enum_classes.end() ? nullptr : &it->second;
}

const TypeDecoratorFacts* ProjectModules::type_decorator(const std::string& module,
                                                         const std::string& name) const {
  auto [found, defined] = definition(module, name);
  if (!found) return nullptr;
  auto it = found->type_decorators.find(defined);
  return it == found->type_decorators.end() ? nullptr : &it->second;
}

const ModuleConstant* ProjectModules::constant(const std::string& module,
                                               const std::string& name) const {
  auto [found, defined] = definition(module, name);
  if (!found) return nullptr;
  auto it = found->constants.find(defined);
  return it == found->constants.end() ? nullptr : &it->second;
}

}  // namespace migcheck
