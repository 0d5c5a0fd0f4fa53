"""``bulk_upsert``: the import's write path writes what upsert_nodes + relate would, in one
transaction, with the same checks."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

import pytest

from kamgraph.domain.errors import StoreUnavailableError, ValidationError
from kamgraph.domain.model import End, NodeInput, NodeKind, RelationshipInput, RelationshipKind
from kamgraph.domain.rules import validate_nodes, validate_relationships
from kamgraph.store.protocol import BulkWriter, GraphStore
from tests.contract.support import C, P, add, ids, link, people, r

K = RelationshipKind


def bulk(store: GraphStore) -> BulkWriter:
    if not isinstance(store, BulkWriter):
        pytest.skip(f"the {store.backend} store has no bulk_upsert yet (import uses upsert_nodes/relate)")
    return store


def nodes(kind: NodeKind, *items: Mapping[str, Any]) -> list[NodeInput]:
    return validate_nodes(kind, items)


def rels(*items: Mapping[str, Any]) -> list[RelationshipInput]:
    return validate_relationships(items)


async def props_of(store: GraphStore, *node_ids: str) -> list[dict[str, Any] | None]:
    return [None if n is None else dict(n.props) for n in await store.get_nodes(node_ids)]


async def rels_of(
    store: GraphStore, node_id: str, kind: RelationshipKind
) -> list[tuple[str, str, dict[str, Any]]]:
    (found,) = await store.get_relationships([node_id], kind, End.BOTH)
    return [(x.from_id, x.to_id, dict(x.props)) for x in found]


async def test_bulk_creates_nodes_and_relationships_with_defaults(store: GraphStore) -> None:
    b = bulk(store)
    await b.bulk_upsert(
        nodes(P, {"id": "ann", "name": "Ann Lee", "seniority": "VP"}, {"id": "bob", "name": "Bob"})
        + nodes(C, {"id": "acme", "name": "Acme", "tags": ["eu", "retail"]}),
        rels(r("KNOWS", "bob", "ann"), r("WORKS_AT", "ann", "acme", title="CFO")),
    )
    assert await props_of(store, "ann", "acme") == [
        {"name": "Ann Lee", "seniority": "VP"},
        {"name": "Acme", "tags": ["eu", "retail"]},
    ]
    # KNOWS is undirected: stored once, from < to, with its default strength
    assert await rels_of(store, "bob", K.KNOWS) == [("ann", "bob", {"strength": 0.5})]
    assert await rels_of(store, "ann", K.WORKS_AT) == [("ann", "acme", {"title": "CFO", "current": True})]
    counts = await store.counts()
    assert (counts["PERSON"], counts["COMPANY"], counts["KNOWS"], counts["WORKS_AT"]) == (2, 1, 1, 1)
    assert ids(await store.search("lee", None, 5)) == ["ann"]


async def test_bulk_merges_like_upserts(store: GraphStore) -> None:
    b = bulk(store)
    await people(store, "ann", title="CFO", department="Finance")
    await people(store, "bob")
    await link(store, r("KNOWS", "ann", "bob", strength=0.9, source="fair"))
    await b.bulk_upsert(
        # given overrides, None removes, absent stays; an id twice merges in order
        nodes(P, {"id": "ann", "name": "Ann", "title": "CEO", "department": None})
        + nodes(P, {"id": "ann", "name": "Ann B", "seniority": "C_LEVEL"}),
        # an existing relationship gets no defaults back; None removes (validation never
        # sends one for a relationship, but the store merges it like upsert does); a key
        # twice merges in order
        [RelationshipInput(K.KNOWS, "ann", "bob", {"source": None, "strength": None})]
        + rels(r("KNOWS", "bob", "ann", strength=0.8), r("KNOWS", "ann", "bob", since="2020-01-02")),
    )
    assert await props_of(store, "ann") == [{"name": "Ann B", "title": "CEO", "seniority": "C_LEVEL"}]
    assert await rels_of(store, "ann", K.KNOWS) == [("ann", "bob", {"strength": 0.8, "since": "2020-01-02"})]
    assert ids(await store.search("ann b", None, 5)) == ["ann"]
    assert (await store.counts())["PERSON"] == 2


async def test_bulk_writes_what_upsert_and_relate_write(store: GraphStore) -> None:
    b = bulk(store)
    node_items = nodes(P, *({"id": f"p{i}", "name": f"P {i}", "title": "T"} for i in range(6)))
    rel_items = rels(
        *(r("KNOWS", f"p{i}", f"p{(i + 2) % 6}", strength=i / 10) for i in range(1, 6)),
        r("REPORTS_TO", "p1", "p0"),
        r("KNOWS", "p3", "p1", since="2021-03-04"),  # the same tie as p1-p3 above
    )
    await store.upsert_nodes(node_items)
    expected_rels = await store.relate(rel_items)
    expected = {(x.kind, x.from_id, x.to_id): dict(x.props) for x in expected_rels}
    expected_nodes = await props_of(store, *(n.id for n in node_items))
    expected_counts = await store.counts()
    await store.clear()
    await b.bulk_upsert(node_items, rel_items)
    assert await props_of(store, *(n.id for n in node_items)) == expected_nodes
    got = {}
    for kind in (K.KNOWS, K.REPORTS_TO):
        for n in node_items:
            for f, t, p in await rels_of(store, n.id, kind):
                got[(kind, f, t)] = p
    assert got == expected
    assert await store.counts() == expected_counts
    # and running it again changes nothing
    await b.bulk_upsert(node_items, rel_items)
    assert await store.counts() == expected_counts
    assert await props_of(store, *(n.id for n in node_items)) == expected_nodes


async def test_one_missing_end_and_nothing_is_written(store: GraphStore) -> None:
    b = bulk(store)
    await people(store, "old")
    with pytest.raises(ValidationError) as err:
        await b.bulk_upsert(
            nodes(P, {"id": "new", "name": "New"}, {"id": "old", "name": "Renamed"}),
            rels(r("KNOWS", "new", "old"), r("REPORTS_TO", "new", "ghost")),
        )
    assert [(p.field, p.rule) for p in err.value.problems] == [("to", "no node has id 'ghost'")]
    assert await props_of(store, "new", "old") == [None, {"name": "Person old"}]
    assert await rels_of(store, "old", K.KNOWS) == []
    counts = await store.counts()
    assert (counts["PERSON"], counts["KNOWS"]) == (1, 0)
    assert ids(await store.search("new", None, 5)) == []


async def test_end_kinds_are_checked(store: GraphStore) -> None:
    b = bulk(store)
    await add(store, C, {"id": "zeta", "name": "Zeta"})
    with pytest.raises(ValidationError) as err:
        await b.bulk_upsert(nodes(P, {"id": "ann", "name": "Ann"}), rels(r("KNOWS", "ann", "zeta")))
    assert [(p.field, p.rule) for p in err.value.problems] == [
        ("to", "'zeta' is a COMPANY; KNOWS needs a PERSON")
    ]
    assert await props_of(store, "ann") == [None]


async def test_an_end_needed_as_two_kinds_in_one_batch(store: GraphStore) -> None:
    b = bulk(store)
    await people(store, "ann", "bob")
    with pytest.raises(ValidationError) as err:
        # "bob" is a fine end of the KNOWS, and the wrong kind for the WORKS_AT
        await b.bulk_upsert([], rels(r("KNOWS", "ann", "bob"), r("WORKS_AT", "ann", "bob")))
    assert [(p.field, p.rule) for p in err.value.problems] == [
        ("to", "'bob' is a PERSON; WORKS_AT needs a COMPANY")
    ]
    assert await rels_of(store, "ann", K.KNOWS) == []


async def test_an_id_of_another_kind_is_refused(store: GraphStore) -> None:
    b = bulk(store)
    await add(store, C, {"id": "x", "name": "X Corp"})
    with pytest.raises(ValidationError) as err:
        await b.bulk_upsert(nodes(P, {"id": "y", "name": "Y"}, {"id": "x", "name": "X"}), [])
    assert [(p.field, p.rule) for p in err.value.problems] == [
        ("id", "already names a COMPANY, not a PERSON")
    ]
    assert await props_of(store, "x", "y") == [{"name": "X Corp"}, None]


async def test_one_home_company(store: GraphStore) -> None:
    b = bulk(store)
    await add(store, C, {"id": "us", "name": "Us", "home": True})
    with pytest.raises(ValidationError) as err:
        await b.bulk_upsert(nodes(C, {"id": "them", "name": "Them", "home": True}), [])
    assert [(p.field, p.rule) for p in err.value.problems] == [
        ("home", "only one company can be home, and 'us' is too")
    ]
    assert await props_of(store, "them") == [None]
    # moving home in one call is fine
    await b.bulk_upsert(
        nodes(C, {"id": "us", "name": "Us", "home": False}, {"id": "them", "name": "Them", "home": True}), []
    )
    home = await store.home_company()
    assert home is not None and home.id == "them"


async def test_nothing_is_written_after_a_failed_batch(store: GraphStore) -> None:
    b = bulk(store)

    async def failed() -> None:
        raise StoreUnavailableError("the batch before failed")

    with pytest.raises(StoreUnavailableError, match="the batch before failed"):
        await b.bulk_upsert(nodes(P, {"id": "a", "name": "A"}), [], after=asyncio.ensure_future(failed()))
    assert await props_of(store, "a") == [None]
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    done.set_result(None)
    await b.bulk_upsert(nodes(P, {"id": "a", "name": "A"}), [], after=done)
    assert await props_of(store, "a") == [{"name": "A"}]


async def test_text_with_a_nul_character_is_kept_whole(store: GraphStore) -> None:
    b = bulk(store)
    # (ids refuse control characters; names and other text keep them)
    await b.bulk_upsert(
        nodes(
            P, {"id": "a", "name": "Alpha"}, {"id": "ab", "name": "Be\x00ta"}, {"id": "c", "name": "C\x00D"}
        ),
        rels(r("KNOWS", "a", "c", source="s\x00t")),
    )
    assert await props_of(store, "a", "c") == [{"name": "Alpha"}, {"name": "C\x00D"}]
    assert [(n.id, n.name) for n in await store.search("alpha", None, 5)] == [("a", "Alpha")]
    assert (await store.list_nodes(P, 10)).items[1].name == "Be\x00ta"
    assert await rels_of(store, "a", K.KNOWS) == [("a", "c", {"strength": 0.5, "source": "s\x00t"})]
