#include "runner/dump_restore.h"

#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>

#include "linter/input_error.h"
#include "runner/child_process.h"
#include "runner/cluster_template.h"
#include "runner/session.h"

namespace migcheck {
namespace {

// Whether `file` is an archive for pg_restore rather than SQL for psql: a
// directory (with toc.dat), a custom-format file ("PGDMP") or a tar archive
// ("ustar" at byte 257).
bool is_archive(const std::filesystem::path& file) {
  if (std::filesystem::is_directory(file)) return true;
  std::ifstream in(file, std::ios::binary);
  std::string head(262, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  return head.rfind("PGDMP", 0) == 0 || (head.size() >= 262 && head.substr(257, 5) == "ustar");
}

// The last lines a client printed: where it stopped.
std::string tail_of(const std::string& output) {
  std::string text = output;
  while (!text.empty() && text.back() == '\n') text.pop_back();
  size_t from = text.size();
  for (int lines = 0; lines < 3 && from != std::string::npos && from > 0; ++lines) {
    from = text.rfind('\n', from - 1);
  }
  return from == std::string::npos ? text : text.substr(from + 1);
}

// Whether a version the tool recorded names `revision`: the same text, or the
// same number (golang-migrate keeps 1 for 000001_x.up.sql).
bool same_version(const std::string& recorded, const std::string& revision) {
  if (recorded == revision) return true;
  auto digits = [](const std::string& text) {
    return !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
  };
  if (!digits(recorded) || !digits(revision)) return false;
  auto trimmed = [](const std::string& text) {
    size_t first = text.find_first_not_of('0');
    return first == std::string::npos ? std::string("0") : text.substr(first);
  };
  return trimmed(recorded) == trimmed(revision);
}

// Each tool's table, and the query for the version it is at (newest first).
struct VersionTable {
  const char* table;
  const char* query;
};
constexpr VersionTable kVersionTables[] = {
    {"alembic_version", "SELECT version_num::text FROM alembic_version ORDER BY 1"},
    {"flyway_schema_history",
     "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY "
     "installed_rank DESC LIMIT 1"},
    {"goose_db_version",
     "SELECT version_id::text FROM goose_db_version WHERE is_applied AND version_id > 0 ORDER BY "
     "id DESC LIMIT 1"},
    // golang-migrate: one row (version, dirty); dbmate: a row per version.
    {"schema_migrations",
     "SELECT version::text FROM schema_migrations ORDER BY version DESC LIMIT 1"},
};

}  // namespace

void restore_dump(const std::string& file, const std::string& pg_bin,
                  const DatabaseEndpoint& endpoint) {
  if (!std::filesystem::exists(file)) throw InputError(file + ": --seed-from: no such file");
  const std::filesystem::path bin = find_pg_bin(pg_bin);
  std::vector<std::string> argv;
  if (is_archive(file)) {
    argv = {(bin / "pg_restore").string(),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--dbname",
            endpoint.conninfo,
            file};
  } else {
    argv = {(bin / "psql").string(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "--dbname",
            endpoint.conninfo,       "-f", file};
  }
  ProgramOutput result = run_program(argv, ServerAccount{});
  if (result.exit_status != 0) {
    throw InputError(file + ": --seed-from: the dump does not restore (" +
                     std::filesystem::path(argv[0]).filename().string() + " exit " +
                     std::to_string(result.exit_status) + "): " + tail_of(result.output) +
                     " (roles and extensions it needs can be made with --setup-sql)");
  }
}

std::string dump_revision(pqxx::connection_base& connection, const MigrationSet& set,
                          const std::string& file) {
  pqxx::nontransaction read(connection);
  for (const VersionTable& tool : kVersionTables) {
    if (read.exec_params("SELECT to_regclass($1) IS NOT NULL", tool.table)[0][0].as<bool>() ==
        false) {
      continue;
    }
    pqxx::result versions = read.exec(tool.query);
    if (versions.empty()) {
      throw InputError(file + ": --seed-from: " + tool.table +
                       " is empty: the dump is at no revision");
    }
    if (versions.size() > 1) {
      throw InputError(file + ": --seed-from: alembic_version holds " +
                       std::to_string(versions.size()) +
                       " heads; a dump at one revision is needed");
    }
    std::string recorded = versions[0][0].as<std::string>();
    for (const Revision& revision : set.revisions) {
      if (same_version(recorded, revision.id)) return revision.id;
    }
    throw InputError(file + ": --seed-from: the dump is at revision " + recorded + " (" +
                     tool.table + "), which the project does not have");
  }
  throw InputError(file +
                   ": --seed-from: the dump holds no alembic_version, schema_migrations, "
                   "flyway_schema_history or goose_db_version table: its revision is unknown");
}

}  // namespace migcheck
