#pragma once
#include <filesystem>
#include <string>

#include "runner/server_account.h"

namespace migcheck {

// The superuser role of every ephemeral cluster (trust authentication over its
// private unix socket).
inline constexpr const char* kClusterSuperuser = "migcheck";

// The PostgreSQL server binaries: `requested` (--pg-bin) when given, else
// PostgreSQL 15's Debian location, else `pg_config --bindir` from PATH.
// Throws InputError saying what to install or pass when none has `postgres`.
std::filesystem::path find_pg_bin(const std::string& requested);

// A data directory made by initdb once per server version and initdb options,
// cached under $XDG_CACHE_HOME/migcheck (or ~/.cache/migcheck). Built in a
// temporary directory and renamed into place, so concurrent runs never see a
// half-written template. Each cluster starts from a copy of it. Removes what
// runs killed while making it left behind.
std::filesystem::path cluster_template(const std::filesystem::path& pg_bin,
                                       const ServerAccount& account);

}  // namespace migcheck
