"""Name search: case-insensitive substring, best match first, kinds, limits, index upkeep."""

from __future__ import annotations

from kamgraph.domain.model import NodeKind
from kamgraph.store.protocol import GraphStore
from tests.contract.support import C, P, add, ids


async def _names(store: GraphStore) -> None:
    await add(
        store,
        C,
        {"id": "c-acme", "name": "Acme"},
        {"id": "c-acmecorp", "name": "Acme Corp"},
        {"id": "c-bigacme", "name": "Big ACME Holdings"},
        {"id": "c-other", "name": "Other Co"},
    )
    await add(
        store,
        P,
        {"id": "p-acme", "name": "acme"},
        {"id": "p-jack", "name": "Jack Acmeson"},
        {"id": "p-al", "name": "Al"},
        {"id": "p-uni", "name": "Élodie Öztürk"},
    )


async def test_best_match_first_then_name_then_id(store: GraphStore) -> None:
    await _names(store)
    found = ids(await store.search("acme", None, 20))
    # exact (ignoring case), then prefix, then contains; ties by name (code points), then id
    assert found == ["c-acme", "p-acme", "c-acmecorp", "c-bigacme", "p-jack"]


async def test_case_insensitive_for_short_and_long_text(store: GraphStore) -> None:
    await _names(store)
    assert ids(await store.search("ACMESON", None, 20)) == ["p-jack"]
    assert ids(await store.search("al", None, 20)) == ["p-al"]
    assert ids(await store.search("o", [NodeKind.PERSON], 20)) == ["p-jack", "p-uni"]
    assert ids(await store.search("élodie", None, 20)) == ["p-uni"]
    assert ids(await store.search("ÖZT", None, 20)) == ["p-uni"]
    assert await store.search("zzz", None, 20) == []
    assert await store.search("acme inc", None, 20) == []


async def test_kinds_and_first(store: GraphStore) -> None:
    await _names(store)
    assert ids(await store.search("acme", [NodeKind.PERSON], 20)) == ["p-acme", "p-jack"]
    assert ids(await store.search("acme", [NodeKind.COMPANY, NodeKind.PRODUCT], 2)) == [
        "c-acme",
        "c-acmecorp",
    ]
    assert ids(await store.search("acme", None, 1)) == ["c-acme"]
    assert await store.search("acme", [NodeKind.INTEREST], 20) == []


async def test_special_characters_are_plain_text(store: GraphStore) -> None:
    await add(
        store,
        C,
        {"id": "q", "name": 'The "Quoted" Co'},
        {"id": "pct", "name": "100% Pure"},
        {"id": "und", "name": "a_b"},
        {"id": "ab", "name": "axb"},
        {"id": "star", "name": "Star*Corp OR NOT"},
    )
    assert ids(await store.search('"quoted"', None, 10)) == ["q"]
    assert ids(await store.search('"', None, 10)) == ["q"]
    assert ids(await store.search("0%", None, 10)) == ["pct"]
    assert ids(await store.search("a_b", None, 10)) == ["und"]
    assert ids(await store.search("_", None, 10)) == ["und"]
    assert ids(await store.search("*corp or", None, 10)) == ["star"]
    assert ids(await store.search("r*", None, 10)) == ["star"]
    assert await store.search("a\x00b", None, 10) == []
    assert await store.search("\\", None, 10) == []


async def test_renames_and_deletes_reach_the_index(store: GraphStore) -> None:
    await add(store, C, {"id": "c1", "name": "Initech"})
    await add(store, C, {"id": "c1", "name": "Globex", "industry": "Energy"})
    assert await store.search("initech", None, 10) == []
    assert ids(await store.search("globex", None, 10)) == ["c1"]
    await add(store, C, {"id": "c1", "name": "Globex", "country": "US"})  # unchanged name
    assert ids(await store.search("lobe", None, 10)) == ["c1"]
    await store.delete_nodes(["c1"])
    assert await store.search("globex", None, 10) == []
