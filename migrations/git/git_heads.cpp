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

GitHeadsReport against(const GitRepository& repo, const std::string& root,
                       const GitHeadsRequest& request) {
  MergedHeads merged = heads_against(repo, root, request.options, request.against, request.rev);
  GitHeadsReport report;
  nlohmann::ordered_json heads = nlohmann::ordered_json::array();
  for (const std::string& id : merged.merged.graph.heads) {
    const Revision* revision = merged.merged.find(id);
    std::string file = revision ? revision->file : "";
    report.heads.push_back(id + " " + file);
    heads.push_back({{"revision", id}, {"file", file}});
  }
  report.summary = "merging " + request.rev + " into " + request.against + " (merge base " +
                   merged.merge_base + ") leaves " + count(heads.size(), "head", "heads");
  report.findings = std::move(merged.findings);
  report.json = {{"target", request.against},
                 {"source", request.rev},
                 {"merge_base", merged.merge_base},
                 {"format", std::string(to_string(merged.merged.format))},
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
  std::string heads;
  for (const std::string& head : scan.default_heads) heads += (heads.empty() ? "" : ", ") + head;
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
