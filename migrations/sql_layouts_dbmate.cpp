#include <map>
#include <regex>

#include "migrations/alembic_config.h"
#include "migrations/sql_layouts.h"

namespace migcheck {

namespace {

struct Directive {
  size_t begin = std::string::npos;  // start of the "-- migrate:..." line
  size_t body = std::string::npos;   // first byte after that line
  bool transaction = true;
};

// Finds a "-- migrate:up" / "-- migrate:down" line the way dbmate's regular
// expressions do, with its options ("transaction:false").
Directive find_directive(const std::string& text, const std::string& kind) {
  std::regex pattern("(^|\n)--[ \t]*migrate:" + kind + "([ \t][^\r\n]*)?(\r?\n|$)");
  std::smatch match;
  Directive directive;
  if (!std::regex_search(text, match, pattern)) return directive;
  directive.begin = static_cast<size_t>(match.position(0)) + match[1].length();
  directive.body = static_cast<size_t>(match.position(0) + match.length(0));
  static const std::regex no_transaction("(^|[ \t])transaction:false([ \t]|$)");
  directive.transaction = !std::regex_search(match[2].str(), no_transaction);
  return directive;
}

}  // namespace

MigrationSet load_dbmate(const FileTree& tree, const std::string& directory) {
  static const std::regex pattern("^([0-9]+).*\\.sql$");  // dbmate's migration file pattern
  MigrationSet set;
  set.format = MigrationFormat::dbmate;
  set.root = directory;
  std::map<std::string, std::string> first_file_of_version;
  for (const auto& name : list_files(tree, directory)) {
    std::smatch match;
    if (!std::regex_match(name, match, pattern)) continue;
    std::string path = join_tree_path(directory, name);
    auto file = read_source(tree, path);
    Revision revision;
    revision.id = match[1];
    revision.file = file->path();
    size_t underscore = name.find('_');
    revision.message = underscore == std::string::npos
                           ? ""
                           : name.substr(underscore + 1, name.size() - underscore - 5);
    auto [seen, fresh] = first_file_of_version.emplace(revision.id, revision.file);
    if (!fresh) {
      set.graph_findings.push_back(file_finding(
          kDuplicateVersion, "version " + revision.id + " is also used by " + seen->second,
          "dbmate records applied versions by number; give this migration a new timestamp",
          revision.file, revision.id));
    }
    const std::string& text = file->text();
    Directive up = find_directive(text, "up");
    Directive down = find_directive(text, "down");
    if (up.begin == std::string::npos) {
      fail_in_file(*file, 0,
                   "dbmate requires each migration to define an up block with '-- migrate:up'");
    }
    if (down.begin != std::string::npos && down.begin < up.begin) {
      fail_in_file(*file, down.begin, "'-- migrate:down' must come after '-- migrate:up'");
    }
    require_only_comments_before(*file, up.begin,
                                 "dbmate does not support statements outside the "
                                 "'-- migrate:up' or '-- migrate:down' blocks");
    size_t up_end = down.begin == std::string::npos ? text.size() : down.begin;
    revision.up.push_back(sql_unit_for_range(file, up.body, up_end, up.transaction));
    revision.has_down = down.begin != std::string::npos;
    if (revision.has_down) {
      revision.down.push_back(sql_unit_for_range(file, down.body, text.size(), down.transaction));
    }
    set.revisions.push_back(std::move(revision));
  }
  chain_revisions(set.revisions);
  return set;
}

}  // namespace migcheck
