"""Relationship upserts and reads: defaults, merges, undirected ties, ends, unrelate, export."""

from __future__ import annotations

import pytest

from kamgraph.domain.errors import ValidationError
from kamgraph.domain.model import End, NodeKind, RelationshipKind
from kamgraph.store.protocol import GraphStore
from tests.contract.support import add, companies, ends, link, people, r, unlink

K = RelationshipKind


async def test_defaults_apply_on_create_only(store: GraphStore) -> None:
    await people(store, "a", "b")
    await companies(store, "c")
    made = await link(store, r("KNOWS", "a", "b"), r("WORKS_AT", "a", "c", title="CFO"))
    assert dict(made[0].props) == {"strength": 0.5}
    assert dict(made[1].props) == {"title": "CFO", "current": True}
    await link(store, r("KNOWS", "a", "b", strength=0.9))
    again = await link(
        store, r("KNOWS", "a", "b", lastContact="2024-01-31"), r("WORKS_AT", "a", "c", current=False)
    )
    assert dict(again[0].props) == {"strength": 0.9, "lastContact": "2024-01-31"}
    assert dict(again[1].props) == {"title": "CFO", "current": False}
    (stored,) = await store.get_relationships(["a"], K.KNOWS, End.BOTH)
    assert [dict(x.props) for x in stored] == [{"strength": 0.9, "lastContact": "2024-01-31"}]


async def test_undirected_tie_is_one_tie_found_from_either_end(store: GraphStore) -> None:
    await people(store, "ann", "bob")
    made = await link(store, r("KNOWS", "bob", "ann", strength=0.7))
    assert ends(made) == [("ann", "bob")]
    await link(store, r("KNOWS", "ann", "bob", source="crm"))
    assert (await store.counts())["KNOWS"] == 1
    from_ann, from_bob = await store.get_relationships(["ann", "bob"], K.KNOWS, End.BOTH)
    assert ends(from_ann) == ends(from_bob) == [("ann", "bob")]
    assert dict(from_bob[0].props) == {"strength": 0.7, "source": "crm"}
    assert from_ann[0].other("ann") == "bob" and from_bob[0].other("bob") == "ann"
    # removed however it is named
    assert await unlink(store, r("KNOWS", "bob", "ann")) == 1
    assert await store.get_relationships(["ann", "bob"], K.KNOWS, End.BOTH) == [[], []]


async def test_undirected_company_ties(store: GraphStore) -> None:
    await companies(store, "z", "m", "a")
    await link(
        store, r("COMPETES_WITH", "z", "a"), r("PARTNERS_WITH", "m", "z"), r("COMPETES_WITH", "a", "z")
    )
    counts = await store.counts()
    assert counts["COMPETES_WITH"] == 1 and counts["PARTNERS_WITH"] == 1
    (z_comp,) = await store.get_relationships(["z"], K.COMPETES_WITH, End.BOTH)
    assert ends(z_comp) == [("a", "z")]
    (z_part,) = await store.get_relationships(["z"], K.PARTNERS_WITH, End.BOTH)
    assert ends(z_part) == [("m", "z")]


async def test_directed_reads_by_end(store: GraphStore) -> None:
    await people(store, "boss", "r1", "r2", "bb")
    await link(
        store,
        r("REPORTS_TO", "r2", "boss"),
        r("REPORTS_TO", "r1", "boss"),
        r("REPORTS_TO", "boss", "bb"),
    )
    out = await store.get_relationships(["boss", "r1", "x"], K.REPORTS_TO, End.OUT)
    assert [ends(x) for x in out] == [[("boss", "bb")], [("r1", "boss")], []]
    into = await store.get_relationships(["boss", "r1"], K.REPORTS_TO, End.IN)
    assert [ends(x) for x in into] == [[("r1", "boss"), ("r2", "boss")], []]
    (both,) = await store.get_relationships(["boss"], K.REPORTS_TO, End.BOTH)
    assert ends(both) == [("boss", "bb"), ("r1", "boss"), ("r2", "boss")]
    # another kind at the same ends is not mixed in
    assert await store.get_relationships(["boss"], K.KNOWS, End.BOTH) == [[]]


