#include "rules/registry.h"

#include <algorithm>

#include "linter/linter.h"
#include "linter/suppressions.h"
#include "rules/rules.h"

namespace migcheck {

const std::vector<const Rule*>& all_rules() {
  static const std::vector<const Rule*> rules = [] {
    std::vector<const Rule*> list = {
        &kAddingCheckConstraintRule,
        &kAddingColumnWithVolatileDefaultRule,
        &kAddingDomainConstraintRule,
        &kAddingEnumValueInTransactionRule,
        &kAddingExclusionConstraintRule,
        &kAddingForeignKeyRule,
        &kAddingIdentityColumnRule,
        &kAddingNotNullColumnRule,
        &kAddingPrimaryKeyRule,
        &kAddingSerialColumnRule,
        &kAddingStoredGeneratedColumnRule,
        &kAddingUniqueConstraintRule,
        &kAttachingPartitionRule,
        &kBanningCharRule,
        &kChangingColumnTypeRule,
        &kConcurrentlyInTransactionRule,
        &kCreatingIndexNonConcurrentlyRule,
        &kDetachingPartitionRule,
        &kDroppingColumnRule,
        &kDroppingDatabaseRule,
        &kDroppingIndexNonConcurrentlyRule,
        &kDroppingNotNullRule,
        &kDroppingSchemaRule,
        &kDroppingTableRule,
        &kDuplicateColumnAssignmentRule,
        &kForeignKeyWithoutIndexRule,
        &kHoldingExclusiveLockRule,
        &kIdentifierTooLongRule,
        &kLockingTableRule,
        &kMissingLockTimeoutRule,
        &kMissingStatementTimeoutRule,
        &kMixingDataAndSchemaChangesRule,
        &kPreferBigintRule,
        &kPreferIdentityRule,
        &kPreferJsonbRule,
        &kPreferRobustStatementsRule,
        &kPreferTextRule,
        &kPreferTimestamptzRule,
        &kRefreshingMaterializedViewRule,
        &kReindexingNonConcurrentlyRule,
        &kRenamingColumnRule,
        &kRenamingTableRule,
        &kRewritingTableRule,
        &kSettingNotNullRule,
        &kTransactionNestingRule,
        &kTruncatingTableRule,
        &kUnboundedUpdateOrDeleteRule,
        &kUncommittedTransactionRule,
        &kUnqualifiedTableNameRule,
        &kValidatingInSameTransactionRule,
        // Issue 15: opt-in policy rules and further hazards.
        &kAddingCascadingForeignKeyRule,
        &kAddingColumnRule,
        &kAddingCompositeAttributeRule,
        &kAddingEnumValueRule,
        &kAddingUniqueIndexOverExistingRowsRule,
        &kAddingWriteRestrictionRule,
        &kAlteringDatabaseRule,
        &kAlteringExtensionRule,
        &kAlteringFunctionOptionsRule,
        &kAlteringRoleRule,
        &kAlteringSequenceRule,
        &kAlteringSystemRule,
        &kAlteringViewOptionsRule,
        &kChangingReplicaIdentityRule,
        &kChangingRowLevelSecurityRule,
        &kCreatingRuleRule,
        &kCreatingTriggerRule,
        &kDetachingInheritanceRule,
        &kDisablingTriggerRule,
        &kDroppingIndexRule,
        &kDroppingPolicyRule,
        &kDroppingTriggerRule,
        &kForeignKeyToPartitionedTableRule,
        &kIndexingPartitionedTableRule,
        &kMultipleAlterTableStatementsRule,
        &kNotValidForeignKeyOnPartitionedTableRule,
        &kRenamingEnumValueRule,
        &kReplacingViewOrFunctionRule,
        &kRevokingPrivilegesRule,
        &kSettingColumnDefaultRule,
        &kSmallIntegerSequenceRule,
        &kSyntaxErrorRule,
        &kUnusedSuppressionRule,
        // Issue 15 (squawk parity, on by default there).
        &kAddingEnumValueWithoutPositionRule,
        &kAlteringIdentityRule,
        &kCreatingDomainWithConstraintRule,
        &kDroppingConstraintRule,
        &kDroppingDefaultRule,
        &kDroppingDomainRule,
        &kDroppingExtensionRule,
        &kDroppingFunctionRule,
        &kDroppingGenerationExpressionRule,
        &kDroppingSequenceRule,
        &kDroppingTypeRule,
        &kDroppingViewRule,
        &kRenamingObjectRule,
        &kSettingSchemaRule,
    };
    std::sort(list.begin(), list.end(), [](const Rule* a, const Rule* b) { return a->id < b->id; });
    return list;
  }();
  return rules;
}

const Rule* find_rule(std::string_view id) {
  for (const Rule* rule : all_rules()) {
    if (rule->id == id) return rule;
  }
  return nullptr;
}

}  // namespace migcheck
