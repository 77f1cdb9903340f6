#pragma once
#include <string>

#include "runner/cluster.h"

namespace migcheck {

// A value for a libpq key=value connection string, quoted.
std::string conninfo_quote(const std::string& value);

// The database a --database-url names (libpq's default, the user name, when
// it names none). Throws InputError for a URL libpq cannot parse.
std::string url_database(const std::string& url);

// The endpoint for `database` on the server `url` points at.
DatabaseEndpoint url_endpoint(const std::string& url, const std::string& database);

// `text` with the password of any postgres URL or password=... in it masked.
std::string mask_password(const std::string& text);

}  // namespace migcheck
