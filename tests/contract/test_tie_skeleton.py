"""``tie_skeleton``: person_ties and hub_members in one read, with only what ties are made of."""

from __future__ import annotations

from kamgraph.domain.model import NodeKind, Relationship, TieEdges, TieSkeleton
from kamgraph.store.protocol import GraphStore
from tests.contract.support import add, companies, link, people, r


async def _world(store: GraphStore) -> None:
    await companies(store, "acme", "beta", "gamma")
    await people(store, "ann", "bob", "cy", "dee", "eve")
    await add(store, NodeKind.INTEREST, {"id": "golf", "name": "Golf"}, {"id": "jazz", "name": "Jazz"})
    await link(
        store,
        r("KNOWS", "bob", "ann", strength=0.9, lastContact="2025-01-10", source="crm"),
        r("KNOWS", "cy", "dee"),
        r("KNOWS", "ann", "eve", strength=1),
        r("REPORTS_TO", "ann", "cy"),
        r("REPORTS_TO", "bob", "ann"),
        r("WORKS_AT", "ann", "acme", title="CTO", since="2020-01-01"),
        r("WORKS_AT", "ann", "beta", current=False),
        r("WORKS_AT", "bob", "acme", current=True),
        r("WORKS_AT", "cy", "gamma", current=False),
        r("WORKS_AT", "dee", "beta"),
        r("INTERESTED_IN", "ann", "golf", level=2),
        r("INTERESTED_IN", "dee", "golf"),
        r("INTERESTED_IN", "eve", "jazz"),
    )


def _lean(rels: list[Relationship]) -> list[tuple[str, str, str, dict[str, object]]]:
    keep = {"KNOWS": "strength", "WORKS_AT": "current"}
    return [
        (r.kind.value, r.from_id, r.to_id, {k: v for k, v in r.props.items() if k == keep.get(r.kind.value)})
        for r in rels
    ]


def _all(t: TieEdges | TieSkeleton) -> list[list[tuple[str, str, str, dict[str, object]]]]:
    if isinstance(t, TieSkeleton):
        t = t.edges()
    return [_lean(t.knows), _lean(t.reports_to), _lean(t.works_at), _lean(t.interested_in)]


async def test_tie_skeleton_is_person_ties_and_hub_members_with_only_strength_and_current(
    store: GraphStore,
) -> None:
    await _world(store)
    got = await store.tie_skeleton(["ann", "nobody"], ["beta"], ["golf"])
    assert _all(got) == [
        [("KNOWS", "ann", "bob", {"strength": 0.9}), ("KNOWS", "ann", "eve", {"strength": 1})],
        [("REPORTS_TO", "ann", "cy", {}), ("REPORTS_TO", "bob", "ann", {})],
        [("WORKS_AT", "ann", "acme", {"current": True}), ("WORKS_AT", "ann", "beta", {"current": False}),
         ("WORKS_AT", "dee", "beta", {"current": True})],
        [("INTERESTED_IN", "ann", "golf", {}), ("INTERESTED_IN", "dee", "golf", {})],
    ]
    assert got.knows == [("ann", "bob", 0.9), ("ann", "eve", 1)]
    assert got.works_at == [("ann", "acme", True), ("ann", "beta", False), ("dee", "beta", True)]
    assert len(got) == 9
    bare = await store.tie_skeleton(["cy"], [], [])
    assert bare.knows == [("cy", "dee", 0.5)]  # written without one: the default strength


async def test_tie_skeleton_matches_the_two_reads_it_joins(store: GraphStore) -> None:
    await _world(store)
    for people_, hubs, interests in ((["bob", "cy"], ["acme", "gamma"], ["jazz"]), ([], [], []),
                                     (["eve"], [], []), ([], ["acme"], ["golf", "jazz"])):
        mine = await store.person_ties(people_)
        members = await store.hub_members(hubs, interests)
        works = {(x.from_id, x.to_id): x for x in mine.works_at + members.works_at}
        likes = {(x.from_id, x.to_id): x for x in mine.interested_in + members.interested_in}
        expected = TieEdges(mine.knows, mine.reports_to, [works[k] for k in sorted(works)],
                            [likes[k] for k in sorted(likes)])
        assert _all(await store.tie_skeleton(people_, hubs, interests)) == _all(expected)
