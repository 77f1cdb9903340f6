#include "runner/server_account.h"

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <stdexcept>
#include <system_error>

namespace migcheck {

ServerAccount server_account() {
  ServerAccount account;
  account.uid = geteuid();
  account.gid = getegid();
  if (account.uid != 0) {
    const passwd* self = getpwuid(account.uid);
    account.name = self != nullptr ? self->pw_name : std::to_string(account.uid);
    return account;
  }
  for (const char* name : {"postgres", "nobody"}) {
    if (const passwd* entry = getpwnam(name)) {
      account.uid = entry->pw_uid;
      account.gid = entry->pw_gid;
      account.name = entry->pw_name;
      account.switch_user = true;
      return account;
    }
  }
  throw std::runtime_error(
      "running as root, and neither a 'postgres' nor a 'nobody' user exists to run PostgreSQL "
      "as (PostgreSQL refuses to run as root)");
}

bool become(const ServerAccount& account) {
  if (!account.switch_user) return true;
  return setgroups(0, nullptr) == 0 && setgid(account.gid) == 0 && setuid(account.uid) == 0;
}

void give_tree(const std::filesystem::path& root, const ServerAccount& account) {
  if (!account.switch_user) return;
  auto give = [&](const std::filesystem::path& path) {
    if (lchown(path.c_str(), account.uid, account.gid) != 0) {
      throw std::system_error(errno, std::generic_category(), "chown " + path.string());
    }
  };
  give(root);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) give(entry.path());
}

}  // namespace migcheck
