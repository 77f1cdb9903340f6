#include "migrations/git/git_heads.h"

#include <filesystem>

#include "linter/input_error.h"
#include "migrations/git/branch_conflicts.h"
#include "migrations/git/branch_scan.h"
#include "migrations/git/repository.h"

namespace migcheck {

namespace {

std::string count(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

nlohmann::ordered_json findings_json(const std::vector<Finding>& findings) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Finding& finding : findings) {
    // The shape of `lint --format json` findings (docs/output-formats.md).
    const Location& at = finding.location;
    list.push_back({{"rule", finding.rule},
                    {"severity", std::string(to_string(finding.severity))},
                    {"message", finding.message},
                    {"help", finding.help},
                    {"location",
                     {{"file", at.file},
                      {"line", at.line},
                      {"column", at.column},
                      {"end_line", at.end_line},
                      {"end_column", at.end_column}}},
                    {"revision", finding.revision}});
  }
  return list;
}

// "leaves 1 head", "leaves one head on each of 2 labelled branches" (Alembic's
// multiple bases, upgraded with `alembic upgrade heads`), "leaves 2 heads".
std::string what_merge_leaves(const MergedHeads& merged) {
  size_t n = merged.heads.size();
  if (n > 1 && !merged.several_heads) {
    return "leaves one head on each of " + std::to_string(n) + " labelled branches";
  }
  return "leaves " + count(n, "head", "heads");
}

GitHeadsReport against(const GitRepository& repo, const std::string& root,
                       const GitHeadsRequest& request) {
  MergedHeads merged = heads_against(repo, root, request.options, request.against, request.rev);
  const std::string& source = merged.source;
  GitHeadsReport report;
  nlohmann::ordered_json heads = nlohmann::ordered_json::array();
  for (const MergedHead& head : merged.heads) {
    std::string labels = head.branch_labels.empty() ? "" : " (" + join(head.branch_labels) + ")";
    report.heads.push_back(head.id + labels + " " + head.file + "  " +
                           head_status(head, request.against, source));
    heads.push_back({{"revision", head.id},
                     {"file", head.file},
                     {"branch_labels", head.branch_labels},
                     {"head_on_target", head.on_target},
                     {"head_on_source", head.on_source},
                     {"added_by_merge", !head.on_target}});
  }
  report.summary = "merging " + source + " into " + request.against + " (merge base " +
                   merged.merge_base + ") " + what_merge_leaves(merged) + " (" + request.against +
                   " has " + count(merged.target_heads.size(), "head", "heads") + ", " + source +
                   " has " + std::to_string(merged.source_heads.size()) + ")";
  report.findings = std::move(merged.findings);
  report.json = {{"target", request.against},
                 {"source", request.rev},
                 {"merge_base", merged.merge_base},
                 {"format", std::string(to_string(merged.merged.format))},
                 {"target_heads", merged.target_heads},
                 {"source_heads", merged.source_heads},
                 {"heads", heads},
                 {"findings", findings_json(report.findings)}};
  return report;
}

GitHeadsReport all_branches(const GitRepository& repo, const std::string& root,
                            const GitHeadsRequest& request) {
  BranchScan scan = scan_branches(repo, root, request.options, request.branches);
  GitHeadsReport report;
  report.table.push_back({"RULE", "SHARED PARENT", "BRANCH", "REVISION", "FILE", "COMMIT"});
  for (const BranchConflict& conflict : scan.conflicts) {
    for (const BranchRevision& revision : conflict.revisions) {
      std::string commit = revision.commit.empty() ? "" : revision.commit + " " + revision.author;
      report.table.push_back(
          {conflict.rule, conflict.parent, revision.branch, revision.id, revision.file, commit});
    }
  }
  std::string heads = join(scan.default_heads);
  report.summary = count(scan.checked.size(), "branch", "branches") + " checked against " +
                   scan.default_branch + " (head " + heads + "), " +
                   std::to_string(scan.merged.size()) + " already merged, " +
                   count(scan.conflicts.size(), "conflict", "conflicts");
  for (const std::string& problem : scan.unreadable) {
    report.summary += "; unreadable: " + problem;
  }
  report.findings = branch_scan_findings(scan);
  report.json = branch_scan_json(scan);
  return report;
}

}  // namespace

GitHeadsReport git_heads(const GitHeadsRequest& request) {
  if (request.all_branches && !request.against.empty()) {
    throw InputError("--against and --all-branches are two different checks: give one");
  }
  if (!request.all_branches && !request.branches.empty()) {
    throw InputError("--branches only applies with --all-branches");
  }
  if (request.against.empty() && request.rev != "HEAD") {
    throw InputError("--rev names the side merged into --against REF: give --against too");
  }
  // A bare repository has no files on disk: --project is then a path inside
  // its tree, and the repository is the one we are in.
  std::error_code ec;
  bool on_disk = std::filesystem::exists(request.project_directory, ec);
  GitRepository repo = GitRepository::open(on_disk ? request.project_directory : ".");
  std::string root = repo.tree_path(request.project_directory);
  return request.all_branches ? all_branches(repo, root, request) : against(repo, root, request);
}

}  // namespace migcheck
