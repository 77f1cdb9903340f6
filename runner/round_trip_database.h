#pragma once
#include <memory>
#include <string>

#include "runner/cluster.h"

namespace migcheck {

struct DatabaseOptions {
  std::string database_url;        // --database-url; empty for an ephemeral cluster
  bool allow_destructive = false;  // run in the URL's own database
  ClusterOptions cluster;
};

// The database a round trip runs in: the `postgres` database of an ephemeral
// cluster; a scratch database `migcheck_<random>` on the server
// --database-url names, dropped afterwards; or, with --allow-destructive, the
// URL's own database. Nothing else on the server is touched.
class RoundTripDatabase {
 public:
  explicit RoundTripDatabase(const DatabaseOptions& options);
  ~RoundTripDatabase();
  RoundTripDatabase(const RoundTripDatabase&) = delete;
  RoundTripDatabase& operator=(const RoundTripDatabase&) = delete;

  const DatabaseEndpoint& endpoint() const { return endpoint_; }
  // Drops the scratch database and stops the cluster (also done on
  // destruction). Close the round trip's own sessions first: dropping waits
  // for them.
  void close();

 private:
  std::unique_ptr<Cluster> cluster_;
  DatabaseEndpoint admin_;  // where CREATE / DROP DATABASE are sent
  DatabaseEndpoint endpoint_;
  std::string scratch_;  // the scratch database's name, empty when none
};

}  // namespace migcheck
