#include <algorithm>
#include <regex>

#include "linter/input_error.h"
#include "migrations/alembic_config.h"
#include "migrations/flyway_config.h"
#include "migrations/sql_layouts.h"

namespace migcheck {

namespace {

// A Flyway version: numeric parts compared one by one, missing parts count as
// zero ("1.1" < "1.10", "1" == "1.0"). Parts are kept as digit strings so
// large date-like versions do not overflow.
struct FlywayVersion {
  std::vector<std::string> parts;
  std::string text;  // as Flyway prints it, '_' read as '.'
};

int compare_part(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return a.compare(b) < 0 ? -1 : (a == b ? 0 : 1);
}

int compare(const FlywayVersion& a, const FlywayVersion& b) {
  size_t n = std::max(a.parts.size(), b.parts.size());
  for (size_t i = 0; i < n; ++i) {
    std::string left = i < a.parts.size() ? a.parts[i] : "0";
    std::string right = i < b.parts.size() ? b.parts[i] : "0";
    if (int c = compare_part(left, right)) return c;
  }
  return 0;
}

FlywayVersion parse_version(const std::string& raw, const std::string& file) {
  FlywayVersion version;
  std::string text = raw;
  std::replace(text.begin(), text.end(), '_', '.');
  version.text = text;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('.', start);
    if (end == std::string::npos) end = text.size();
    std::string part = text.substr(start, end - start);
    if (part.empty() || part.find_first_not_of("0123456789") != std::string::npos) {
      throw InputError(file + ":1:1: Flyway version '" + raw +
                       "' is not numbers separated by '.' or '_'");
    }
    size_t first = part.find_first_not_of('0');
    version.parts.push_back(first == std::string::npos ? "0" : part.substr(first));
    start = end + 1;
  }
  return version;
}

// Files below `directory`, recursively (Flyway scans its locations deeply),
// as tree paths in name order.
void collect(const FileTree& tree, const std::string& directory, std::vector<std::string>& out) {
  auto entries = tree.list(directory);
  if (!entries) return;
  for (const auto& entry : *entries) {
    std::string path = join_tree_path(directory, entry.name);
    if (entry.is_directory) {
      collect(tree, path, out);
    } else {
      out.push_back(path);
    }
  }
}

std::string file_name(const std::string& path) {
  return path.substr(path.rfind('/') + 1);
}

// Flyway runs a migration in a transaction unless its script configuration
// says executeInTransaction=false or it holds a statement PostgreSQL refuses
// inside a transaction block, which Flyway's PostgreSQL parser detects.
bool runs_in_transaction(const FileTree& tree, const std::string& path, const std::string& sql) {
  if (auto conf = tree.read(path + ".conf")) {
    static const std::regex off("(^|\n)[ \t]*executeInTransaction[ \t]*=[ \t]*false",
                                std::regex::icase);
    if (std::regex_search(*conf, off)) return false;
  }
  static const std::regex non_transactional(
      "^\\s*(create\\s+(unique\\s+)?index\\s+concurrently|drop\\s+index\\s+concurrently|"
      "reindex\\b[^;]*\\bconcurrently|vacuum|create\\s+database|drop\\s+database|"
      "alter\\s+system|create\\s+tablespace|drop\\s+tablespace|create\\s+subscription|"
      "drop\\s+subscription)\\b",
      std::regex::icase);
  for (std::string_view statement : split_sql_statements(sql)) {
    if (std::regex_search(std::string(statement), non_transactional)) return false;
  }
  return true;
}

std::string description(const std::string& raw) {
  std::string text = raw;
  std::replace(text.begin(), text.end(), '_', ' ');
  return text;
}

// A file name read as Flyway's resource name parser reads it.
struct FlywayName {
  enum class Kind { versioned, undo, repeatable } kind;
  std::string version;      // empty for a repeatable migration
  std::string description;  // as written, '_' not yet read as ' '
  std::string stem;         // the name without its suffix
};

// <prefix><version><separator><description><suffix>, the longest matching
// prefix deciding the kind; nullopt for a file that is not a SQL migration
// (another suffix, no separator, or a repeatable one with a version), which
// Flyway skips.
std::optional<FlywayName> parse_name(const std::string& name, const FlywayNaming& naming) {
  std::string stem;
  for (const auto& suffix : naming.suffixes) {
    if (name.size() > suffix.size() && name.ends_with(suffix)) {
      stem = name.substr(0, name.size() - suffix.size());
      break;
    }
  }
  if (stem.empty()) return std::nullopt;
  const std::pair<const std::string*, FlywayName::Kind> prefixes[] = {
      {&naming.versioned_prefix, FlywayName::Kind::versioned},
      {&naming.undo_prefix, FlywayName::Kind::undo},
      {&naming.repeatable_prefix, FlywayName::Kind::repeatable}};
  const std::pair<const std::string*, FlywayName::Kind>* best = nullptr;
  for (const auto& prefix : prefixes) {
    if (stem.starts_with(*prefix.first) && (!best || prefix.first->size() > best->first->size())) {
      best = &prefix;
    }
  }
  if (!best) return std::nullopt;
  size_t separator = stem.find(naming.separator, best->first->size());
  if (separator == std::string::npos) return std::nullopt;
  FlywayName parsed{best->second, stem.substr(best->first->size(), separator - best->first->size()),
                    stem.substr(separator + naming.separator.size()), stem};
  bool repeatable = parsed.kind == FlywayName::Kind::repeatable;
  if (repeatable != parsed.version.empty()) return std::nullopt;
  return parsed;
}

struct Versioned {
  FlywayVersion version;
  std::string path;
  std::string description;
};

SqlUnit flyway_unit(const FileTree& tree, const std::string& path,
                    const std::shared_ptr<const SourceFile>& file) {
  SqlUnit unit = sql_unit_for_range(file, 0, file->text().size(), true);
  unit.transactional = runs_in_transaction(tree, path, unit.sql);
  return unit;
}

}  // namespace

