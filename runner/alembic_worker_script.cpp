#include "runner/alembic_worker_script.h"

namespace migcheck {

// Protocol: the worker answers on its stdout, one JSON object a line: first
// {"found": true} or {"fatal": "no-alembic"} as soon as it knows whether it
// has the package. It then imports it and reads its first line on stdin, JSON
// {"ini", "section", "url", "x": [...]}, sent once the database is up, and
// answers {"ready": true}, or {"fatal": "setup", ...} as a setup failure below
// when Alembic's configuration cannot be made from the ini; then one answer
// per request line read from stdin ("upgrade REV" and "downgrade REV" as the
// alembic commands; "apply REV..." and "unapply REV..." for exactly the
// revisions named, in that order): {"ok": true}; or, when a migration failed,
// {"ok": false, "message", "sqlstate", "detail", "file", "line", "revision"}, the last
// three from the deepest traceback frame in a revision file; or, when the
// request failed before env.py began its migrations (env.py's imports, its
// configuration, a revision file's imports, the ini), {"ok": false, "setup":
// true, "message", "file", "line"}, the file (absolute) being the deepest in
// the script directory the traceback passes, else the ini, with no line. The project's own output
// (print(), logging) goes to stderr, never into the answers.
//
// Tracing: a request whose verb starts with "trace-" ("trace-apply REV") runs
// as the same request without the prefix, but every statement a revision file
// runs (op.*, op.execute, op.get_bind().execute, bulk_insert, an ORM session
// on an engine of its own: the hooks are on SQLAlchemy's Engine class, so
// every engine and connection of the process is seen) is told before the
// answer. Before a traced statement of another backend than the previous
// one's (the first included) it tells {"backend": pid} and waits for "go", so
// that migcheck sees the state the statement starts from. After the statement
// has returned from the server and before control returns to the revision:
// {"statement", "file", "line", "end_line", "revision", "parameters",
// "duration_ms", "clock_ms", "sent_at_ms", "returned_at_ms", "in_transaction", "pid"}
// ("sent_at_ms" and "returned_at_ms": time.monotonic(), CLOCK_MONOTONIC on
// Linux as C++'s steady_clock, in milliseconds); the worker then waits
// for a line "go" on stdin, so that migcheck reads the server's state while
// the statement's transaction is still open. A statement is traced when a
// frame of its call stack is in a revision file; "file" and "line" are the
// deepest such frame's, "end_line" the last line of the call it was making
// there. Statements with no revision frame are Alembic's or
// env.py's (the dialect's first queries, alembic_version's bookkeeping) and
// are not traced. Each COMMIT and ROLLBACK of a connection that ran a traced
// statement is told as {"transaction": "commit"|"rollback", "pid",
// "clock_ms"}, without waiting. "clock_ms" is the migration's own clock: a
// monotonic time less the time spent waiting for "go".
const char* const kAlembicWorkerScript = R"PY(
import json
import os
import sys
import traceback

answers = os.fdopen(os.dup(1), "w", buffering=1)
os.dup2(2, 1)


def answer(**fields):
    answers.write(json.dumps(fields) + "\n")


# Finding the package is quick, importing it is not: say at once whether
# this Python has alembic, then import while the database starts.
import importlib.util

if importlib.util.find_spec("alembic") is None:
    answer(fatal="no-alembic", message="No module named 'alembic'")
    sys.exit(0)
answer(found=True)

try:
    from argparse import Namespace

    from alembic.config import Config
    from alembic.runtime.environment import EnvironmentContext
    from alembic.runtime.migration import MigrationStep
    from alembic.script import ScriptDirectory
except ImportError as error:
    answer(fatal="no-alembic", message=str(error))
    sys.exit(0)

try:  # the usual driver, imported while the database starts
    import psycopg2  # noqa: F401
    import sqlalchemy.dialects.postgresql.psycopg2  # noqa: F401
except ImportError:
    pass



def keep_engines():
    """env.py builds an engine on every command, usually with NullPool: a new
    connection and SQLAlchemy's dialect set-up queries each time, which made
    up half of every step. Across this worker's requests an engine made with
    the same arguments is reused, pooled, the way one `alembic upgrade head`
    keeps one connection for all its revisions."""
    import sqlalchemy
    import sqlalchemy.engine
    import sqlalchemy.engine.create
    from sqlalchemy.pool import NullPool

