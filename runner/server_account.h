#pragma once
#include <sys/types.h>

#include <filesystem>
#include <string>

namespace migcheck {

// The operating-system account the PostgreSQL server runs as. PostgreSQL
// refuses to run as root, so when migcheck runs as root (CI containers do) the
// server runs as `postgres`, or `nobody` when there is no such user.
struct ServerAccount {
  uid_t uid = 0;
  gid_t gid = 0;
  std::string name;
  bool switch_user = false;  // true when migcheck is root and must drop privileges
};

ServerAccount server_account();

// Drops to `account` in a forked child before exec; returns false on failure.
// Async-signal-safe.
bool become(const ServerAccount& account);

// Gives a directory tree to `account` (a no-op when no switch is needed).
void give_tree(const std::filesystem::path& root, const ServerAccount& account);

}  // namespace migcheck
