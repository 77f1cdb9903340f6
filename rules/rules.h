#pragma once
#include "linter/rule.h"

// Every rule's definition, one file each in rules/; registry.cpp lists them.
namespace migcheck {

extern const Rule kAddingNotNullColumnRule;
extern const Rule kChangingColumnTypeRule;
extern const Rule kCreatingIndexNonConcurrentlyRule;
extern const Rule kDroppingColumnRule;
extern const Rule kDroppingTableRule;
extern const Rule kRenamingColumnRule;
extern const Rule kRenamingTableRule;

}  // namespace migcheck
