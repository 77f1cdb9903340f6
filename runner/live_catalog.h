#pragma once
#include <pqxx/pqxx>

#include "linter/catalog.h"

namespace migcheck {

// The linter's schema memory as a live server has it now: every table
// (columns with their exact types, NOT NULL, defaults, identity and generated
// columns), constraint (validated or NOT VALID), index, materialized view and
// function volatility of the user schemas. Everything in it pre-exists the
// next statement (history known, no table new), so a rule linting a statement
// that really ran knows exactly what it met instead of guessing.
//
// Built by replaying DDL that the server itself writes (format_type,
// pg_get_constraintdef, pg_get_indexdef) through Catalog::apply, so names and
// types are normalised exactly as when the catalog reads a migration. Reads
// catalogs only. Call on a BigStackThread: the DDL is parsed.
Catalog live_catalog(pqxx::connection& connection);

}  // namespace migcheck
