"""All or nothing: a bad item anywhere in a write and nothing of that write is stored."""

from __future__ import annotations

import pytest

from kamgraph.domain.errors import ValidationError
from kamgraph.domain.model import AuditInfo, End, NodeKind, RelationshipKind
from kamgraph.domain.rules import validate_nodes
from kamgraph.store.protocol import GraphStore
from tests.contract.support import C, P, add, companies, link, people, r

N = 1000


async def test_a_thousand_relationships_with_one_bad_leave_nothing(store: GraphStore) -> None:
    await people(store, *(f"p{i:04}" for i in range(N + 1)))
    await link(store, r("KNOWS", "p0000", "p0001", strength=0.2))
    rels = [r("KNOWS", f"p{i:04}", f"p{i + 1:04}", strength=0.9) for i in range(N)]
    rels[637] = r("KNOWS", "p0637", "zz-nobody")
    with pytest.raises(ValidationError) as err:
        await link(store, *rels, audit=AuditInfo("tester", "relate"))
    (problem,) = err.value.problems
    assert "item 637" in problem.item and problem.field == "to" and "zz-nobody" in problem.rule
    assert (await store.counts())["KNOWS"] == 1
    (first,) = await store.get_relationships(["p0000"], RelationshipKind.KNOWS, End.BOTH)
    assert [dict(x.props) for x in first] == [{"strength": 0.2}]
    assert (await store.audit_log(10))[2] == 0
    # the same batch without the bad item is written whole
    rels[637] = r("KNOWS", "p0637", "p0638", strength=0.9)
    await link(store, *rels)
    assert (await store.counts())["KNOWS"] == N


async def test_a_thousand_nodes_with_one_clash_leave_nothing(store: GraphStore) -> None:
    await companies(store, "taken")
    items = [{"id": f"n{i:04}", "name": f"N {i}"} for i in range(N)]
    items[999] = {"id": "taken", "name": "Not a person"}
    with pytest.raises(ValidationError) as err:
        await add(store, P, *items)
    assert [p.field for p in err.value.problems] == ["id"]
    assert "item 999" in err.value.problems[0].item
    counts = await store.counts()
    assert counts["PERSON"] == 0 and counts["COMPANY"] == 1
    assert await store.search("N 1", None, 5) == []


async def test_every_problem_of_a_batch_is_reported_together(store: GraphStore) -> None:
    await companies(store, "home", home=True)
    await people(store, "p")
    batch = validate_nodes(C, [{"id": "ok", "name": "Fine"}, {"id": "p", "name": "Clash"}]) + validate_nodes(
        C, [{"id": "h2", "name": "Second home", "home": True}], start=2
    )
    with pytest.raises(ValidationError) as err:
        await store.upsert_nodes(batch)
    problems = {(p.field, p.item.split(" (")[0]) for p in err.value.problems}
    assert problems == {("id", "item 1"), ("home", "item 2")}
    assert await store.get_nodes(["ok", "h2"]) == [None, None]


async def test_failed_update_keeps_previous_values(store: GraphStore) -> None:
    await people(store, "a", "b", title="Old")
    await companies(store, "c")
    await link(store, r("WORKS_AT", "a", "c", title="Old"))
    with pytest.raises(ValidationError):
        await link(store, r("WORKS_AT", "a", "c", title="New"), r("WORKS_AT", "b", "a"))
    (works,) = await store.get_relationships(["a"], RelationshipKind.WORKS_AT, End.OUT)
    assert works[0].get("title") == "Old"
    with pytest.raises(ValidationError):
        await add(
            store,
            P,
            {"id": "a", "name": "Renamed", "title": None},
            {"id": "c", "name": "Clash"},
        )
    (a,) = await store.get_nodes(["a"])
    assert a is not None and a.name == "Person a" and a.get("title") == "Old"
    assert [n.id for n in await store.search("renamed", [NodeKind.PERSON], 5)] == []
