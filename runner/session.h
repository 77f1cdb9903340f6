#pragma once
#include <pqxx/pqxx>
#include <string>

namespace migcheck {

// A libpqxx connection that keeps PostgreSQL's notices ("table does not exist,
// skipping") off migcheck's output.
class Session {
 public:
  explicit Session(const std::string& conninfo) : connection_(conninfo), quiet_(connection_) {}
  pqxx::connection& connection() { return connection_; }

 private:
  pqxx::connection connection_;
  pqxx::quiet_errorhandler quiet_;
};

// PostgreSQL's primary message from a libpqxx error ("ERROR:  relation \"x\"
// already exists\nLINE 1: ..." -> "relation \"x\" already exists").
std::string primary_message(const std::string& what);

// The DETAIL line of a libpqxx error ("...\nDETAIL:  Key (id)=(1) already
// exists.\n" -> "Key (id)=(1) already exists."), or "" without one.
std::string detail_message(const std::string& what);

}  // namespace migcheck