MigrationSet load_flyway(const FileTree& tree, const std::string& directory) {
  return load_flyway(tree, FlywayProject{directory, {directory}, {}});
}

MigrationSet load_flyway(const FileTree& tree, const FlywayProject& project) {
  // Flyway scans every location and orders what it finds as one list; a
  // location inside another is scanned once.
  std::vector<std::string> paths;
  for (const auto& location : project.locations) collect(tree, location, paths);
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  std::vector<Versioned> ups, undos;
  std::vector<std::pair<std::string, std::string>> repeatables;  // description, path
  for (const auto& path : paths) {
    auto name = parse_name(file_name(path), project.naming);
    if (!name) continue;
    if (name->kind == FlywayName::Kind::repeatable) {
      repeatables.emplace_back(description(name->description), path);
      continue;
    }
    Versioned entry{parse_version(name->version, tree.display_path(path)), path,
                    description(name->description)};
    (name->kind == FlywayName::Kind::versioned ? ups : undos).push_back(std::move(entry));
  }
  std::stable_sort(ups.begin(), ups.end(), [](const Versioned& a, const Versioned& b) {
    return compare(a.version, b.version) < 0;
  });
  std::sort(repeatables.begin(), repeatables.end());

  MigrationSet set;
  set.format = MigrationFormat::flyway;
  set.root = project.directory;
  for (size_t i = 0; i < ups.size(); ++i) {
    const Versioned& up = ups[i];
    if (i > 0 && compare(ups[i - 1].version, up.version) == 0) {
      set.graph_findings.push_back(file_finding(
          kDuplicateVersion,
          "version " + up.version.text + " is also used by " + tree.display_path(ups[i - 1].path),
          "Flyway refuses to migrate with two migrations of one version; renumber one of them",
          tree.display_path(up.path), up.version.text));
    }
    Revision revision;
    revision.id = up.version.text;
    revision.message = up.description;
    auto file = read_source(tree, up.path);
    revision.file = file->path();
    revision.up.push_back(flyway_unit(tree, up.path, file));
    auto undo = std::find_if(undos.begin(), undos.end(), [&](const Versioned& u) {
      return compare(u.version, up.version) == 0;
    });
    revision.has_down = undo != undos.end();
    if (revision.has_down)
      revision.down.push_back(flyway_unit(tree, undo->path, read_source(tree, undo->path)));
    set.revisions.push_back(std::move(revision));
  }
  // Repeatable migrations run after the versioned ones, in description order,
  // again whenever they change: there is nothing to undo them with.
  for (const auto& [text, path] : repeatables) {
    Revision revision;
    revision.id = parse_name(file_name(path), project.naming)->stem;
    revision.message = text;
    auto file = read_source(tree, path);
    revision.file = file->path();
    revision.up.push_back(flyway_unit(tree, path, file));
    revision.has_down = false;
    set.revisions.push_back(std::move(revision));
  }
  chain_revisions(set.revisions);
  return set;
}

}  // namespace migcheck
