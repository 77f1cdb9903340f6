// Times migcheck's ephemeral cluster: from nothing to accepting queries, and
// teardown, with the template warm (the first start, timed apart, builds it).
// Built and run by cluster_start.sh against a build directory's libraries.
#include <chrono>
#include <cstdio>
#include <pqxx/pqxx>

#include "runner/cluster.h"

int main() {
  using clock = std::chrono::steady_clock;
  auto first = clock::now();
  { migcheck::Cluster warm_up; }
  std::printf("first start and stop: %.3f s (includes initdb when the template cache is cold)\n",
              std::chrono::duration<double>(clock::now() - first).count());
  constexpr int kRuns = 10;
  double ready = 0, stopped = 0;
  for (int i = 0; i < kRuns; ++i) {
    auto start = clock::now();
    migcheck::Cluster cluster;
    pqxx::connection connection(cluster.endpoint("postgres").conninfo);
    pqxx::nontransaction(connection).exec("SELECT 1");
    auto up = clock::now();
    connection.disconnect();
    cluster.stop();
    ready += std::chrono::duration<double>(up - start).count();
    stopped += std::chrono::duration<double>(clock::now() - up).count();
  }
  std::printf("start to first query: %.3f s (mean of %d)\n", ready / kRuns, kRuns);
  std::printf("stop and remove:      %.3f s\n", stopped / kRuns);
}
