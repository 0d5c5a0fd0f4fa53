"""What only the embedded store has: its SQLite settings, schema versioning, ``:memory:``."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from pathlib import Path

import pytest

from kamgraph.domain.errors import StoreUnavailableError
from kamgraph.domain.model import End, NodeKind, RelationshipKind
from kamgraph.store.embedded.schema import SCHEMA_VERSION
from kamgraph.store.embedded.store import EmbeddedStore
from kamgraph.store.protocol import GraphStore
from tests.contract.support import companies, ids, link, people, r


@pytest.mark.parametrize("backend", ["embedded"])
async def test_memory_store_works_and_forgets(backend: str) -> None:
    store = EmbeddedStore(":memory:")
    await store.open()
    try:
        assert isinstance(store, GraphStore)
        await people(store, "a", "b")
        await link(store, r("KNOWS", "b", "a"))
        assert ids(await store.search("person", None, 5)) == ["a", "b"]
        (ties,) = await store.get_relationships(["b"], RelationshipKind.KNOWS, End.BOTH)
        assert [(t.from_id, t.to_id) for t in ties] == [("a", "b")]
        reads = await asyncio.gather(*(store.list_nodes(NodeKind.PERSON, 1) for _ in range(20)))
        assert {p.total_count for p in reads} == {2}
    finally:
        await store.close()
    again = EmbeddedStore(":memory:")
    await again.open()
    assert (await again.counts())["PERSON"] == 0
    await again.close()


@pytest.mark.parametrize("backend", ["embedded"])
async def test_file_store_is_durable_by_configuration(tmp_path: Path, backend: str) -> None:
    path = tmp_path / "k.db"
    store = EmbeddedStore(str(path))
    await store.open()
    await store.open()  # a second open is a no-op
    await companies(store, "c")
    await store.close()
    await store.close()
    with pytest.raises(StoreUnavailableError):
        await store.ping()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        conn.close()
    # the schema is applied idempotently on every open
    store = EmbeddedStore(str(path))
    await store.open()
    assert (await store.counts())["COMPANY"] == 1
    await store.close()


@pytest.mark.parametrize("backend", ["embedded"])
async def test_a_newer_schema_is_refused(tmp_path: Path, backend: str) -> None:
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    store = EmbeddedStore(str(path))
    with pytest.raises(RuntimeError, match="schema is version"):
        await store.open()


@pytest.mark.parametrize("backend", ["embedded"])
async def test_reads_go_on_while_a_big_write_runs(tmp_path: Path, backend: str) -> None:
    store = EmbeddedStore(str(tmp_path / "busy.db"))
    await store.open()
    try:
        await people(store, "first")
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0.001)

        tick = asyncio.create_task(ticker())
        write = asyncio.create_task(people(store, *(f"p{i:05}" for i in range(8_000))))
        seen = []
        while not write.done():
            seen.append((await store.list_nodes(NodeKind.PERSON, 1)).total_count)
        await write
        tick.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await tick
        # the event loop kept running, and reads saw the store before or after the write, never halfway
        assert ticks > 3
        assert set(seen) <= {1, 8_001} and 1 in seen
        assert (await store.counts())["PERSON"] == 8_001
    finally:
        await store.close()
