#include "migrations/git/branch_scan.h"

namespace migcheck {

std::vector<Finding> branch_scan_findings(const BranchScan& scan) {
  std::vector<Finding> findings;
  for (const BranchConflict& conflict : scan.conflicts) {
    Finding finding;
    finding.rule = conflict.rule;
    finding.severity = Severity::error;
    finding.message = conflict.message;
    finding.help = conflict.help;
    if (!conflict.revisions.empty()) {
      finding.location = {conflict.revisions.front().file, 1, 1, 1, 1};
      finding.revision = conflict.revisions.front().id;
    }
    findings.push_back(std::move(finding));
  }
  sort_findings(findings);
  return findings;
}

nlohmann::json branch_scan_json(const BranchScan& scan) {
  nlohmann::json conflicts = nlohmann::json::array();
  for (const BranchConflict& conflict : scan.conflicts) {
    nlohmann::json revisions = nlohmann::json::array();
    for (const BranchRevision& revision : conflict.revisions) {
      revisions.push_back({{"branch", revision.branch},
                           {"revision", revision.id},
                           {"parents", revision.parents},
                           {"file", revision.file},
                           {"commit", revision.commit},
                           {"author", revision.author}});
    }
    conflicts.push_back({{"rule", conflict.rule},
                         {"parent", conflict.parent},
                         {"default_head", conflict.default_head},
                         {"revisions", revisions},
                         {"message", conflict.message},
                         {"help", conflict.help}});
  }
  return {{"default_branch", scan.default_branch},
          {"format", std::string(to_string(scan.format))},
          {"default_heads", scan.default_heads},
          {"checked", scan.checked},
          {"merged", scan.merged},
          {"unreadable", scan.unreadable},
          {"conflicts", conflicts}};
}

}  // namespace migcheck
