"""The bounded neighbourhood reads the analyses are built on."""

from __future__ import annotations

from kamgraph.domain.model import NodeKind
from kamgraph.store.protocol import GraphStore
from tests.contract.support import add, companies, ends, link, people, r


async def _world(store: GraphStore) -> None:
    await companies(store, "acme", "beta", "gamma")
    await people(store, "ann", "bob", "cy", "dee", "eve")
    await add(store, NodeKind.INTEREST, {"id": "golf", "name": "Golf"}, {"id": "jazz", "name": "Jazz"})
    await link(
        store,
        r("KNOWS", "bob", "ann", strength=0.9),
        r("KNOWS", "cy", "dee"),
        r("KNOWS", "ann", "eve"),
        r("REPORTS_TO", "ann", "cy"),
        r("REPORTS_TO", "bob", "ann"),
        r("REPORTS_TO", "dee", "eve"),
        r("WORKS_AT", "ann", "acme"),
        r("WORKS_AT", "ann", "beta", current=False),
        r("WORKS_AT", "bob", "acme", current=False),
        r("WORKS_AT", "cy", "gamma"),
        r("INTERESTED_IN", "ann", "golf", level=2),
        r("INTERESTED_IN", "dee", "golf"),
        r("INTERESTED_IN", "eve", "jazz"),
    )


async def test_person_ties_are_every_tie_touching_the_people(store: GraphStore) -> None:
    await _world(store)
    ties = await store.person_ties(["ann"])
    assert ends(ties.knows) == [("ann", "bob"), ("ann", "eve")]
    assert ties.knows[0].get("strength") == 0.9
    assert ends(ties.reports_to) == [("ann", "cy"), ("bob", "ann")]
    assert ends(ties.works_at) == [("ann", "acme"), ("ann", "beta")]
    assert [w.get("current") for w in ties.works_at] == [True, False]
    assert ends(ties.interested_in) == [("ann", "golf")]
    assert ties.interested_in[0].get("level") == 2


async def test_person_ties_of_several_people_hold_each_tie_once(store: GraphStore) -> None:
    await _world(store)
    ties = await store.person_ties(["ann", "bob", "nobody"])
    assert ends(ties.knows) == [("ann", "bob"), ("ann", "eve")]
    assert ends(ties.reports_to) == [("ann", "cy"), ("bob", "ann")]
    assert ends(ties.works_at) == [("ann", "acme"), ("ann", "beta"), ("bob", "acme")]
    assert ends(ties.interested_in) == [("ann", "golf")]
    empty = await store.person_ties([])
    assert (empty.knows, empty.reports_to, empty.works_at, empty.interested_in) == ([], [], [], [])


async def test_hub_members(store: GraphStore) -> None:
    await _world(store)
    hubs = await store.hub_members(["acme", "beta"], ["golf"])
    assert ends(hubs.works_at) == [("ann", "acme"), ("ann", "beta"), ("bob", "acme")]
    assert ends(hubs.interested_in) == [("ann", "golf"), ("dee", "golf")]
    assert hubs.knows == [] and hubs.reports_to == []
    only_interest = await store.hub_members([], ["jazz", "none"])
    assert only_interest.works_at == [] and ends(only_interest.interested_in) == [("eve", "jazz")]
