"""An embedded store of schema version 1 (names indexed and inserts counted by
trigger) is upgraded on open, and then counts and search stay exact."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kamgraph.store.embedded.schema import SCHEMA_VERSION
from kamgraph.store.embedded.store import EmbeddedStore
from tests.contract.support import ids, link, people, r

_V1_TRIGGERS = """
CREATE TRIGGER nodes_ai AFTER INSERT ON nodes BEGIN
    INSERT INTO nodes_fts(rowid, name) VALUES (new.rowid, new.name);
    UPDATE tallies SET n = n + 1 WHERE what = 'node:' || new.kind;
END;
CREATE TRIGGER rels_ai AFTER INSERT ON rels BEGIN
    UPDATE tallies SET n = n + 1 WHERE what = 'rel:' || new.kind;
END;
PRAGMA user_version = 1;
"""


@pytest.mark.parametrize("backend", ["embedded"])
async def test_a_version_1_store_is_upgraded(tmp_path: Path, backend: str) -> None:
    path = str(tmp_path / "v1.db")
    store = EmbeddedStore(path)
    await store.open()
    await store.close()
    conn = sqlite3.connect(path)
    conn.executescript(_V1_TRIGGERS)  # what version 1 had
    conn.execute(
        "INSERT INTO nodes(id, kind, name, props) VALUES ('old', 'PERSON', 'Olda', '{\"name\":\"Olda\"}')"
    )
    conn.commit()
    conn.close()
    store = EmbeddedStore(path)
    await store.open()
    try:
        await people(store, "new1", "new2")
        await link(store, r("KNOWS", "new1", "old"), r("KNOWS", "new2", "old"))
        counts = await store.counts()
        assert (counts["PERSON"], counts["KNOWS"]) == (3, 2)
        assert ids(await store.search("new", None, 5)) == ["new1", "new2"]
        assert ids(await store.search("olda", None, 5)) == ["old"]
    finally:
        await store.close()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        conn.close()
