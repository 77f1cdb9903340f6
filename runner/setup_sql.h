#pragma once
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "linter/finding.h"
#include "linter/source_map.h"

namespace migcheck {

// The round trip's setup SQL (--setup-sql, [roundtrip] setup): what a
// project's platform provides before its first migration (supabase's roles
// and `auth` schema, extensions only a superuser may create).

// Reads a setup file as one unit run statement by statement in autocommit, as
// `psql -f` runs it. Throws InputError naming the file when it is missing or
// unreadable, and its position when it is not valid UTF-8.
SqlUnit read_setup_sql(const std::string& path);

// Runs the units in order on `connection` and stops at the first statement
// that fails: a setup-failed finding at it, with PostgreSQL's message, or
// nullopt when all ran.
std::optional<Finding> run_setup_sql(pqxx::connection_base& connection,
                                     const std::vector<SqlUnit>& setup);

}  // namespace migcheck
