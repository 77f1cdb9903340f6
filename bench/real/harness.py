#!/usr/bin/env python3
"""Runs migcheck on the real projects of projects.toml and writes docs/REAL_WORLD.md.

Per project: copy the pinned folders out of a snapshot into the git-ignored cache,
then run `heads`, `history`, `lint` and (where the project runs without its
application) `roundtrip`, recording exit codes, crashes, wall time and peak memory.
Alembic projects also get real Alembic's heads (bench/real/alembic_heads.py, with
stubs for application imports); SQL files also go through squawk 2.66.0.
"""

import argparse
import collections
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
CACHE = HERE / ".cache"
SQUAWK = REPO_ROOT / "bench" / ".peers" / "node_modules" / ".bin" / "squawk"
SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's, where python3-alembic is installed
COMMAND_TIMEOUT_S = 900
# Exit codes migcheck documents; anything else (a signal, an abort) is a crash.
DOCUMENTED_EXITS = {0, 1, 2}
OP_CALL = re.compile(r"\bop\.[a-z_]+\s*\(")


class Run:
    """One finished command: what it printed and what it cost."""

    def __init__(self, argv, returncode, stdout, stderr, wall_s, peak_mb, timed_out):
        self.argv = argv
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        self.wall_s = wall_s
        self.peak_mb = peak_mb
        self.timed_out = timed_out

    @property
    def crashed(self):
        return self.timed_out or self.returncode not in DOCUMENTED_EXITS or \
            "internal error" in self.stderr.lower()

    def status(self):
        if self.timed_out:
            return f"timeout ({COMMAND_TIMEOUT_S} s)"
        if self.returncode < 0:
            return f"signal {-self.returncode}"
        return str(self.returncode)

    def first_error_line(self):
        lines = [line for line in self.stderr.splitlines() if line.strip()]
        return lines[0][:200] if lines else ""


def measure(argv, cwd=None, env=None):
    """Runs argv, returning its output with wall time and the child's own peak RSS."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        child = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=err,
                                 stdin=subprocess.DEVNULL, start_new_session=True)
        timed_out = False
        try:
            child.wait(timeout=COMMAND_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            timed_out = True
            os.killpg(child.pid, 9)
        wall = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        return Run(argv, child.returncode, out.read().decode("utf-8", "replace"),
                   err.read().decode("utf-8", "replace"), wall, None, timed_out)


def measure_with_rss(argv, cwd=None, env=None):
    """measure() through /usr/bin/time, which reports the command's own peak RSS."""
    with tempfile.NamedTemporaryFile("r") as rss_file:
        run = measure(["/usr/bin/time", "-f", "%M", "-o", rss_file.name, *argv], cwd, env)
        run.argv = argv
        text = Path(rss_file.name).read_text().strip().splitlines()
        # /usr/bin/time writes "Command exited with non-zero status N" first.
        if text and text[-1].isdigit():
            run.peak_mb = int(text[-1]) / 1024
        if run.returncode is not None and run.returncode > 128 and "signal" in " ".join(text):
            run.returncode = -(run.returncode - 128)
        return run


# --- snapshots and the cache ---------------------------------------------------------

def snapshot_git_dir(repo, mirror):
    """The bare git directory holding `repo`: the session's mirror, else a clone of our own."""
    owner_name = repo.replace("/", "+")
    for candidate in (mirror / owner_name / "repo", mirror / owner_name / "repo" / ".git",
                      CACHE / "git" / f"{owner_name}.git"):
        if (candidate / "objects").is_dir():
            return candidate
    target = CACHE / "git" / f"{owner_name}.git"
    target.parent.mkdir(parents=True, exist_ok=True)
    clone = subprocess.run(["git", "clone", "--quiet", "--bare", "--filter=blob:none",
                            f"https://github.com/{repo}.git", str(target)],
                           capture_output=True, text=True)
    if clone.returncode != 0:
        shutil.rmtree(target, ignore_errors=True)
        return None
    return target


