#!/usr/bin/env python3
"""Writes the lint benchmark corpora (deterministic, seeded):
  big.sql   one file of 20,000 mixed DDL/DML statements
  many/     2,000 files of 10 statements each
Usage: gen_corpus.py OUT_DIR"""
import os
import random
import sys

TEMPLATES = [
    "CREATE TABLE t{i} (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz DEFAULT now());",
    "ALTER TABLE t{j} ADD COLUMN c{i} integer;",
    "ALTER TABLE t{j} ADD COLUMN d{i} text NOT NULL;",
    "CREATE INDEX idx_{i} ON t{j} (name);",
    "CREATE INDEX CONCURRENTLY idx_c_{i} ON t{j} (created_at);",
    "INSERT INTO t{j} (id, name) VALUES ({i}, 'row {i}');",
    "UPDATE t{j} SET name = 'x' WHERE id = {i};",
    "ALTER TABLE t{j} ALTER COLUMN name TYPE varchar(200);",
    "DELETE FROM t{j} WHERE id > {i};",
    "ALTER TABLE t{j} DROP COLUMN c{i};",
    "ALTER TABLE t{j} RENAME COLUMN name TO name_{i};",
    "SELECT a.id, b.name FROM t{j} a JOIN t{i} b ON a.id = b.id WHERE a.created_at > now() - interval '1 day';",
    "CREATE FUNCTION f{i}() RETURNS int AS $$ BEGIN RETURN {i}; END; $$ LANGUAGE plpgsql;",
    "ALTER TABLE t{j} ADD CONSTRAINT fk_{i} FOREIGN KEY (id) REFERENCES t{i} (id);",
    "SET lock_timeout = '2s';",
]


def statements(rng, count, offset=0):
    for k in range(count):
        i = offset + k
        yield rng.choice(TEMPLATES).format(i=i, j=rng.randint(0, max(0, i - 1)))


def main():
    out = sys.argv[1]
    rng = random.Random(20261125)
    os.makedirs(os.path.join(out, "many"), exist_ok=True)
    with open(os.path.join(out, "big.sql"), "w") as f:
        f.write("\n".join(statements(rng, 20000)) + "\n")
    for n in range(2000):
        with open(os.path.join(out, "many", f"{n:04d}_migration.sql"), "w") as f:
            f.write("\n".join(statements(rng, 10, n * 10)) + "\n")


if __name__ == "__main__":
    main()
