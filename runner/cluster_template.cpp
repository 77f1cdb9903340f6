#include "runner/cluster_template.h"

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "linter/ascii_text.h"
#include "linter/input_error.h"
#include "runner/child_process.h"
#include "runner/owned_temp_dir.h"

namespace fs = std::filesystem;

namespace migcheck {
namespace {

constexpr const char* kScratchPrefix = "migcheck-initdb";  // where initdb writes
constexpr const char* kStagingPrefix = ".pg-template";     // the copy renamed into the cache

bool has_server(const fs::path& bin) {
  return access((bin / "postgres").c_str(), X_OK) == 0;
}

// The first `pg_config` on PATH.
std::string pg_config_path() {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path != nullptr ? path : "");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    fs::path candidate = fs::path(dir) / "pg_config";
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return {};
}

// $XDG_CACHE_HOME/migcheck or ~/.cache/migcheck; a per-user directory in the
// temp dir when neither can be written (service accounts whose home is
// /nonexistent).
fs::path cache_root() {
  std::vector<fs::path> candidates;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && xdg[0] == '/') {
    candidates.push_back(fs::path(xdg) / "migcheck");
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && home[0] == '/') {
    candidates.push_back(fs::path(home) / ".cache" / "migcheck");
  }
  candidates.push_back(fs::temp_directory_path() / ("migcheck-cache-" + std::to_string(geteuid())));
  for (const fs::path& candidate : candidates) {
    std::error_code error;
    fs::create_directories(candidate, error);
    if (!error && access(candidate.c_str(), W_OK) == 0) return candidate;
  }
  throw std::runtime_error("cannot create a cache directory for the cluster template: tried " +
                           candidates.front().string() + " and " + candidates.back().string());
}

// "postgres (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)" -> "15.14"
std::string server_version(const fs::path& pg_bin, const ServerAccount& account) {
  ProgramOutput out = run_program({(pg_bin / "postgres").string(), "--version"}, account);
  std::string text(trim_blanks(out.output));
  size_t paren = text.find(") ");
  if (out.exit_status != 0 || paren == std::string::npos) {
    throw std::runtime_error("cannot read the version of " + (pg_bin / "postgres").string() + ": " +
                             text);
  }
  std::string version = text.substr(paren + 2);
  return version.substr(0, version.find(' '));
}

uint32_t fnv1a(const std::string& text) {
  uint32_t hash = 2166136261u;
  for (unsigned char c : text) hash = (hash ^ c) * 16777619u;
  return hash;
}

const std::vector<std::string>& initdb_options() {
  static const std::vector<std::string> options = {
      "--auth=trust",    std::string("--username=") + kClusterSuperuser,
      "--encoding=UTF8", "--locale=C.UTF-8",
      "--no-sync",       "--no-instructions"};
  return options;
}

}  // namespace

fs::path find_pg_bin(const std::string& requested) {
  if (!requested.empty()) {
    if (!has_server(requested)) {
      throw InputError("--pg-bin " + requested + ": no executable 'postgres' in that directory");
    }
    return requested;
  }
  const fs::path debian = "/usr/lib/postgresql/15/bin";
  if (has_server(debian)) return debian;
  if (std::string pg_config = pg_config_path(); !pg_config.empty()) {
    ProgramOutput out = run_program({pg_config, "--bindir"}, ServerAccount{});
    fs::path bin(std::string(trim_blanks(out.output)));
    if (out.exit_status == 0 && has_server(bin)) return bin;
  }
  throw InputError(
      "no PostgreSQL server found: install postgresql-15 (Debian: apt-get install "
      "postgresql-15), pass --pg-bin DIR, or use --database-url URL");
}

fs::path cluster_template(const fs::path& pg_bin, const ServerAccount& account) {
  std::string options;
  for (const std::string& option : initdb_options()) options += option + " ";
  char hash[16];
  std::snprintf(hash, sizeof hash, "%08x", fnv1a(options));
  fs::path root = cache_root();
  remove_stale_temp_dirs(fs::temp_directory_path(), kScratchPrefix);
  remove_stale_temp_dirs(root, kStagingPrefix);
  fs::path final_dir =
      root / ("pg-template-" + server_version(pg_bin, account) + "-" + std::string(hash));
  if (fs::exists(final_dir / "PG_VERSION")) return final_dir;

  // initdb runs as the server account, which may not reach the user's cache
  // (root's home is 0700), so it writes to a temp dir that is then copied.
  fs::path scratch = make_owned_temp_dir(fs::temp_directory_path(), kScratchPrefix);
  fs::path staging;
  try {
    give_tree(scratch, account);
    std::vector<std::string> argv = {(pg_bin / "initdb").string(), "-D",
                                     (scratch / "data").string()};
    argv.insert(argv.end(), initdb_options().begin(), initdb_options().end());
    ProgramOutput out = run_program(argv, account);
    if (out.exit_status != 0) {
      throw std::runtime_error("initdb failed (exit " + std::to_string(out.exit_status) +
                               "): " + std::string(trim_blanks(out.output)));
    }
    staging = make_owned_temp_dir(root, kStagingPrefix);
    fs::copy(scratch / "data", staging, fs::copy_options::recursive);
    std::error_code renamed;
    fs::rename(staging, final_dir, renamed);
    if (renamed) fs::remove_all(staging);  // another run finished first: use its template
    if (!fs::exists(final_dir / "PG_VERSION")) {
      throw std::runtime_error("cannot create the cluster template " + final_dir.string() + ": " +
                               renamed.message());
    }
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(scratch, ignored);
    if (!staging.empty()) fs::remove_all(staging, ignored);
    throw;
  }
  fs::remove_all(scratch);
  return final_dir;
}

}  // namespace migcheck
