"""The SQLite schema of the embedded store, and the connection settings it needs.

Nodes live in one table keyed by id (ids are unique across kinds); their
properties are a JSON object. Relationships live in one table keyed by
(kind, from, to), with an index from each end so that one node's neighbourhood
is a range read. Undirected kinds are stored once, with ``src < dst``. A
trigram FTS5 index over node names serves substring search. ``tallies`` keeps
the number of nodes and relationships of each kind, so that counts never scan.

Deletes and renames keep the FTS index and the tallies right by triggers. Inserts
do not: an FTS5 insert run by a trigger costs about ten times one run by a
statement (and a per-row trigger alone a few microseconds), which dominated bulk
imports. The writes of :mod:`kamgraph.store.embedded.writes` that insert nodes or
relationships index the new names and add to the tallies themselves, once per
batch (:func:`index_new_nodes`, :func:`add_to_tallies`). Schema version 2 is this
arrangement; version 1 (every insert by trigger) is upgraded on open.
"""

from __future__ import annotations

import json
import sqlite3

from kamgraph.domain.model import NodeKind, RelationshipKind

#: Bumped when the schema changes; stored as ``PRAGMA user_version``.
SCHEMA_VERSION = 2

_DDL = """
CREATE TABLE IF NOT EXISTS nodes(
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    props TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS nodes_kind_id ON nodes(kind, id);
CREATE INDEX IF NOT EXISTS nodes_home ON nodes(kind) WHERE json_extract(props, '$.home') = 1;

CREATE TABLE IF NOT EXISTS rels(
    kind TEXT NOT NULL,
    src TEXT NOT NULL,
    dst TEXT NOT NULL,
    props TEXT NOT NULL,
    PRIMARY KEY(kind, src, dst)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rels_src ON rels(src, kind, dst);
CREATE INDEX IF NOT EXISTS rels_dst ON rels(dst, kind, src);

CREATE TABLE IF NOT EXISTS audit(
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    operation TEXT NOT NULL,
    ids TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_actor ON audit(actor, seq);

CREATE TABLE IF NOT EXISTS tallies(what TEXT PRIMARY KEY NOT NULL, n INTEGER NOT NULL) WITHOUT ROWID;

CREATE VIRTUAL TABLE IF NOT EXISTS nodes_fts USING fts5(
    name, content='nodes', content_rowid='rowid', tokenize='trigram'
);

CREATE TRIGGER IF NOT EXISTS nodes_ad AFTER DELETE ON nodes BEGIN
    INSERT INTO nodes_fts(nodes_fts, rowid, name) VALUES ('delete', old.rowid, old.name);
    UPDATE tallies SET n = n - 1 WHERE what = 'node:' || old.kind;
END;
CREATE TRIGGER IF NOT EXISTS nodes_au AFTER UPDATE OF name ON nodes
WHEN old.name IS NOT new.name BEGIN
    INSERT INTO nodes_fts(nodes_fts, rowid, name) VALUES ('delete', old.rowid, old.name);
    INSERT INTO nodes_fts(rowid, name) VALUES (new.rowid, new.name);
END;
CREATE TRIGGER IF NOT EXISTS rels_ad AFTER DELETE ON rels BEGIN
    UPDATE tallies SET n = n - 1 WHERE what = 'rel:' || old.kind;
END;
"""


def lower(value: object) -> str | None:
    """Unicode lower case (SQLite's own ``lower`` only folds ASCII)."""
    return value.lower() if isinstance(value, str) else None


def name_rank(name: object, needle: object) -> int | None:
    """0 when ``name`` is ``needle`` (ignoring case), 1 when it starts with it,
    2 when it contains it, ``None`` otherwise.

    >>> [name_rank(n, "ac") for n in ("AC", "Acme", "Jack", "Bob")]
    [0, 1, 2, None]
    """
    if not isinstance(name, str) or not isinstance(needle, str):
        return None
    n, t = name.lower(), needle.lower()
    if n == t:
        return 0
    if n.startswith(t):
        return 1
    return 2 if t in n else None


def configure(conn: sqlite3.Connection, durable: bool, cache_mib: int = 64) -> None:
    """Pragmas and functions every connection needs."""
    conn.execute("PRAGMA busy_timeout = 30000")
    if durable:
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(f"PRAGMA cache_size = {-1024 * int(cache_mib)}")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.create_function("kg_lower", 1, lower, deterministic=True)
    conn.create_function("kg_rank", 2, name_rank, deterministic=True)


def apply_schema(conn: sqlite3.Connection) -> None:
    """Create the schema if it is missing (idempotent); refuse a newer one."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise RuntimeError(
            f"the store's schema is version {version}; this kamgraph knows up to {SCHEMA_VERSION}"
        )
    conn.execute("BEGIN IMMEDIATE")
    try:
        # version 1 indexed names and counted inserts by trigger (see the module docstring)
        conn.execute("DROP TRIGGER IF EXISTS nodes_ai")
        conn.execute("DROP TRIGGER IF EXISTS rels_ai")
        for statement in _split(_DDL):
            conn.execute(statement)
        conn.executemany(
            "INSERT OR IGNORE INTO tallies(what, n) VALUES (?, 0)",
            [(f"node:{k.value}",) for k in NodeKind] + [(f"rel:{k.value}",) for k in RelationshipKind],
        )
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def index_new_nodes(conn: sqlite3.Connection, ids: list[str]) -> None:
    """Add the names of newly inserted nodes to the FTS index."""
    text = json.dumps(ids)
    if "\\u0000" not in text:
        conn.execute(
            "INSERT INTO nodes_fts(rowid, name) "
            "SELECT rowid, name FROM nodes WHERE id IN (SELECT value FROM json_each(?))",
            (text,),
        )
    else:  # json_each would end an id at its NUL
        conn.executemany(
            "INSERT INTO nodes_fts(rowid, name) SELECT rowid, name FROM nodes WHERE id = ?",
            [(node_id,) for node_id in ids],
        )


def add_to_tallies(conn: sqlite3.Connection, added: dict[str, int]) -> None:
    """Add to the tallies (keys ``node:KIND`` / ``rel:KIND``) what a write inserted."""
    rows = [(n, what) for what, n in added.items() if n]
    if rows:
        conn.executemany("UPDATE tallies SET n = n + ? WHERE what = ?", rows)


def _split(ddl: str) -> list[str]:
    """Split the DDL into statements (triggers contain ``;`` inside BEGIN ... END)."""
    out: list[str] = []
    buf: list[str] = []
    for line in ddl.strip().splitlines():
        buf.append(line)
        text = "\n".join(buf).strip()
        if text and sqlite3.complete_statement(text):
            out.append(text)
            buf = []
    return out