async def test_relationship_of_each_kind(store: GraphStore) -> None:
    await people(store, "p", "q")
    await companies(store, "c", "d")
    await add(store, NodeKind.INTEREST, {"id": "golf", "name": "Golf"})
    await add(store, NodeKind.PRODUCT, {"id": "prod", "name": "Widget"})
    await add(store, NodeKind.OPPORTUNITY, {"id": "opp", "name": "Deal", "stage": "PROPOSAL"})
    rels = [
        r("WORKS_AT", "p", "c"),
        r("REPORTS_TO", "p", "q"),
        r("KNOWS", "p", "q"),
        r("INTERESTED_IN", "p", "golf", level=3),
        r("COVERS", "p", "d", role="ACCOUNT_OWNER"),
        r("SUPPLIES", "c", "d", category="chips", share=0.25, since="2020-01-01"),
        r("COMPETES_WITH", "c", "d"),
        r("PARTNERS_WITH", "c", "d"),
        r("SUBSIDIARY_OF", "d", "c"),
        r("OFFERS", "c", "prod"),
        r("USES", "d", "prod", satisfaction=4, spend=10, contractEnd="2025-06-30"),
        r("TARGETS", "opp", "d"),
        r("PROPOSES", "opp", "prod"),
        r("AGAINST", "opp", "c"),
        r("INFLUENCES", "q", "opp", role="COACH", stance="CHAMPION"),
    ]
    made = await link(store, *rels)
    assert {x.kind for x in made} == set(RelationshipKind)
    counts = await store.counts()
    assert all(counts[k.value] == 1 for k in RelationshipKind)
    (uses,) = await store.get_relationships(["prod"], K.USES, End.IN)
    assert dict(uses[0].props) == {"satisfaction": 4, "spend": 10.0, "contractEnd": "2025-06-30"}


async def test_ends_must_exist_and_be_of_the_right_kinds(store: GraphStore) -> None:
    await people(store, "p")
    await companies(store, "c")
    with pytest.raises(ValidationError) as err:
        await link(store, r("WORKS_AT", "c", "p"), r("WORKS_AT", "p", "ghost"))
    problems = err.value.problems
    assert [(p.field, "item 0" in p.item) for p in problems[:2]] == [("from", True), ("to", True)]
    assert "COMPANY" in problems[0].rule and "PERSON" in problems[0].rule
    assert problems[2].field == "to" and "ghost" in problems[2].rule and "item 1" in problems[2].item
    assert (await store.counts())["WORKS_AT"] == 0


async def test_unrelate_counts_what_existed(store: GraphStore) -> None:
    await people(store, "a", "b", "c")
    await link(store, r("KNOWS", "a", "b"), r("REPORTS_TO", "a", "b"))
    removed = await unlink(
        store,
        r("REPORTS_TO", "b", "a"),  # wrong direction: not there
        r("REPORTS_TO", "a", "b"),
        r("KNOWS", "a", "c"),
        r("KNOWS", "b", "a"),
    )
    assert removed == 2
    counts = await store.counts()
    assert counts["KNOWS"] == 0 and counts["REPORTS_TO"] == 0
    assert await store.unrelate([]) == 0


async def test_iter_relationships_gives_each_once(store: GraphStore) -> None:
    await people(store, *(f"p{i:02}" for i in range(12)))
    pairs = [(f"p{i:02}", f"p{j:02}") for i in range(12) for j in range(i + 1, 12) if (i + j) % 3 == 0]
    await link(store, *(r("KNOWS", b, a) for a, b in pairs))
    await link(store, r("REPORTS_TO", "p01", "p00"))
    batches = [b async for b in store.iter_relationships(K.KNOWS, batch=5)]
    assert all(0 < len(b) <= 5 for b in batches)
    got = [e for b in batches for e in ends(b)]
    assert sorted(got) == sorted(pairs)
    assert len(got) == len(set(got))
    assert [b async for b in store.iter_relationships(K.SUPPLIES)] == []
