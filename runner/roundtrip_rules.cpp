#include "runner/roundtrip_rules.h"

namespace migcheck {

const Rule kRoundTripMismatch{
    .id = "roundtrip-mismatch",
    .severity = Severity::error,
    .summary = "A downgrade does not undo its upgrade",
    .rationale =
        "After upgrade → downgrade the schema differs from the one before the upgrade, or a "
        "second upgrade gives another schema than the first: rolling back a deploy leaves the "
        "database in a state no revision describes, and the next deploy runs against it.",
    .safe_alternative =
        "Make downgrade() undo exactly what upgrade() does (drop what it creates, restore what "
        "it drops with the same type, default, nullability and name), so that rolling back "
        "returns the schema to the previous revision and upgrading again works.",
};

const Rule kUpgradeFailed{
    .id = "upgrade-failed",
    .severity = Severity::error,
    .summary = "An upgrade fails on PostgreSQL",
    .rationale =
        "The migration does not run on a database at its parent revision (or, after its own "
        "downgrade, it does not run again): the deploy would stop half way.",
    .safe_alternative =
        "Fix the failing statement, or what an earlier revision or the downgrade left behind "
        "for it; the message and SQLSTATE are PostgreSQL's own.",
};

const Rule kDowngradeFailed{
    .id = "downgrade-failed",
    .severity = Severity::error,
    .summary = "A downgrade fails on PostgreSQL",
    .rationale =
        "The rollback a bad deploy needs would stop with an error, when it is needed most.",
    .safe_alternative =
        "Fix the failing statement so downgrade() runs on the schema its upgrade() leaves; the "
        "message and SQLSTATE are PostgreSQL's own.",
};

const Rule kDowngradeNotChecked{
    .id = "downgrade-not-checked",
    .severity = Severity::info,
    .summary = "A revision without a down migration is only upgraded",
    .rationale =
        "A migration with no down migration at all (no .down.sql file, down section or Flyway "
        "undo file) cannot be rolled back, so the round trip upgrades it once and checks only "
        "the downgrades after it. (An Alembic downgrade() always runs, even an empty one, so "
        "the round trip shows what it leaves behind.)",
    .safe_alternative =
        "Write the down migration when the change can be undone. When it cannot (a one-way data "
        "change, or Flyway without undo migrations), this note is expected: plan such a deploy "
        "to roll forward instead of back.",
};

const Rule kSetupFailed{
    .id = "setup-failed",
    .severity = Severity::error,
    .summary = "The round trip's setup SQL fails on PostgreSQL",
    .rationale =
        "The setup SQL (--setup-sql, [roundtrip] setup) creates what the platform provides before "
        "the first migration: roles, schemas, extensions. When it fails, the migrations would run "
        "on a database unlike the real one, so the round trip stops before them.",
    .safe_alternative =
        "Fix the statement in the setup file; the message and SQLSTATE are PostgreSQL's own. The "
        "setup runs as a superuser, statement by statement in autocommit (as `psql -f` does), in "
        "the database the migrations run in; on --database-url's server, roles it creates stay "
        "after the scratch database is dropped, so write them to run twice (DO blocks that check "
        "pg_roles).",
};

const Rule kDataDependentFailure{
    .id = "data-dependent-failure",
    .severity = Severity::warning,
    .summary = "An upgrade fails on rows like production's but passes on empty tables",
    .rationale =
        "Before each revision the round trip tops every table up with generated rows (NULLs, "
        "empty strings, text that is not a number or a date, duplicates, extremes). This upgrade "
        "failed on them and passed once the tables were emptied: it works in CI on an empty "
        "database and fails in production on the first row like these (a backfill that skips "
        "some rows before SET NOT NULL, a unique index over duplicates, a cast that fails on one "
        "value, a foreign key over orphaned rows).",
    .safe_alternative =
        "Make the migration handle every value the column can hold (backfill all rows, "
        "deduplicate before a unique index, cast with a guard, delete or fix orphans before a "
        "foreign key, or add it NOT VALID and validate later). When the rows shown are ones "
        "your application never writes, say so with an ignore for this revision; replay the "
        "same rows with --seed-value.",
};

const Rule kDowngradeLosesData{
    .id = "downgrade-loses-data",
    .severity = Severity::warning,
    .summary = "A downgrade does not give back the data from before the upgrade",
    .rationale =
        "After upgrade → downgrade a table that existed before the upgrade holds other rows or "
        "other values in a column that existed before: rolling back a deploy loses or rewrites "
        "data (a column dropped and added back empty, a type changed and changed back with "
        "rounding, rows deleted).",
    .safe_alternative =
        "Keep what the upgrade removes until the change is final (rename or copy a column "
        "instead of dropping it, keep the old column in step with a trigger), and make the "
        "downgrade restore it; or, when the loss is accepted, record it with an ignore.",
};

const Rule kUpgradeNotRepeatable{
    .id = "upgrade-not-repeatable",
    .severity = Severity::warning,
    .summary = "Upgrading again after a downgrade gives other data than the first upgrade",
    .rationale =
        "After upgrade → downgrade → upgrade the tables hold other data than after the first "
        "upgrade: the data migration depends on state the downgrade did not restore, or is not "
        "repeatable, so a deploy rolled back and deployed again ends with other data.",
    .safe_alternative =
        "Write data migrations that give the same result each time they run on the same data "
        "(no dependence on now(), random values or the rows' physical order), and make the "
        "downgrade restore what they read.",
};

const Rule kLintClaimContradicted{
    .id = "lint-claim-contradicted",
    .severity = Severity::error,
    .summary = "PostgreSQL took another lock or rewrite than a lint rule says it does",
    .rationale =
        "A lint rule's verdict rests on a documented claim about the statement it reports (the "
        "lock it takes, whether it rewrites the table). The round trip saw the server do "
        "otherwise for a statement the migration executed: a stronger lock than claimed, or a "
        "rewrite where none was claimed (or none where one was). The rule's advice may then be "
        "wrong for this server version; this is migcheck's own inconsistency, not the "
        "migration's.",
    .safe_alternative =
        "Trust the observed lock and rewrite (in the finding's evidence and the trace) over the "
        "rule's text, and report the finding to migcheck with the statement and the server "
        "version.",
};

const Rule kTableRewritten{
    .id = "table-rewritten",
    .severity = Severity::warning,
    .summary = "A statement rewrote a table that existed before the migration (observed)",
    .lock = "ACCESS EXCLUSIVE",
    .rationale =
        "Seen on the round trip's server during the revision's first upgrade: the table's "
        "relfilenode changed, so PostgreSQL wrote a new copy of every row and rebuilt its "
        "indexes, holding the lock shown for the whole rewrite and until the transaction ended. "
        "On a production table that is minutes of blocked reads and writes, and twice its disk "
        "space meanwhile. Observed, not inferred: it holds for SQL the static reader cannot see "
        "(built in loops, f-strings, helpers, ORM sessions).",
    .safe_alternative =
        "Avoid the rewrite: add a column with no default or a constant one (PostgreSQL 11+ "
        "keeps it in the catalog), widen varchar or drop a length limit instead of changing the "
        "type, or for int -> bigint add a new column, backfill it in batches, and swap it in "
        "during a short transaction. When a rewrite cannot be avoided, run it in a maintenance "
        "window, or copy the table with a tool such as pg_repack.",
};

const Rule kExclusiveLockHeld{
    .id = "exclusive-lock-held",
    .severity = Severity::warning,
    .summary =
        "A lock that blocks reads or writes was held while later statements of the transaction "
        "did slow work (observed)",
    .lock = "SHARE or stronger",
    .rationale =
        "Seen on the round trip's server during the revision's first upgrade: a statement took "
        "ACCESS EXCLUSIVE (which blocks reads) or SHARE, SHARE ROW EXCLUSIVE or EXCLUSIVE (which "
        "block writes) on a table that existed before the migration, and before it committed the "
        "transaction went on to work whose time grows with a table's rows: an index build, a "
        "validation scan, a rewrite (seen as a new relfilenode), a data change. The application "
        "waits for all of it; the message lists those statements with their time on the test "
        "server (production tables are larger). Quick statements after the lock (a nullable "
        "ADD COLUMN, a NOT VALID constraint) keep it for milliseconds on any table and are not "
        "reported.",
    .safe_alternative =
        "Take the strong lock last, or in a transaction of its own: commit before slow data "
        "changes, backfills and index builds (Alembic: transaction_per_migration, or "
        "op.get_context().autocommit_block() for the slow part), and set a lock_timeout so a "
        "waiting lock does not queue the application behind it.",
};

const Rule kBlocksApplicationQueries{
    .id = "blocks-application-queries",
    .severity = Severity::warning,
    .summary =
        "Application queries waited longer than --max-blocked-ms for a statement (measured "
        "under --load)",
    .lock = "SHARE or stronger",
    .rationale =
        "Measured on the round trip's server during the revision's first upgrade with --load: "
        "application-like sessions (a read by key, a range read, an insert, an update by key) ran "
        "against every table the migration names, and their reads or writes waited for the "
        "migration's lock longer than --max-blocked-ms (default 100 ms) while this statement ran "
        "or while its transaction kept the lock afterwards. In production every request touching "
        "the table waits that long, and longer on more rows: the message gives the rows measured "
        "and, with --table-rows, an estimate for production's.",
    .safe_alternative =
        "Take a weaker lock or hold it for less time: CREATE INDEX CONCURRENTLY; ADD CONSTRAINT "
        "... NOT VALID, then VALIDATE CONSTRAINT in its own transaction; SET NOT NULL after a "
        "validated CHECK (col IS NOT NULL); add a column without a volatile default and backfill "
        "it in batches; commit before slow statements. Set a lock_timeout so a migration that "
        "waits for a lock does not queue the application behind it.",
};

const Rule kWaitedForApplicationQueries{
    .id = "waited-for-application-queries",
    .severity = Severity::info,
    .summary = "The migration waited for a lock application queries held (measured under --load)",
    .rationale =
        "Measured on the round trip's server with --load: a statement of the migration queued "
        "behind a lock one of the application-like probe sessions held. Meanwhile every later "
        "query on the table queues behind the migration. With a lock_timeout the migration gives "
        "up instead (the upgrade then fails with SQLSTATE 55P03, as it would in production under "
        "traffic); without one it waits as long as the application's transaction lasts.",
    .safe_alternative =
        "Expect it in production: set a short lock_timeout (for example SET lock_timeout = '2s') "
        "and retry the migration when it times out, rather than letting it queue the "
        "application.",
};

const std::vector<const Rule*>& round_trip_rules() {
  static const std::vector<const Rule*> rules = {&kRoundTripMismatch,
                                                 &kUpgradeFailed,
                                                 &kDowngradeFailed,
                                                 &kDowngradeNotChecked,
                                                 &kSetupFailed,
                                                 &kDataDependentFailure,
                                                 &kDowngradeLosesData,
                                                 &kUpgradeNotRepeatable,
                                                 &kLintClaimContradicted,
                                                 &kTableRewritten,
                                                 &kExclusiveLockHeld,
                                                 &kBlocksApplicationQueries,
                                                 &kWaitedForApplicationQueries};
  return rules;
}

}  // namespace migcheck
