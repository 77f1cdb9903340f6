#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "linter/source_file.h"
#include "linter/source_map.h"

namespace migcheck {

// The Python that can run the project's Alembic: the first of `python3` on
// PATH and /usr/bin/python3 that can `import alembic`; nullopt when neither can.
std::optional<std::string> find_alembic_python();

// One revision's upgrade SQL as the real Alembic prints it in offline mode.
struct OfflineSqlRequest {
  std::string python;                  // from find_alembic_python()
  std::string project_dir;             // where alembic.ini is (Alembic runs there)
  std::string config = "alembic.ini";  // relative to project_dir, or absolute
  std::string revision;
  std::vector<std::string> parents;  // empty for a base revision
  // The revision's .py file: every statement is located at its upgrade()
  // (or the file's start), since Alembic's output carries no positions.
  std::shared_ptr<const SourceFile> file;
};

// Runs `<python> -m alembic -c <config> upgrade <parent>:<revision> --sql`
// (just `upgrade <revision> --sql` for a base) and returns that revision's
// section of the output as units: statements between BEGIN and COMMIT are
// transactional, those outside (an autocommit_block, or an env.py without
// transactions) are not. Alembic's own alembic_version bookkeeping is left
// out. Throws InputError with Alembic's last error line when it fails.
std::vector<SqlUnit> alembic_offline_upgrade_sql(const OfflineSqlRequest& request);

}  // namespace migcheck
