#include "fix/complete_fixes.h"

#include <algorithm>

#include "fix/alembic_fixes.h"
#include "fix/layout_fixes.h"
#include "fix/not_null_fixes.h"
#include "fix/not_valid_fixes.h"

namespace migcheck {

void complete_fixes(const MigrationSet& set, std::vector<Finding>& findings, int pg_version) {
  for (Finding& finding : findings) {
    add_alembic_fixes(set, finding);
    add_not_valid_fix(set, finding);
    add_set_not_null_fix(set, finding, pg_version);
    std::erase_if(finding.fixes, [&](Fix& fix) {
      if (!fix.outside_transaction) return false;
      bool done = set.format == MigrationFormat::alembic
                      ? wrap_alembic_call_in_autocommit_block(set, fix)
                      : run_outside_transaction(set, fix);
      fix.outside_transaction = false;
      return !done;
    });
  }
}

}  // namespace migcheck
