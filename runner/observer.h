#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "runner/session.h"

namespace migcheck {

// A relation lock the observed backend holds (or waits for).
struct HeldLock {
  std::string relation;  // schema-qualified, as the migration's backend names it
  std::string mode;      // pg_locks.mode, e.g. "AccessExclusiveLock"
  bool granted = true;
};

// What one read of the observed backend found.
struct ObservedStep {
  std::vector<HeldLock> locks;  // every relation lock the backend holds now (granted or waiting)
  std::vector<std::string>
      rewritten;  // relations whose relfilenode changed since the previous read
  // Relations first seen since the previous read: the statement made them.
  std::vector<std::string> created;
};

// Watches a migration's backend from a second connection while its
// transaction is still open: the relation locks it holds (pg_locks) and the
// relations it rewrote (a relation's relfilenode changed: a rewriting ALTER
// TABLE, VACUUM FULL, CLUSTER, TRUNCATE, REINDEX).
//
// pg_class rows an open transaction updated are invisible to every other
// session, and so is what pg_relation_filenode() reads. The observer
// therefore reads pg_class's pages as they are in shared buffers, through
// pageinspect's get_raw_page and heap_page_items (declared as temporary
// functions of its own session: no extension is created, nothing lands in
// the migration's schemas), and takes the row versions the migration's own
// transaction wrote (xmin among the transaction ids it holds in pg_locks,
// savepoints included) as the migration sees them. A rewrite is seen right
// after the statement that did it. Without superuser rights or pageinspect
// it falls back to the committed catalog: rewrites then show up at the read
// after COMMIT.
//
// It only reads: catalog queries with a short lock_timeout, never a lock on a
// user table.
class Observer {
 public:
  explicit Observer(
      const std::string& conninfo);  // its own libpqxx connection; reads catalogs only
  void watch(int backend_pid);       // remember relfilenodes of every relation now
  ObservedStep read();               // what the backend holds now + rewrites since last read

  // True when rewrites are seen inside the open transaction (see above).
  bool sees_uncommitted() const { return raw_pages_; }

 private:
  struct Relation {
    std::string name;
    unsigned long filenode = 0;
  };
  // The user relations as the migration's transaction sees them, by oid, and
  // the relation locks its backend holds or waits for.
  struct Catalogs {
    std::map<unsigned long, Relation> relations;
    std::vector<HeldLock> locks;
  };
  Catalogs read_catalogs();
  void declare_page_functions();

  Session session_;
  bool raw_pages_ = false;
  // Where pg_namespace's and pg_class's leading columns start in a row.
  std::map<std::string, size_t> namespace_layout_, class_layout_;
  int pid_ = 0;
  // Every relfilenode each relation has had: a rolled-back rewrite returns
  // to one of them and is not reported twice.
  std::map<unsigned long, std::set<unsigned long>> filenodes_seen_;
};

}  // namespace migcheck