def extract(project, mirror):
    """Copies the project's pinned paths into the cache; returns the copy's root or an error."""
    root = CACHE / "projects" / project["name"]
    stamp = root / ".migcheck-real-commit"
    wanted = project["commit"] + "\n" + "\n".join(project["copy"])
    if stamp.is_file() and stamp.read_text() == wanted:
        return root, None
    git_dir = snapshot_git_dir(project["repo"], mirror)
    if git_dir is None:
        return None, f"no snapshot of {project['repo']} (fetch it into {mirror} or allow git clone)"
    if subprocess.run(["git", f"--git-dir={git_dir}", "cat-file", "-e", project["commit"] + "^{commit}"],
                      capture_output=True).returncode != 0:
        return None, f"{project['repo']} snapshot lacks commit {project['commit']}"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    archive = subprocess.run(["git", f"--git-dir={git_dir}", "archive", "--format=tar",
                              project["commit"], "--", *project["copy"]], capture_output=True)
    if archive.returncode != 0:
        return None, archive.stderr.decode(errors="replace").strip()
    subprocess.run(["tar", "-x", "-C", str(root)], input=archive.stdout, check=True)
    stamp.write_text(wanted)
    return root, None


# --- the commands ----------------------------------------------------------------------

def project_options(project):
    options = ["--project", project["project"]]
    if project["layout"] not in ("auto", "files"):
        options += ["--layout", project["layout"]]
    if "alembic_config" in project:
        options += ["--alembic-config", project["alembic_config"]]
    if "name_section" in project:
        options += ["-n", project["name_section"]]
    return options


def heads_of(run):
    if run.returncode not in (0, 1):
        return None
    try:
        return sorted(head["revision"] for head in json.loads(run.stdout)["heads"])
    except (ValueError, KeyError, TypeError):
        return None


def findings_of(run):
    try:
        return json.loads(run.stdout)["findings"]
    except (ValueError, KeyError, TypeError):
        return []


def sql_files(root, project):
    base = root / (project["project"] if project["layout"] != "files" else "")
    paths = [root / p for p in project.get("lint", [])] or [base]
    files = []
    for path in paths:
        files += [path] if path.is_file() else sorted(path.rglob("*.sql"))
    return files


def revision_files(run):
    """The files of the revisions `history --format json` listed."""
    try:
        return [r["file"] for r in json.loads(run.stdout)["revisions"]]
    except (ValueError, KeyError, TypeError):
        return []


def count_op_calls(root, files):
    """op.* calls in the revision files: the denominator of the unresolved share."""
    return sum(len(OP_CALL.findall((root / f).read_text(errors="replace"))) for f in files)


def real_alembic_heads(root, project):
    ini = root / project["project"] / project.get("alembic_config", "alembic.ini")
    argv = [SYSTEM_PYTHON, str(HERE / "alembic_heads.py"), str(ini),
            project.get("name_section", "alembic")]
    run = measure(argv, cwd=root / project["project"])
    if run.returncode != 0:
        return None, run.first_error_line() or f"exit {run.returncode}", run
    return sorted(run.stdout.split()), None, run


def ensure_squawk():
    if SQUAWK.exists():
        return True
    SQUAWK.parent.parent.parent.mkdir(parents=True, exist_ok=True)
    install = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "squawk-cli@2.66.0"],
                             cwd=SQUAWK.parent.parent.parent, capture_output=True)
    return install.returncode == 0 and SQUAWK.exists()


def run_project(migcheck, project, mirror, squawk_ok):
    result = {"name": project["name"], "project": project}
    root, error = extract(project, mirror)
    if error:
        result["error"] = error
        return result
    result["root"] = str(root)
    runs = {}
    is_files = project["layout"] == "files"
    if not is_files:
        options = project_options(project)
        runs["heads"] = measure_with_rss([migcheck, "heads", *options, "--format", "json"], cwd=root)
        runs["history"] = measure_with_rss([migcheck, "history", *options, "--format", "json"],
                                           cwd=root)
        runs["lint"] = measure_with_rss([migcheck, "lint", *options, "--format", "json"], cwd=root)
        if project.get("roundtrip"):
            setup = []
            for name in project.get("setup_sql", []):
                setup += ["--setup-sql", str(HERE / "setup" / name)]
            runs["roundtrip"] = measure_with_rss(
                [migcheck, "roundtrip", *options, *setup, "--format", "json"], cwd=root)
    else:
        runs["lint"] = measure_with_rss(
            [migcheck, "lint", *project["lint"], "--format", "json"], cwd=root)
    result["runs"] = runs
    result["migcheck_heads"] = heads_of(runs["heads"]) if "heads" in runs else None
    result["revisions"] = len(revision_files(runs["history"])) if "history" in runs else None
    if project["layout"] == "alembic":
        heads, error, run = real_alembic_heads(root, project)
        result["alembic_heads"], result["alembic_error"] = heads, error
        result["alembic_wall_s"] = run.wall_s
        result["op_calls"] = count_op_calls(root, revision_files(runs["history"]))
    elif squawk_ok:
        files = [str(p) for p in sql_files(root, project)]
        if files:
            result["sql_files"] = len(files)
            runs["squawk"] = measure_with_rss([str(SQUAWK), "--reporter", "json", *files], cwd=root)
            runs["migcheck_files"] = measure_with_rss(
                [migcheck, "lint", "--format", "json", *files], cwd=root)
    findings = findings_of(runs["lint"])
    result["findings"] = collections.Counter(f["rule"] for f in findings)
    if "roundtrip" in runs:
        result["roundtrip_findings"] = findings_of(runs["roundtrip"])
    return result


