#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string_view>

#include "linter/input_error.h"
#include "migrations/alembic_config.h"
#include "migrations/sql_layouts.h"

namespace migcheck {

namespace {

// A "-- +goose ..." annotation: goose reads them case-insensitively, each on
// a line of its own with no leading blanks.
struct Annotation {
  std::string command;  // lower-cased, blanks collapsed: "up", "no transaction"
  size_t begin = 0;     // start of its line
  size_t body = 0;      // first byte after its line
};

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

// The command of an annotation line ("--", blanks, "+goose", blanks,
// command), or nullopt for any other line.
std::optional<std::string> annotation_command(std::string_view line) {
  if (!line.starts_with("--")) return std::nullopt;
  size_t at = 2;
  if (at == line.size() || !is_blank(line[at])) return std::nullopt;
  while (at < line.size() && is_blank(line[at])) ++at;
  static constexpr std::string_view kGoose = "+goose";
  for (char expected : kGoose) {
    if (at == line.size() || std::tolower(static_cast<unsigned char>(line[at])) != expected) {
      return std::nullopt;
    }
    ++at;
  }
  if (at == line.size() || !is_blank(line[at])) return std::nullopt;
  std::string command;
  bool blank = false;
  for (; at < line.size(); ++at) {
    if (is_blank(line[at]) || line[at] == '\r') {
      blank = !command.empty();
      continue;
    }
    if (blank) command += ' ';
    blank = false;
    command += static_cast<char>(std::tolower(static_cast<unsigned char>(line[at])));
  }
  return command;
}

std::vector<Annotation> find_annotations(const std::string& text) {
  std::vector<Annotation> annotations;
  for (size_t begin = 0; begin < text.size();) {
    size_t newline = text.find('\n', begin);
    size_t end = newline == std::string::npos ? text.size() : newline;
    if (auto command = annotation_command(std::string_view(text).substr(begin, end - begin))) {
      annotations.push_back({std::move(*command), begin, std::min(end + 1, text.size())});
    }
    begin = end + 1;
  }
  return annotations;
}

struct Sections {
  Annotation up;
  std::optional<Annotation> down;
  bool transaction = true;
};

Sections read_sections(const SourceFile& file) {
  static const char* const kKnown[] = {"statementbegin", "statementend", "envsub on", "envsub off"};
  std::optional<Annotation> up;
  Sections sections;
  for (Annotation& annotation : find_annotations(file.text())) {
    if (annotation.command == "up") {
      if (up) fail_in_file(file, annotation.begin, "a second '-- +goose Up' annotation");
      up = annotation;
    } else if (annotation.command == "down") {
      if (!up)
        fail_in_file(file, annotation.begin, "'-- +goose Down' must come after '-- +goose Up'");
      if (sections.down)
        fail_in_file(file, annotation.begin, "a second '-- +goose Down' annotation");
      sections.down = annotation;
    } else if (annotation.command == "no transaction") {
      sections.transaction = false;
    } else if (std::find(std::begin(kKnown), std::end(kKnown), annotation.command) ==
               std::end(kKnown)) {
      fail_in_file(file, annotation.begin, "unknown goose annotation '" + annotation.command + "'");
    }
  }
  if (!up) fail_in_file(file, 0, "a goose migration needs a '-- +goose Up' annotation");
  sections.up = *up;
  require_only_comments_before(file, up->begin,
                               "goose runs no SQL before the '-- +goose Up' annotation");
  return sections;
}

// goose's version: the positive integer before the first '_' of the name.
std::optional<long long> goose_version(const std::string& name) {
  size_t underscore = name.find('_');
  if (underscore == 0 || underscore == std::string::npos) return std::nullopt;
  long long version = 0;
  for (size_t i = 0; i < underscore; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(name[i])) || version > 100000000000000000LL) {
      return std::nullopt;
    }
    version = version * 10 + (name[i] - '0');
  }
  if (version <= 0) return std::nullopt;
  return version;
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string message_of(const std::string& name) {
  size_t underscore = name.find('_');
  return name.substr(underscore + 1, name.rfind('.') - underscore - 1);
}

}  // namespace

bool is_goose_migration(const std::string& text) {
  auto annotations = find_annotations(text);
  return std::any_of(annotations.begin(), annotations.end(),
                     [](const Annotation& annotation) { return annotation.command == "up"; });
}

MigrationSet load_goose(const FileTree& tree, const std::string& directory) {
  std::map<long long, std::vector<std::string>> files_of_version;
  for (const auto& name : list_files(tree, directory)) {
    bool sql = ends_with(name, ".sql");
    bool go = ends_with(name, ".go") && !ends_with(name, "_test.go");
    if (!sql && !go) continue;
    std::optional<long long> version = goose_version(name);
    if (!version) {
      if (go) continue;  // a Go source file that is not a migration
      throw InputError(tree.display_path(join_tree_path(directory, name)) +
                       ":1:1: goose needs a positive version number before the first '_' of "
                       "a migration's name");
    }
    files_of_version[*version].push_back(name);
  }

  MigrationSet set;
  set.format = MigrationFormat::goose;
  set.root = directory;
  for (const auto& [version, names] : files_of_version) {
    Revision revision;
    revision.id = std::to_string(version);
    revision.message = message_of(names.front());
    auto file = read_source(tree, join_tree_path(directory, names.front()));
    revision.file = file->path();
    for (size_t i = 1; i < names.size(); ++i) {
      set.graph_findings.push_back(file_finding(
          kDuplicateVersion, "version " + revision.id + " is also used by " + revision.file,
          "goose refuses to run with duplicate versions; renumber one of the files",
          tree.display_path(join_tree_path(directory, names[i])), revision.id));
    }
    if (ends_with(names.front(), ".go")) {
      revision.has_down = false;
      revision.read_findings.push_back(file_finding(
          kUnresolvedOperation,
          "goose Go migration " + revision.id + " is not read: migcheck lints SQL migrations",
          "Review this migration by hand, or write it as a .sql migration.", revision.file,
          revision.id));
      set.revisions.push_back(std::move(revision));
      continue;
    }
    Sections sections = read_sections(*file);
    const std::string& text = file->text();
    size_t up_end = sections.down ? sections.down->begin : text.size();
    revision.up.push_back(sql_unit_for_range(file, sections.up.body, up_end, sections.transaction));
    revision.has_down = sections.down.has_value();
    if (sections.down) {
      revision.down.push_back(
          sql_unit_for_range(file, sections.down->body, text.size(), sections.transaction));
    }
    set.revisions.push_back(std::move(revision));
  }
  chain_revisions(set.revisions);
  return set;
}

}  // namespace migcheck
