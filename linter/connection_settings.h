#pragma once

namespace migcheck {

// The settings a unit of a migration leaves on its database connection: SET
// (not SET LOCAL) outlasts the transaction, so the migration's next unit,
// which runs on the same connection (Alembic's autocommit_block), starts
// with them.
struct ConnectionSettings {
  bool lock_timeout = false;
  bool statement_timeout = false;
  bool search_path = false;
};

}  // namespace migcheck
