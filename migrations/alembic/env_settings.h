#pragma once
#include <string>
#include <string_view>

#include "linter/connection_settings.h"

namespace migcheck {

// The timeouts Alembic's env.py gives the connection every revision runs on:
// a SET (or SET LOCAL) it executes (`connection.execute(text("SET
// lock_timeout = '5s'"))`, `exec_driver_sql`, `op.execute`, a connect event's
// cursor), libpq options on the engine (`connect_args={"options": "-c
// lock_timeout=5000"}`) or asyncpg's `server_settings={"lock_timeout": "5s"}`.
// A value of 0 turns the timeout off and does not count.
ConnectionSettings read_env_settings(std::string_view source);

}  // namespace migcheck
