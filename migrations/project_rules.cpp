#include "migrations/project_rules.h"

namespace migcheck {

const Rule kMultipleHeads{
    .id = "multiple-heads",
    .severity = Severity::error,
    .summary = "The revision graph has more than one head",
    .rationale =
        "Two revisions share a parent, usually because two branches each added one. "
        "`alembic upgrade head` then refuses to run, and a deploy that names one head leaves the "
        "other's changes out.",
    .safe_alternative =
        "Merge the heads with `alembic merge -m \"merge heads\" HEAD1 HEAD2` (the finding names "
        "the exact command), or rebase the newer revision by pointing its down_revision at the "
        "other head.",
};

const Rule kMissingParent{
    .id = "missing-parent",
    .severity = Severity::error,
    .summary = "A revision's down_revision names no revision of the project",
    .rationale = "Alembic cannot build the revision graph and stops every command.",
    .safe_alternative =
        "Restore the missing revision file, or point down_revision at an existing revision.",
};

const Rule kDependsOnMissing{
    .id = "depends-on-missing",
    .severity = Severity::error,
    .summary = "A revision's depends_on names no revision or branch label",
    .rationale = "Alembic cannot resolve the dependency and stops every command.",
    .safe_alternative = "Fix depends_on to name an existing revision id or branch label.",
};

const Rule kRevisionCycle{
    .id = "revision-cycle",
    .severity = Severity::error,
    .summary = "Revisions form a cycle through down_revision or depends_on",
    .rationale = "A revision that descends from itself has no order to run in.",
    .safe_alternative = "Break the cycle: fix the down_revision or depends_on that points back.",
};

const Rule kDuplicateRevisionId{
    .id = "duplicate-revision-id",
    .severity = Severity::error,
    .summary = "Two revision files declare the same revision id",
    .rationale = "Alembic keeps one of them and silently never runs the other.",
    .safe_alternative =
        "Give one of them a new id, and update the down_revision that refers to it.",
};

const Rule kDuplicateBranchLabel{
    .id = "duplicate-branch-label",
    .severity = Severity::error,
    .summary = "A branch label is also a revision id, or another revision's label",
    .rationale =
        "Alembic keeps revision ids and branch labels in one map and refuses a name that is "
        "already in it: every command stops with \"Branch name ... already used by revision ...\".",
    .safe_alternative = "Rename the branch label so that it names one branch and no revision id.",
};

const Rule kDuplicateVersion{
    .id = "duplicate-version",
    .severity = Severity::error,
    .summary = "Two migration files of a numbered layout share a version",
    .rationale =
        "golang-migrate, Flyway, goose and dbmate record applied migrations by version: they "
        "refuse to run, or run only one of the two.",
    .safe_alternative = "Renumber one of the files above the newest version.",
};

const Rule kMissingDownMigration{
    .id = "missing-down-migration",
    .severity = Severity::warning,
    .summary = "A golang-migrate up migration has no down migration",
    .rationale = "The change cannot be rolled back with `migrate down` when a deploy goes wrong.",
    .safe_alternative = "Add the .down.sql file that undoes the up migration.",
};

const Rule kIrreversibleDowngrade{
    .id = "irreversible-downgrade",
    .severity = Severity::warning,
    .summary = "An Alembic downgrade() is missing, empty or raises",
    .rationale =
        "A failed deploy cannot be rolled back past this revision: `alembic downgrade` either "
        "stops or leaves the schema as the upgrade made it.",
    .safe_alternative =
        "Write a downgrade() that undoes upgrade() (drop what it added, restore what it changed). "
        "If the change truly cannot be undone, say why in a comment and suppress the finding.",
};

const Rule kUnresolvedOperation{
    .id = "unresolved-operation",
    .severity = Severity::info,
    .summary = "A migration step migcheck cannot turn into SQL without running code",
    .rationale =
        "migcheck reads Alembic revisions without running Python, so an op call whose arguments "
        "are not literals (or a goose Go migration) is not linted: its hazards go unseen.",
    .safe_alternative =
        "Write the values inline, review the step by hand, or lint with `--sql-source alembic` "
        "to ask Alembic itself for the SQL.",
};

const Rule kBranchConflict{
    .id = "branch-conflict",
    .severity = Severity::error,
    .summary = "Merging the branch into its target would leave more than one head",
    .rationale =
        "Each branch alone has one head, but both added a revision on the same parent: after "
        "the merge `alembic upgrade head` refuses to run and the deploy stops.",
    .safe_alternative =
        "Rebase the branch's revision onto the target's head (set its down_revision), or add an "
        "`alembic merge` revision after merging.",
};

const Rule kMergeConflict{
    .id = "merge-conflict",
    .severity = Severity::error,
    .summary = "A migration file conflicts in git between the branch and its target",
    .rationale = "git cannot merge the file, so the revision graph after the merge is unknown.",
    .safe_alternative = "Merge or rebase the target into the branch and resolve the conflict.",
};

const Rule kOutOfOrderVersion{
    .id = "out-of-order-version",
    .severity = Severity::error,
    .summary = "A branch adds a numbered migration below the target's newest version",
    .rationale =
        "Databases already at the newer version skip or reject the older one (golang-migrate, "
        "and Flyway without outOfOrder, refuse to apply it).",
    .safe_alternative = "Renumber the new migration above the target's newest version.",
};

const Rule kEditingAppliedMigration{
    .id = "editing-applied-migration",
    .severity = Severity::error,
    .summary = "A migration that already existed at the merge base is edited",
    .rationale =
        "Databases that already ran the migration never run it again, so they never get the "
        "edit: environments drift apart.",
    .safe_alternative = "Leave the applied migration as it was and put the change in a new one.",
};

const Rule kVagueMigrationMessage{
    .id = "vague-migration-message",
    .severity = Severity::info,
    .summary = "A migration's message says nothing about what it changes",
    .rationale =
        "Messages like \"update database\", \"fix stuff\" or Alembic's \"empty message\" end up "
        "in `alembic history`, in file names and in the deploy log: when a deploy fails, nobody "
        "can tell from them which change it was.",
    .safe_alternative =
        "Name the change: \"add users.email_verified\", \"index orders by customer_id\". For "
        "Alembic pass it with `alembic revision -m \"...\"`; for SQL layouts put it in the file "
        "name.",
};

const std::vector<const Rule*>& project_rules() {
  static const std::vector<const Rule*> rules = {
      &kBranchConflict,        &kDependsOnMissing,    &kDuplicateBranchLabel,
      &kDuplicateRevisionId,   &kDuplicateVersion,    &kEditingAppliedMigration,
      &kIrreversibleDowngrade, &kMergeConflict,       &kMissingDownMigration,
      &kMissingParent,         &kMultipleHeads,       &kOutOfOrderVersion,
      &kRevisionCycle,         &kUnresolvedOperation, &kVagueMigrationMessage};
  return rules;
}

Finding project_finding(const Rule& rule, Location location, std::string message, std::string help,
                        std::string revision) {
  Finding finding;
  finding.rule = std::string(rule.id);
  finding.severity = rule.severity;
  finding.message = std::move(message);
  finding.help = std::move(help);
  finding.location = std::move(location);
  finding.revision = std::move(revision);
  return finding;
}

Finding file_finding(const Rule& rule, std::string message, std::string help,
                     const std::string& file, const std::string& revision) {
  return project_finding(rule, {file, 1, 1, 1, 1}, std::move(message), std::move(help), revision);
}

}  // namespace migcheck
