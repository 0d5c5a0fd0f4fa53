"""Durability: what a write acknowledged is there after a restart, and after ``kill -9``."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kamgraph.domain.model import AuditInfo, End, NodeKind, RelationshipKind
from kamgraph.store.embedded.store import EmbeddedStore
from kamgraph.store.protocol import GraphStore
from tests.contract.support import Reopen, add, companies, ends, ids, link, people, r


async def test_everything_survives_a_restart(store: GraphStore, reopen: Reopen) -> None:
    await companies(store, "us", home=True, tags=["x"])
    await people(store, "p1", "p2", audit=AuditInfo("alice", "upsert"))
    await add(store, NodeKind.PERSON, {"id": "p3", "name": "Zoë Searchable"})
    await link(store, r("KNOWS", "p2", "p1", strength=0.75), r("WORKS_AT", "p1", "us"))
    await store.delete_nodes(["p2"])
    before = await store.counts()

    fresh = await reopen()
    assert await fresh.counts() == before
    home = await fresh.home_company()
    assert home is not None and home.id == "us" and home.get("tags") == ["x"]
    assert [n.id if n else None for n in await fresh.get_nodes(["p1", "p2", "p3"])] == ["p1", None, "p3"]
    assert ends((await fresh.get_relationships(["us"], RelationshipKind.WORKS_AT, End.IN))[0]) == [
        ("p1", "us")
    ]
    assert await fresh.get_relationships(["p1"], RelationshipKind.KNOWS, End.BOTH) == [[]]
    assert ids(await fresh.search("zoë", None, 5)) == ["p3"]
    entries, _, total = await fresh.audit_log(5)
    assert total == 1 and entries[0].ids == ("p1", "p2")
    # and it goes on working
    await people(fresh, "p4")
    assert (await fresh.counts())["PERSON"] == 3


BATCH = 100

_WRITER = textwrap.dedent(
    """
    import asyncio, sys
    from kamgraph.domain.model import NodeKind
    from kamgraph.store.embedded.store import EmbeddedStore
    from kamgraph.domain.rules import validate_nodes, validate_relationships

    async def main(path, start):
        store = EmbeddedStore(path)
        await store.open()
        for b in range(start, start + 100_000):
            ids = [f"b{b:06}-{j:03}" for j in range(BATCH)]
            await store.upsert_nodes(validate_nodes(NodeKind.PERSON, [{"id": i, "name": i} for i in ids]))
            print("n", b, flush=True)
            ties = [{"kind": "KNOWS", "from": a, "to": c} for a, c in zip(ids, ids[1:])]
            await store.relate(validate_relationships(ties))
            print("r", b, flush=True)

    asyncio.run(main(sys.argv[1], int(sys.argv[2])))
    """
).replace("BATCH", str(BATCH))


def _write_until_killed(path: Path, start: int, rng: random.Random) -> dict[str, set[int]]:
    """Run a writer, SIGKILL it mid-way; return the acknowledged batches of each kind."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path), str(start)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    acked: dict[str, set[int]] = {"n": set(), "r": set()}
    target = rng.randint(3, 12)
    try:
        assert proc.stdout is not None
        while len(acked["r"]) < target:
            line = proc.stdout.readline()
            assert line, f"writer died early: {proc.stderr.read() if proc.stderr else ''}"
            what, number = line.split()
            acked[what].add(int(number))
        # let it get into the next writes, then kill it at an arbitrary point
        for _ in range(rng.randint(0, 3)):
            proc.stdout.readline()
        time.sleep(rng.uniform(0, 0.02))
        os.kill(proc.pid, signal.SIGKILL)
        rest, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    for line in (rest or "").splitlines():
        what, number = line.split()
        acked[what].add(int(number))
    return acked


@pytest.mark.parametrize("backend", ["embedded"])
async def test_kill_9_keeps_every_acknowledged_write_whole(tmp_path: Path, backend: str) -> None:
    path = tmp_path / "killed.db"
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)  # the kill points vary from run to run; the seed is in any failure
    rounds = [(start, _write_until_killed(path, start, rng)) for start in range(0, 80_000, 10_000)]

    store = EmbeddedStore(str(path))
    await store.open()
    try:
        for start, acked in rounds:
            last = max(acked["n"])
            for b in range(start, last + 2):
                batch_ids = [f"b{b:06}-{j:03}" for j in range(BATCH)]
                nodes = sum(n is not None for n in await store.get_nodes(batch_ids))
                ties = sum(
                    map(len, await store.get_relationships(batch_ids, RelationshipKind.KNOWS, End.OUT))
                )
                assert nodes in (0, BATCH), f"seed {seed}, batch {b}: {nodes} of {BATCH} nodes: half a write"
                assert ties in (0, BATCH - 1), (
                    f"seed {seed}, batch {b}: {ties} of {BATCH - 1} ties: half a write"
                )
                if b in acked["n"]:
                    assert nodes == BATCH, f"seed {seed}, batch {b}: acknowledged nodes lost"
                if b in acked["r"]:
                    assert ties == BATCH - 1, f"seed {seed}, batch {b}: acknowledged ties lost"
        await people(store, "after-the-crash")
    finally:
        await store.close()
    with subprocess.Popen(
        [sys.executable, "-c", _CHECK, str(path)], stdout=subprocess.PIPE, text=True
    ) as check:
        out, _ = check.communicate(timeout=60)
    assert out.strip() == "ok"


_CHECK = (
    "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])"
)