# --- the report --------------------------------------------------------------------------

def fmt_run(run):
    if run is None:
        return "-"
    mem = f", {run.peak_mb:.0f} MB" if run.peak_mb is not None else ""
    return f"{run.status()} ({run.wall_s:.2f} s{mem})"


def heads_verdict(result):
    ours, theirs = result.get("migcheck_heads"), result.get("alembic_heads")
    if result["project"]["layout"] != "alembic":
        return "n/a"
    if theirs is None:
        return f"Alembic failed: {result.get('alembic_error')}"
    alembic_time = f"Alembic {result['alembic_wall_s']:.2f} s"
    if ours == theirs:
        return f"equal ({len(ours)}; {alembic_time})"
    return f"DIFFER: migcheck {ours} Alembic {theirs}"


def write_report(results, migcheck, out_path, command):
    lines = []
    add = lines.append
    crashes = sum(1 for r in results for run in r.get("runs", {}).values()
                  if run.crashed and run.argv[0] != str(SQUAWK))
    add("# migcheck on real projects")
    add("")
    add(f"Produced by `{command}` on {datetime.date.today().isoformat()} "
        f"(manifest: `bench/real/projects.toml`; the projects are copied into the git-ignored "
        f"`bench/real/.cache/`). Times are wall seconds on this 2-core VM; memory is peak RSS.")
    add("")
    add(f"**Crashes: {crashes}** (a signal, an undocumented exit code, a timeout, or an "
        f"internal error, over every command below).")
    add("")
    add("## Commands per project")
    add("")
    add("| project | layout | revisions | heads | history | lint | roundtrip | heads vs Alembic |")
    add("|---|---|---|---|---|---|---|---|")
    for r in results:
        if "error" in r:
            add(f"| {r['name']} | {r['project']['layout']} | not run: {r['error']} | | | | | |")
            continue
        runs = r["runs"]
        revisions = "-" if r["revisions"] is None else r["revisions"]
        add(f"| {r['name']} | {r['project']['layout']} | {revisions} | {fmt_run(runs.get('heads'))} | "
            f"{fmt_run(runs.get('history'))} | {fmt_run(runs.get('lint'))} | "
            f"{fmt_run(runs.get('roundtrip'))} | {heads_verdict(r)} |")
    add("")
    add("Exit codes: 0 clean, 1 findings at the failing severity (or several heads), 2 an input "
        "error (the first line of its message is listed below).")
    add("")
    errors = [(r["name"], name, run) for r in results for name, run in r.get("runs", {}).items()
              if run.returncode == 2 or run.crashed]
    if errors:
        add("### Errors and crashes")
        add("")
        for project, name, run in errors:
            add(f"- {project} `{name}`: {run.status()}: `{run.first_error_line()}`")
        add("")
    add("## Alembic: unresolved operations")
    add("")
    add("`before` is the share on 2026-12-04 after the reader's third round on issue 15, "
        "before its fourth (constants and settings imported from the project's modules, with "
        "environment variables read as Alembic's process would read them with migcheck's "
        "environment; a column's CHECK constraints; index elements over `sa.func` of a column; "
        "Enum `values_callable` and the class's default type name; helpers defined inside "
        "`upgrade()`; csv output; CreateSequence and `next_value()` defaults); `may run` counts "
        "the findings about SQL in branches only Python decides, whose messages say so.")
    add("")
    add("| project | revisions' op.* calls | unresolved-operation | share | before | may run |")
    add("|---|---|---|---|---|---|")
    for r in results:
        if r["project"]["layout"] == "alembic" and "runs" in r:
            unresolved = r["findings"].get("unresolved-operation", 0)
            calls = r.get("op_calls", 0)
            share = f"{100 * unresolved / calls:.1f}%" if calls else "-"
            before = r["project"].get("unresolved_before")
            before = f"{before:.1f}%" if before is not None else "-"
            may_run = sum(1 for f in findings_of(r["runs"]["lint"])
                          if "(may run:" in f.get("message", ""))
            add(f"| {r['name']} | {calls} | {unresolved} | {share} | {before} | {may_run} |")
    add("")
    add("## Round trips")
    add("")
    for r in results:
        if "roundtrip" not in r.get("runs", {}):
            continue
        counts = collections.Counter(f["rule"] for f in r["roundtrip_findings"])
        summary = ", ".join(f"{rule} {n}" for rule, n in sorted(counts.items())) or "no findings"
        add(f"- {r['name']}: exit {r['runs']['roundtrip'].status()}; {summary}")
        for finding in r["roundtrip_findings"]:
            if finding.get("severity") == "error":
                loc = finding.get("location", {})
                add(f"  - `{finding['rule']}` at {loc.get('file')}:{loc.get('line')}: "
                    f"{finding['message'][:240]}")
                break
    add("")
    add("## SQL files: migcheck beside squawk 2.66.0")
    add("")
    add("| project | files | migcheck lint | squawk |")
    add("|---|---|---|---|")
    for r in results:
        runs = r.get("runs", {})
        if "squawk" in runs:
            add(f"| {r['name']} | {r['sql_files']} | {fmt_run(runs['migcheck_files'])} | "
                f"{fmt_run(runs['squawk'])} |")
    add("")
    add("## Findings per rule (lint)")
    add("")
    total = collections.Counter()
    for r in results:
        total.update(r.get("findings", {}))
    add("| rule | findings | projects |")
    add("|---|---|---|")
    for rule, n in total.most_common():
        where = sorted(r["name"] for r in results if r.get("findings", {}).get(rule))
        add(f"| {rule} | {n} | {', '.join(where)} |")
    add("")
    notes = HERE / "notes.md"
    if notes.is_file():
        add(notes.read_text().rstrip())
        add("")
    add("## Projects")
    add("")
    for r in results:
        p = r["project"]
        add(f"- **{p['name']}**: [{p['repo']}](https://github.com/{p['repo']}) at "
            f"`{p['commit'][:12]}`, `{p['project'] if p['layout'] != 'files' else ' '.join(p['lint'])}`"
            f": {p.get('why', '')}")
    out_path.write_text("\n".join(lines) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("migcheck")
    parser.add_argument("names", nargs="*", help="only these projects")
    parser.add_argument("--mirror", default=os.environ.get("MIGCHECK_REAL_MIRROR",
                                                           str(REPO_ROOT.parent / ".mirror")))
    parser.add_argument("--out", default=str(REPO_ROOT / "docs" / "REAL_WORLD.md"))
    parser.add_argument("--json", help="also write the raw results here")
    args = parser.parse_args()
    migcheck = str(Path(args.migcheck).resolve())
    manifest = tomllib.loads((HERE / "projects.toml").read_text())["project"]
    unknown = set(args.names) - {p["name"] for p in manifest}
    if unknown:
        sys.exit(f"unknown project(s): {', '.join(sorted(unknown))}")
    squawk_ok = ensure_squawk()
    results = []
    for project in manifest:
        if args.names and project["name"] not in args.names:
            continue
        print(f"real: {project['name']} ...", file=sys.stderr, flush=True)
        results.append(run_project(migcheck, project, Path(args.mirror), squawk_ok))
    command = "bench/real/run.sh " + os.path.relpath(migcheck, REPO_ROOT)
    if args.names:
        command += " " + " ".join(args.names)
    write_report(results, migcheck, Path(args.out), command)
    if args.json:
        Path(args.json).write_text(json.dumps(
            [{k: v for k, v in r.items() if k != "runs"} |
             {"runs": {n: vars(run) for n, run in r.get("runs", {}).items()}} for r in results],
            indent=1, default=str))
    crashed = [r["name"] for r in results for run in r.get("runs", {}).values()
               if run.crashed and run.argv[0] != str(SQUAWK)]
    print(f"real: wrote {args.out}; crashes: {len(crashed)} {sorted(set(crashed))}", file=sys.stderr)


if __name__ == "__main__":
    main()