    create_engine = sqlalchemy.engine.create.create_engine

    def reused_engine(url, *args, **kwargs):
        if kwargs.get("poolclass") is NullPool:
            del kwargs["poolclass"]
        try:
            key = (str(url), repr(args), repr(sorted(kwargs.items())))
        except Exception:
            return create_engine(url, *args, **kwargs)
        if key not in engines:
            engines[key] = create_engine(url, *args, **kwargs)
        return engines[key]

    sqlalchemy.create_engine = reused_engine
    sqlalchemy.engine.create_engine = reused_engine
    sqlalchemy.engine.create.create_engine = reused_engine


# Tracing (see the protocol above).
import itertools
import re
import time

tracing = False
paused_ms = 0.0  # time spent waiting for migcheck's "go": not the migration's
statement_started_ms = 0.0
statement_sent_at_ms = 0.0  # time.monotonic() in ms, unpaused: the probes' clock
statement_frame = None  # where the statement being executed was run from, when traced
watched_pid = None  # the backend migcheck was last told of
traced_pids = set()  # backends that ran a traced statement in this request
frame_revisions = {}  # code file name -> revision id, or None when not a revision file
backend_pids = {}  # id(DBAPI connection) -> its backend pid, for drivers that do not say

# A parameter is masked ("***") when its name, or for positional parameters the
# statement's text, contains one of these words, whatever the case.
SECRET_WORDS = re.compile(r"password|passwd|secret|token|key|credential", re.IGNORECASE)
PARAMETER_ROWS = 20  # executemany: the rows told, the rest counted


def clock_ms():
    return time.monotonic() * 1000.0 - paused_ms


def call_end_line(frame):
    """The last line of the call the frame is executing: f_lineno is its first,
    and a call's arguments often go on below (Python 3.11's co_positions has
    one entry per 2-byte code unit). The first line where that is unknown."""
    try:
        positions = itertools.islice(frame.f_code.co_positions(), frame.f_lasti // 2, None)
        return next(positions)[1] or frame.f_lineno
    except (AttributeError, StopIteration, TypeError):
        return frame.f_lineno


def traced_frame():
    """The deepest frame of the call stack inside a revision file, as (file,
    line, revision, end line of the call)."""
    files = revision_files()
    frame = sys._getframe(2)
    while frame is not None:
        name = frame.f_code.co_filename
        if name not in frame_revisions:
            frame_revisions[name] = files.get(os.path.realpath(name))
        if frame_revisions[name] is not None:
            return name, frame.f_lineno, frame_revisions[name], call_end_line(frame)
        frame = frame.f_back
    return None


def parameter_texts(statement, parameters, executemany):
    """One text per parameter ("name=value"), or per row for executemany."""
    def row_texts(row):
        if isinstance(row, dict):
            return ["%s=%s" % (name, "***" if SECRET_WORDS.search(str(name)) else repr(value))
                    for name, value in row.items()]
        secret = SECRET_WORDS.search(statement) is not None
        return ["***" if secret else repr(value) for value in (row or ())]

    if not executemany:
        return row_texts(parameters)
    rows = list(parameters or ())
    texts = [", ".join(row_texts(row)) for row in rows[:PARAMETER_ROWS]]
    if len(rows) > PARAMETER_ROWS:
        texts.append("... %d more rows" % (len(rows) - PARAMETER_ROWS))
    return texts


def backend_of(dbapi_connection):
    """The backend pid and whether a transaction is open, from the driver
    (psycopg2 and psycopg 3 know both without a query)."""
    info = getattr(dbapi_connection, "info", None)
    if info is not None and hasattr(info, "backend_pid"):
        # IDLE 0, ACTIVE 1, INTRANS 2, INERROR 3 in both drivers
        return info.backend_pid, int(info.transaction_status) in (1, 2, 3)
    key = id(dbapi_connection)
    if key not in backend_pids:
        cursor = dbapi_connection.cursor()  # a DBAPI cursor: SQLAlchemy's events do not see it
        cursor.execute("select pg_backend_pid()")
        backend_pids[key] = cursor.fetchone()[0]
        cursor.close()
    return backend_pids[key], not getattr(dbapi_connection, "autocommit", False)


def wait_for_go():
    global paused_ms
    started = time.monotonic()
    if sys.stdin.readline().strip() != "go":
        os._exit(1)  # migcheck is gone
    paused_ms += (time.monotonic() - started) * 1000.0


def before_cursor_execute(conn, cursor, statement, parameters, context, executemany):
    global statement_started_ms, statement_sent_at_ms, statement_frame, watched_pid
    statement_frame = traced_frame() if tracing else None
    if statement_frame is None:
        return
    pid = backend_of(cursor.connection)[0]
    if pid != watched_pid:
        watched_pid = pid
        answer(backend=pid)
        wait_for_go()
    statement_started_ms = clock_ms()
    statement_sent_at_ms = time.monotonic() * 1000.0


def after_cursor_execute(conn, cursor, statement, parameters, context, executemany):
    if statement_frame is None:
        return
    returned_at_ms = time.monotonic() * 1000.0
    ended = clock_ms()
    where = statement_frame
    pid, in_transaction = backend_of(cursor.connection)
    traced_pids.add(pid)
    answer(statement=statement, file=where[0], line=where[1], end_line=where[3], revision=where[2],
           parameters=parameter_texts(statement, parameters, executemany),
           duration_ms=ended - statement_started_ms, clock_ms=ended,
           sent_at_ms=statement_sent_at_ms, returned_at_ms=returned_at_ms,
           in_transaction=in_transaction, pid=pid)
    wait_for_go()


def transaction_event(kind):
    def told(conn):
        if not tracing or not traced_pids:
            return
        try:
            fairy = conn.connection
            pid = backend_of(getattr(fairy, "dbapi_connection", None) or fairy.connection)[0]
        except Exception:
            return  # an invalidated connection: its backend is gone
        if pid in traced_pids:
            answer(transaction=kind, pid=pid, clock_ms=clock_ms())
    return told


def listen_to_every_engine():
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    event.listen(Engine, "before_cursor_execute", before_cursor_execute)
    event.listen(Engine, "after_cursor_execute", after_cursor_execute)
    event.listen(Engine, "commit", transaction_event("commit"))
    event.listen(Engine, "rollback", transaction_event("rollback"))


def setup_failure(error):
    """An error before the request's first migration began: in env.py (its
    imports, its configuration, its connection), in loading a revision file,
    or in the ini. Its file is the deepest line in the script directory (env.py,
    a revision file) the traceback passes, else the ini."""
    fields = {"ok": False, "setup": True, "file": os.path.abspath(options["ini"]),
              "message": "%s: %s" % (type(error).__name__, error)}
    try:
        scripts_dir = os.path.join(os.path.realpath(script().dir), "")
        for frame in reversed(traceback.extract_tb(error.__traceback__)):
            if os.path.realpath(frame.filename).startswith(scripts_dir):
                fields["file"] = os.path.abspath(frame.filename)
                fields["line"] = frame.lineno
                break
    except Exception:
        pass
    return fields


engines = {}
keep_engines()
listen_to_every_engine()
options = json.loads(sys.stdin.readline())
os.environ["DATABASE_URL"] = options["url"]
script_directory = None
try:
    # cmd_opts as the alembic command line would fill it, for env.py files that read it.
    command_line = Namespace(config=options["ini"], name=options["section"], x=options["x"],
                             raiseerr=False, quiet=False, sql=False, tag=None)
    config = Config(options["ini"], ini_section=options["section"], cmd_opts=command_line)
    config.set_main_option("sqlalchemy.url", options["url"].replace("%", "%%"))
    if options["script_location"]:
        config.set_main_option("script_location", options["script_location"].replace("%", "%%"))
except Exception as error:
    answer(fatal="setup", **setup_failure(error))
    sys.exit(0)
script_paths = None


def script():
    """The project's revisions, read once: Alembic's commands would read every
    revision file again on each request."""
    global script_directory
    if script_directory is None:
        script_directory = ScriptDirectory.from_config(config)
    return script_directory


migrating = False  # whether the current request's env.py got as far as its migrations


def run(steps, destination):
    """What alembic.command.upgrade / downgrade do, with the script directory
    kept between requests."""
    def begin(heads, context):
        global migrating
        migrating = True  # env.py called context.run_migrations()
        return steps(heads, context)

    with EnvironmentContext(config, script(), fn=begin, as_sql=False,
                            destination_rev=destination):
        script().run_env()


def upgrade(revision):
    run(lambda heads, context: script()._upgrade_revs(revision, heads), revision)


def downgrade(revision):
    run(lambda heads, context: script()._downgrade_revs(revision, heads), revision)


def scripts(revision_ids):
    return [script().get_revision(revision_id) for revision_id in revision_ids]


def apply(revision_ids):
    """Upgrades exactly these revisions, in this order, in one run of env.py:
    the steps Alembic's own upgrade builds for them (ScriptDirectory.
    _upgrade_revs), without Alembic choosing which others to run."""
    chosen = scripts(revision_ids)
    run(lambda heads, context: [MigrationStep.upgrade_from_script(script().revision_map, s)
                                for s in chosen],
        revision_ids[-1])


def unapply(revision_ids):
    """Downgrades exactly these revisions, in this order (each a current head
    when its turn comes), in one run of env.py: the steps Alembic's own
    downgrade takes for them, without Alembic choosing which branches to pull
    down with them."""
    chosen = scripts(revision_ids)
    run(lambda heads, context: [MigrationStep.downgrade_from_script(script().revision_map, s)
                                for s in chosen],
        revision_ids[-1] + "-1")


def revision_files():
    global script_paths
    if script_paths is None:
        script_paths = {os.path.realpath(s.path): s.revision
                        for s in script().walk_revisions("base", "heads")}
    return script_paths


def database_error(error):
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if getattr(error, "pgcode", None) is not None:
            return error
        orig = getattr(error, "orig", None)
        error = orig if orig is not None else (error.__cause__ or error.__context__)
    return None


def failure(error):
    fields = {"ok": False, "message": "%s: %s" % (type(error).__name__, error)}
    db = database_error(error)
    if db is not None:
        primary = getattr(getattr(db, "diag", None), "message_primary", None)
        fields["message"] = primary or str(db).strip().splitlines()[0]
        fields["sqlstate"] = db.pgcode
        detail = getattr(getattr(db, "diag", None), "message_detail", None)
        if detail:
            fields["detail"] = detail
    try:
        files = revision_files()
        for frame in reversed(traceback.extract_tb(error.__traceback__)):
            revision = files.get(os.path.realpath(frame.filename))
            if revision is not None:
                fields["file"] = frame.filename
                fields["line"] = frame.lineno
                fields["revision"] = revision
                break
    except Exception:
        pass
    return fields


answer(ready=True)
for request in sys.stdin:
    words = request.split()
    if len(words) < 2:
        answer(ok=False, message="bad request: " + request.strip())
        continue
    verb, revisions = words[0], words[1:]
    migrating = False
    tracing = verb.startswith("trace-")
    verb = verb[len("trace-"):] if tracing else verb
    traced_pids.clear()
    watched_pid = None
    try:
        if verb == "upgrade" and len(revisions) == 1:
            upgrade(revisions[0])
        elif verb == "downgrade" and len(revisions) == 1:
            downgrade(revisions[0])
        elif verb == "apply":
            apply(revisions)
        elif verb == "unapply":
            unapply(revisions)
        else:
            raise ValueError("bad request: " + request.strip())
        answer(ok=True)
    except BaseException as error:
        if isinstance(error, KeyboardInterrupt):
            raise
        answer(**(failure(error) if migrating else setup_failure(error)))
    tracing = False

# No more requests: end the sessions properly (the server then ends them at
# once) and skip the interpreter's teardown of every module, which takes as
# long as a dozen steps.
for engine in engines.values():
    try:
        engine.dispose()
    except Exception:
        pass
sys.stdout.flush()
sys.stderr.flush()
os._exit(0)
)PY";

}  // namespace migcheck
