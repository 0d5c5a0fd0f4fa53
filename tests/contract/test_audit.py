"""Audit entries: written with the write they record, read newest first."""

from __future__ import annotations

import datetime as dt

import pytest

from kamgraph.domain.errors import ValidationError
from kamgraph.domain.model import AuditEntry, AuditInfo
from kamgraph.store.protocol import GraphStore
from tests.contract.support import companies, link, people, r, unlink


def brief(entries: list[AuditEntry]) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(e.actor, e.operation, e.ids) for e in entries]


async def test_each_audited_write_records_one_entry(store: GraphStore) -> None:
    await people(store, "p2", "p1", "p2x")  # not audited
    await people(store, "p1", "p3", audit=AuditInfo("alice", "upsertPeople"))
    await companies(store, "c1")
    await link(
        store,
        r("KNOWS", "p3", "p1"),
        r("WORKS_AT", "p1", "c1"),
        audit=AuditInfo("bob", "relate"),
    )
    await unlink(store, r("KNOWS", "p1", "p3"), audit=AuditInfo("bob", "unrelate"))
    await store.delete_nodes(["p2", "p2"], AuditInfo("alice", "deleteNodes"))
    assert await store.erase_person("p3", AuditInfo("admin", "erasePerson")) is True
    entries, has_next, total = await store.audit_log(10)
    assert (has_next, total) == (False, 5)
    assert brief(entries) == [
        ("admin", "erasePerson", ("p3",)),
        ("alice", "deleteNodes", ("p2",)),
        ("bob", "unrelate", ("p1", "p3")),
        ("bob", "relate", ("p1", "p3", "c1")),
        ("alice", "upsertPeople", ("p1", "p3")),
    ]
    seqs = [e.seq for e in entries]
    assert seqs == sorted(seqs, reverse=True) and len(set(seqs)) == 5


async def test_timestamps_are_utc_iso(store: GraphStore) -> None:
    before = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=5)
    await people(store, "p1", audit=AuditInfo("a", "op"))
    after = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5)
    ((entry), *_), _, _ = await store.audit_log(1)
    at = dt.datetime.fromisoformat(entry.at.replace("Z", "+00:00"))
    assert at.utcoffset() == dt.timedelta(0)
    assert before <= at <= after


async def test_a_refused_write_records_nothing(store: GraphStore) -> None:
    await people(store, "p1")
    with pytest.raises(ValidationError):
        await link(store, r("KNOWS", "p1", "ghost"), audit=AuditInfo("a", "relate"))
    with pytest.raises(ValidationError):
        await companies(store, "p1", audit=AuditInfo("a", "upsert"))
    assert await store.audit_log(10) == ([], False, 0)


async def test_pages_and_filters(store: GraphStore) -> None:
    for i in range(7):
        await people(store, f"p{i}", audit=AuditInfo("alice" if i % 2 == 0 else "bob", f"op{i}"))
    page, has_next, total = await store.audit_log(3)
    assert [e.operation for e in page] == ["op6", "op5", "op4"] and has_next and total == 7
    page2, has_next, total = await store.audit_log(3, after=page[-1].seq)
    assert [e.operation for e in page2] == ["op3", "op2", "op1"] and has_next and total == 7
    page3, has_next, _ = await store.audit_log(3, after=page2[-1].seq)
    assert [e.operation for e in page3] == ["op0"] and not has_next
    mine, has_next, total = await store.audit_log(10, actor="bob")
    assert [e.operation for e in mine] == ["op5", "op3", "op1"] and not has_next and total == 3
    all_entries, _, _ = await store.audit_log(10)
    since = all_entries[2].at  # op4's time: entries at or after it
    recent, _, total = await store.audit_log(10, since=since)
    assert {"op6", "op5", "op4"} <= {e.operation for e in recent}
    assert all(e.at >= since for e in recent) and total == len(recent)
    assert await store.audit_log(10, since="2999-01-01") == ([], False, 0)
    assert await store.audit_log(10, actor="nobody") == ([], False, 0)
