#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "runner/seed_random.h"
#include "runner/seeder_catalog.h"

namespace migcheck {

// A value for `column` in PostgreSQL's text input form, or nullopt when the
// seeder has no way to make one of its type. Ordinary values are mixed with
// those production data has: empty strings, text that is not a number or a
// date, leading and trailing spaces, mixed case, non-ASCII, the type's
// extremes, and values that repeat. For a unique column the value is built
// from `ordinal`, a number the run never gave before.
std::optional<std::string> seed_value(const SeedColumn& column, SeedRandom& random,
                                      uint64_t ordinal);

// `value` as a SQL string literal (standard_conforming_strings, PostgreSQL's
// default since 9.1: only quotes are doubled).
std::string sql_literal(const std::string& value);

}  // namespace migcheck
