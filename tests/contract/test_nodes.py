"""Node upserts and reads: merge semantics, id clashes, the home rule, deletes, counts."""

from __future__ import annotations

import pytest

from kamgraph.domain.errors import ValidationError
from kamgraph.domain.model import End, NodeKind, RelationshipKind
from kamgraph.domain.rules import validate_nodes
from kamgraph.store.protocol import GraphStore
from tests.contract.support import C, P, add, companies, ids, link, people, r


async def test_get_nodes_answers_in_key_order_with_none_for_unknown(store: GraphStore) -> None:
    await people(store, "p1", "p2")
    await companies(store, "c1")
    got = await store.get_nodes(["c1", "nope", "p2", "p1", "p2"])
    assert [n.id if n else None for n in got] == ["c1", None, "p2", "p1", "p2"]
    assert got[0] is not None and got[0].kind is NodeKind.COMPANY
    assert got[2] is not None and got[2].kind is NodeKind.PERSON
    assert await store.get_nodes([]) == []


async def test_properties_round_trip_with_their_types(store: GraphStore) -> None:
    await add(
        store,
        C,
        {
            "id": "c1",
            "name": "Ünïcode GmbH",
            "tier": "KEY",
            "home": False,
            "annualRevenue": 12,
            "currentSpend": 1.5,
            "tags": ["a", "b c"],
        },
    )
    await add(
        store, NodeKind.OPPORTUNITY, {"id": "o1", "name": "Deal", "stage": "WON", "closeDate": "2024-02-29"}
    )
    await add(store, NodeKind.INTEREST, {"id": "i1", "name": "Golf", "category": "SPORT"})
    c1, o1, i1 = await store.get_nodes(["c1", "o1", "i1"])
    assert c1 is not None and o1 is not None and i1 is not None
    assert dict(c1.props) == {
        "name": "Ünïcode GmbH",
        "tier": "KEY",
        "home": False,
        "annualRevenue": 12.0,
        "currentSpend": 1.5,
        "tags": ["a", "b c"],
    }
    assert isinstance(c1.get("annualRevenue"), float)
    assert c1.name == "Ünïcode GmbH"
    assert dict(o1.props) == {"name": "Deal", "stage": "WON", "closeDate": "2024-02-29"}
    assert i1.get("category") == "SPORT"


async def test_upsert_merges_given_properties_and_none_removes(store: GraphStore) -> None:
    await add(store, P, {"id": "p1", "name": "Ann", "title": "CTO", "email": "ann@x.example"})
    after = await add(store, P, {"id": "p1", "name": "Ann B", "title": None, "seniority": "VP"})
    assert dict(after[0].props) == {"name": "Ann B", "email": "ann@x.example", "seniority": "VP"}
    (stored,) = await store.get_nodes(["p1"])
    assert stored is not None and dict(stored.props) == dict(after[0].props)
    # an upsert is idempotent
    again = await add(store, P, {"id": "p1", "name": "Ann B", "seniority": "VP"})
    assert dict(again[0].props) == dict(after[0].props)
    assert (await store.counts())["PERSON"] == 1


async def test_upsert_returns_nodes_in_input_order_across_kinds(store: GraphStore) -> None:
    batch = validate_nodes(P, [{"id": "z", "name": "Zed"}, {"id": "a", "name": "Ay"}]) + validate_nodes(
        C, [{"id": "m", "name": "Em"}], start=2
    )
    out = await store.upsert_nodes(batch)
    assert ids(out) == ["z", "a", "m"]
    assert [n.kind for n in out] == [P, P, C]


async def test_an_id_of_another_kind_is_refused_and_nothing_is_written(store: GraphStore) -> None:
    await people(store, "x1")
    with pytest.raises(ValidationError) as err:
        await companies(store, "c-new", "x1")
    (problem,) = err.value.problems
    assert problem.field == "id"
    assert "item 1" in problem.item and "x1" in problem.item
    assert "PERSON" in problem.rule
    assert await store.get_nodes(["c-new"]) == [None]
    (x1,) = await store.get_nodes(["x1"])
    assert x1 is not None and x1.kind is P


async def test_an_id_given_as_two_kinds_in_one_batch_is_refused(store: GraphStore) -> None:
    batch = validate_nodes(P, [{"id": "dup", "name": "A"}]) + validate_nodes(
        C, [{"id": "dup", "name": "B"}], start=1
    )
    with pytest.raises(ValidationError) as err:
        await store.upsert_nodes(batch)
    assert [p.field for p in err.value.problems] == ["id"]
    assert "item 1" in err.value.problems[0].item
    assert await store.get_nodes(["dup"]) == [None]


