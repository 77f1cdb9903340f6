#include "fix/python_imports.h"

#include <vector>

namespace migcheck {

namespace {

// The words of an import statement, tokens as written ("from", "a", ".",
// "b", "import", "(", "c", "as", "d", ",", ...), without brackets.
std::vector<std::string_view> import_words(const PyModule& module, const PyStatement& statement) {
  std::vector<std::string_view> words;
  for (size_t i = statement.first; i < statement.last; ++i) {
    std::string_view word = module.tokens[i].text(module.source);
    if (word != "(" && word != ")") words.push_back(word);
  }
  return words;
}

// A dotted name starting at words[i]; i ends after it.
std::string dotted_name(const std::vector<std::string_view>& words, size_t& i) {
  std::string name;
  while (i < words.size() && words[i] != "import" && words[i] != "as" && words[i] != ",") {
    name += words[i++];
  }
  return name;
}

// `as X` at words[i], if there: X; i ends after it.
std::optional<std::string> alias(const std::vector<std::string_view>& words, size_t& i) {
  if (i + 1 < words.size() && words[i] == "as") {
    i += 2;
    return std::string(words[i - 1]);
  }
  return std::nullopt;
}

std::optional<std::string> reference_in(const std::vector<std::string_view>& words,
                                        std::string_view target) {
  size_t i = 1;
  if (words[0] == "import") {
    // `import a.b` binds `a`, through which a.b is reachable; `import a.b as x` binds x.
    while (i < words.size()) {
      std::string name = dotted_name(words, i);
      auto bound = alias(words, i);
      if (bound && name == target) return bound;
      if (!bound && (name == target || name.starts_with(std::string(target) + "."))) {
        return std::string(target);
      }
      ++i;  // the comma
    }
    return std::nullopt;
  }
  std::string from = dotted_name(words, i);
  if (i >= words.size() || words[i] != "import") return std::nullopt;
  for (++i; i < words.size(); ++i) {
    std::string name(words[i++]);
    auto bound = alias(words, i);
    if (from + "." + name == target) return bound ? *bound : name;
  }
  return std::nullopt;
}

bool is_import(const PyModule& module, const PyStatement& statement) {
  std::string_view keyword = statement.keyword(module.source, module.tokens);
  return !statement.compound && (keyword == "import" || keyword == "from");
}

}  // namespace

std::optional<std::string> module_reference(const PyModule& module, std::string_view target) {
  for (const PyStatement& statement : module.statements) {
    if (!is_import(module, statement)) continue;
    if (auto reference = reference_in(import_words(module, statement), target)) return reference;
  }
  return std::nullopt;
}

std::string module_reference_or_import(const PyModule& module, const std::string& path,
                                       std::string_view target, std::string_view fallback,
                                       std::string_view import_line, std::vector<TextEdit>& edits) {
  if (auto reference = module_reference(module, target)) return *reference;
  // After the line of the last import, so a comment ending it stays with it.
  size_t at = 0;
  for (const PyStatement& statement : module.statements) {
    if (!is_import(module, statement)) continue;
    size_t newline = module.source.find('\n', module.tokens[statement.last - 1].end);
    at = newline == std::string_view::npos ? module.source.size() : newline + 1;
  }
  std::string line(import_line);
  if (at == module.source.size() && at > 0 && module.source.back() != '\n') line = "\n" + line;
  edits.push_back({path, at, at, line + "\n"});
  return std::string(fallback);
}

}  // namespace migcheck
