#!/usr/bin/env python3
"""Builds the --all-branches benchmark repository with `git fast-import`.

main holds an Alembic project with REVISIONS linear revisions, committed in
batches of 100; BRANCHES branches each add one revision on top of main's head
(so every pair of them would leave two heads: the worst case for the pairwise
check). A branch already merged into main and origin/HEAD are set up too.

usage: generate.py DIR [--revisions 5000] [--branches 200]
"""
import argparse
import os
import subprocess
import sys

ALEMBIC_INI = """[alembic]
script_location = migrations
sqlalchemy.url = postgresql://localhost/bench
"""
ENV_PY = "from alembic import context\n\n\ndef run():\n    pass\n\n\nrun()\n"


def revision_id(kind, n):
    return f"{kind}{n:07d}"


def revision_file(rev, parent, n):
    down = "None" if parent is None else repr(parent)
    return f'''"""add column c{n} to table t{n % 50}

Revision ID: {rev}
Revises: {parent or ''}
"""
from alembic import op
import sqlalchemy as sa

revision = {rev!r}
down_revision = {down}
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("t{n % 50}", sa.Column("c{n}", sa.Integer(), nullable=True))


def downgrade():
    op.drop_column("t{n % 50}", "c{n}")
'''


class Importer:
    def __init__(self, stream):
        self.out = stream
        self.mark = 0
        self.when = 1_700_000_000

    def data(self, text):
        raw = text.encode()
        self.out.write(b"data %d\n" % len(raw) + raw + b"\n")

    def commit(self, ref, message, files, parents=()):
        self.mark += 1
        self.when += 60
        self.out.write(f"commit {ref}\nmark :{self.mark}\n".encode())
        self.out.write(f"author Dev {self.mark} <dev{self.mark}@example.com> {self.when} +0000\n".encode())
        self.out.write(f"committer Dev <dev@example.com> {self.when} +0000\n".encode())
        self.data(message)
        for i, parent in enumerate(parents):
            self.out.write(f"{'from' if i == 0 else 'merge'} {parent}\n".encode())
        for path, text in files:
            self.out.write(f"M 100644 inline {path}\n".encode())
            self.data(text)
        self.out.write(b"\n")
        return f":{self.mark}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--revisions", type=int, default=5000)
    parser.add_argument("--branches", type=int, default=200)
    args = parser.parse_args()

    os.makedirs(args.dir, exist_ok=True)
    git = ["git", "-C", args.dir, "-c", "init.defaultBranch=main"]
    subprocess.run(git + ["init", "-q"], check=True)
    proc = subprocess.Popen(git + ["fast-import", "--quiet"], stdin=subprocess.PIPE)
    importer = Importer(proc.stdin)

    files = [("alembic.ini", ALEMBIC_INI), ("migrations/env.py", ENV_PY),
             ("migrations/script.py.mako", "")]
    head, parent_rev = None, None
    for n in range(args.revisions):
        rev = revision_id("r", n)
        files.append((f"migrations/versions/{rev}_add_c{n}.py", revision_file(rev, parent_rev, n)))
        parent_rev = rev
        if len(files) >= 100 or n == args.revisions - 1:
            head = importer.commit("refs/heads/main", f"revisions up to {n}", files,
                                   [head] if head else [])
            files = []
    main_head, main_rev = head, parent_rev

    for b in range(args.branches):
        rev = revision_id("b", b)
        importer.commit(f"refs/heads/feature/{b:03d}", f"feature {b}",
                        [(f"migrations/versions/{rev}_feature_{b}.py",
                          revision_file(rev, main_rev, args.revisions + b))], [main_head])
    # A branch already merged into main: skipped by the scan.
    importer.commit("refs/heads/merged", "merged work", [], [main_head])
    proc.stdin.close()
    if proc.wait() != 0:
        sys.exit("git fast-import failed")
    subprocess.run(git + ["update-ref", "refs/heads/main", "merged"], check=True)
    subprocess.run(git + ["update-ref", "refs/remotes/origin/main", "main"], check=True)
    subprocess.run(git + ["symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main"],
                   check=True)
    subprocess.run(git + ["checkout", "-q", "-f", "main"], check=True)


if __name__ == "__main__":
    main()