async def test_one_home_company(store: GraphStore) -> None:
    assert await store.home_company() is None
    await companies(store, "us", home=True)
    await companies(store, "them", home=False)
    home = await store.home_company()
    assert home is not None and home.id == "us"
    with pytest.raises(ValidationError) as err:
        await companies(store, "them", home=True)
    (problem,) = err.value.problems
    assert problem.field == "home" and "them" in problem.item and "us" in problem.rule
    # setting the same company home again is fine
    await companies(store, "us", home=True)
    # moving home in one batch is fine
    await add(
        store,
        C,
        {"id": "us", "name": "Us", "home": False},
        {"id": "them", "name": "Them", "home": True},
    )
    home = await store.home_company()
    assert home is not None and home.id == "them"


async def test_two_homes_in_one_batch_are_refused(store: GraphStore) -> None:
    with pytest.raises(ValidationError) as err:
        await companies(store, "a", "b", home=True)
    assert {p.field for p in err.value.problems} == {"home"}
    assert await store.home_company() is None
    assert (await store.counts())["COMPANY"] == 0


async def test_removing_home_property_frees_the_home_rule(store: GraphStore) -> None:
    await companies(store, "a", home=True)
    await add(store, C, {"id": "a", "name": "A", "home": None}, {"id": "b", "name": "B", "home": True})
    home = await store.home_company()
    assert home is not None and home.id == "b"


async def test_delete_nodes_removes_their_relationships(store: GraphStore) -> None:
    await people(store, "p1", "p2", "p3")
    await companies(store, "c1")
    await link(
        store,
        r("KNOWS", "p1", "p2"),
        r("KNOWS", "p2", "p3"),
        r("WORKS_AT", "p2", "c1"),
        r("REPORTS_TO", "p3", "p2"),
    )
    assert await store.delete_nodes(["p2", "nope", "p2"]) == 1
    assert await store.get_nodes(["p2"]) == [None]
    assert await store.get_relationships(["p1", "p3"], RelationshipKind.KNOWS, End.BOTH) == [[], []]
    assert await store.get_relationships(["c1"], RelationshipKind.WORKS_AT, End.IN) == [[]]
    counts = await store.counts()
    assert counts["PERSON"] == 2 and counts["KNOWS"] == 0 and counts["REPORTS_TO"] == 0
    assert await store.delete_nodes(["p1", "p3", "c1"]) == 3
    assert await store.delete_nodes([]) == 0


async def test_erase_person(store: GraphStore) -> None:
    await people(store, "p1", "p2")
    await companies(store, "c1")
    await link(store, r("KNOWS", "p2", "p1"), r("WORKS_AT", "p1", "c1"))
    assert await store.erase_person("p1") is True
    assert await store.get_nodes(["p1"]) == [None]
    assert await store.get_relationships(["p2"], RelationshipKind.KNOWS, End.BOTH) == [[]]
    assert await store.erase_person("p1") is False
    # a company is not a person: erase_person leaves it alone
    assert await store.erase_person("c1") is False
    assert (await store.get_nodes(["c1"]))[0] is not None


async def test_counts_every_kind(store: GraphStore) -> None:
    counts = await store.counts()
    for kind in NodeKind:
        assert counts[kind.value] == 0
    for rkind in RelationshipKind:
        assert counts[rkind.value] == 0
    await people(store, "p1", "p2")
    await companies(store, "c1")
    await link(store, r("KNOWS", "p1", "p2"), r("KNOWS", "p2", "p1", strength=0.7), r("WORKS_AT", "p1", "c1"))
    counts = await store.counts()
    assert (counts["PERSON"], counts["COMPANY"], counts["KNOWS"], counts["WORKS_AT"]) == (2, 1, 1, 1)


async def test_clear_empties_everything(store: GraphStore) -> None:
    await people(store, "p1", "p2")
    await link(store, r("KNOWS", "p1", "p2"))
    await store.clear()
    assert set((await store.counts()).values()) == {0}
    assert await store.get_nodes(["p1"]) == [None]
    assert await store.search("Person", None, 10) == []
    await people(store, "p1")
    assert (await store.counts())["PERSON"] == 1


async def test_ping(store: GraphStore) -> None:
    await store.ping()
    assert store.backend in ("embedded", "neo4j")
