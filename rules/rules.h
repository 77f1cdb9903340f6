#pragma once
#include "linter/rule.h"

// Every rule's definition, one file each in rules/; registry.cpp lists them.
namespace migcheck {

extern const Rule kAddingCheckConstraintRule;
extern const Rule kAddingColumnWithVolatileDefaultRule;
extern const Rule kAddingDomainConstraintRule;
extern const Rule kAddingEnumValueInTransactionRule;
extern const Rule kAddingExclusionConstraintRule;
extern const Rule kAddingForeignKeyRule;
extern const Rule kAddingIdentityColumnRule;
extern const Rule kAddingNotNullColumnRule;
extern const Rule kAddingPrimaryKeyRule;
extern const Rule kAddingSerialColumnRule;
extern const Rule kAddingStoredGeneratedColumnRule;
extern const Rule kAddingUniqueConstraintRule;
extern const Rule kAttachingPartitionRule;
extern const Rule kBanningCharRule;
extern const Rule kChangingColumnTypeRule;
extern const Rule kConcurrentlyInTransactionRule;
extern const Rule kCreatingIndexNonConcurrentlyRule;
extern const Rule kDetachingPartitionRule;
extern const Rule kDroppingColumnRule;
extern const Rule kDroppingDatabaseRule;
extern const Rule kDroppingIndexNonConcurrentlyRule;
extern const Rule kDroppingNotNullRule;
extern const Rule kDroppingSchemaRule;
extern const Rule kDroppingTableRule;
extern const Rule kDuplicateColumnAssignmentRule;
extern const Rule kForeignKeyWithoutIndexRule;
extern const Rule kHoldingExclusiveLockRule;
extern const Rule kIdentifierTooLongRule;
extern const Rule kLockingTableRule;
extern const Rule kMissingLockTimeoutRule;
extern const Rule kMissingStatementTimeoutRule;
extern const Rule kMixingDataAndSchemaChangesRule;
extern const Rule kPreferBigintRule;
extern const Rule kPreferIdentityRule;
extern const Rule kPreferJsonbRule;
extern const Rule kPreferRobustStatementsRule;
extern const Rule kPreferTextRule;
extern const Rule kPreferTimestamptzRule;
extern const Rule kRefreshingMaterializedViewRule;
extern const Rule kReindexingNonConcurrentlyRule;
extern const Rule kRenamingColumnRule;
extern const Rule kRenamingTableRule;
extern const Rule kRewritingTableRule;
extern const Rule kSettingNotNullRule;
extern const Rule kTransactionNestingRule;
extern const Rule kTruncatingTableRule;
extern const Rule kUnboundedUpdateOrDeleteRule;
extern const Rule kUncommittedTransactionRule;
extern const Rule kUnqualifiedTableNameRule;
extern const Rule kValidatingInSameTransactionRule;

// Issue 15 (squawk parity, on by default there).
extern const Rule kAddingEnumValueWithoutPositionRule;
extern const Rule kAlteringIdentityRule;
extern const Rule kCreatingDomainWithConstraintRule;
extern const Rule kDroppingConstraintRule;
extern const Rule kDroppingDefaultRule;
extern const Rule kDroppingDomainRule;
extern const Rule kDroppingExtensionRule;
extern const Rule kDroppingFunctionRule;
extern const Rule kDroppingGenerationExpressionRule;
extern const Rule kDroppingSequenceRule;
extern const Rule kDroppingTypeRule;
extern const Rule kDroppingViewRule;
extern const Rule kRenamingObjectRule;
extern const Rule kSettingSchemaRule;

// Issue 15: opt-in policy rules and further hazards.
extern const Rule kAddingCascadingForeignKeyRule;
extern const Rule kAddingColumnRule;
extern const Rule kAddingCompositeAttributeRule;
extern const Rule kAddingEnumValueRule;
extern const Rule kAddingUniqueIndexOverExistingRowsRule;
extern const Rule kAddingWriteRestrictionRule;
extern const Rule kAlteringDatabaseRule;
extern const Rule kAlteringExtensionRule;
extern const Rule kAlteringFunctionOptionsRule;
extern const Rule kAlteringRoleRule;
extern const Rule kAlteringSequenceRule;
extern const Rule kAlteringSystemRule;
extern const Rule kAlteringViewOptionsRule;
extern const Rule kChangingReplicaIdentityRule;
extern const Rule kChangingRowLevelSecurityRule;
extern const Rule kCreatingRuleRule;
extern const Rule kCreatingTriggerRule;
extern const Rule kDetachingInheritanceRule;
extern const Rule kDisablingTriggerRule;
extern const Rule kDroppingIndexRule;
extern const Rule kDroppingPolicyRule;
extern const Rule kDroppingTriggerRule;
extern const Rule kForeignKeyToPartitionedTableRule;
extern const Rule kIndexingPartitionedTableRule;
extern const Rule kMultipleAlterTableStatementsRule;
extern const Rule kNotValidForeignKeyOnPartitionedTableRule;
extern const Rule kRenamingEnumValueRule;
extern const Rule kReplacingViewOrFunctionRule;
extern const Rule kRevokingPrivilegesRule;
extern const Rule kSettingColumnDefaultRule;
extern const Rule kSmallIntegerSequenceRule;

}  // namespace migcheck
