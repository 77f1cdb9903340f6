#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <pqxx/connection_base>

namespace migcheck {

// A database schema as read from the catalogs: each object under a key that
// names it the way a sentence would ("column products.price", "index
// products_name_idx", "type order_status") and a description of it
// ("numeric(10,2) NOT NULL DEFAULT 0", the CREATE INDEX text, "enum ('new',
// 'paid')"). Owners, privileges, column positions and objects of extensions
// are left out; so are the migration tools' bookkeeping tables.
using Snapshot = std::map<std::string, std::string>;

// The tables a migration tool keeps its own state in (Alembic, golang-migrate
// and dbmate, Flyway): never part of a snapshot.
inline const std::vector<std::string> kBookkeepingTables = {"alembic_version", "schema_migrations",
                                                            "flyway_schema_history"};

Snapshot take_snapshot(pqxx::connection_base& connection);

// Names PostgreSQL generates get a number when taken ("orders_pkey1",
// "orders_email_idx2"); a migration that recreates an object may get another
// number than the first time without anyone choosing it, so the number goes.
std::string normalise_generated_name(std::string_view name);

}  // namespace migcheck
