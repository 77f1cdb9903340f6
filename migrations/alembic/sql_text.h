#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace migcheck {

// An identifier as SQLAlchemy's PostgreSQL dialect writes it: bare when it
// is lower case and not a reserved word, double-quoted otherwise.
std::string quote_identifier(std::string_view name);
// "schema.name" with each part quoted as needed; just the name without schema.
std::string qualified_name(std::string_view schema, std::string_view name);
// 'text' with embedded quotes doubled.
std::string quote_literal(std::string_view text);
// "a, b, c" of quoted identifiers.
std::string identifier_list(const std::vector<std::string>& names);
// The SQL of sa.text(...) run with parameters, each `:name` SQLAlchemy binds
// (as its TextClause does: not after a colon, a word character or a
// backslash, not before a colon) made a PostgreSQL parameter `$n`, padded
// with spaces to the name's length so every other byte keeps its offset.
std::string number_bind_parameters(std::string sql);

}  // namespace migcheck
