"""Org charts: REPORTS_TO among a company's current people, level by level."""

from __future__ import annotations

from kamgraph.domain.model import OrgChartEntry
from kamgraph.store.metering import Meter, RequestStats, metered
from kamgraph.store.protocol import GraphStore
from tests.contract.support import companies, link, people, r


def chart(entries: list[OrgChartEntry]) -> list[tuple[str, str | None, int]]:
    return [(e.person.id, e.manager_id, e.level) for e in entries]


async def _acme(store: GraphStore) -> None:
    """ceo <- (vp1 <- (m1 <- i1, m2), vp2); solo has no manager; ex left; out works elsewhere."""
    await companies(store, "acme", "elsewhere")
    await people(store, "ceo", "vp1", "vp2", "m1", "m2", "i1", "solo", "ex", "out", "x-new")
    await link(
        store,
        *(r("WORKS_AT", p, "acme") for p in ("ceo", "vp1", "vp2", "m1", "m2", "i1", "solo", "x-new")),
        r("WORKS_AT", "ex", "acme", current=False),
        r("WORKS_AT", "out", "elsewhere"),
        r("REPORTS_TO", "vp1", "ceo"),
        r("REPORTS_TO", "vp2", "ceo"),
        r("REPORTS_TO", "m1", "vp1"),
        r("REPORTS_TO", "m2", "vp1"),
        r("REPORTS_TO", "i1", "m1"),
        r("REPORTS_TO", "ex", "vp2"),  # no longer at acme: not in the chart
        r("REPORTS_TO", "x-new", "out"),  # manager outside the company: a root
    )


async def test_levels_from_the_roots(store: GraphStore) -> None:
    await _acme(store)
    got = chart(await store.org_chart("acme", None, 3))
    assert got == [
        ("ceo", None, 0),
        ("solo", None, 0),
        ("x-new", None, 0),
        ("vp1", "ceo", 1),
        ("vp2", "ceo", 1),
        ("m1", "vp1", 2),
        ("m2", "vp1", 2),
        ("i1", "m1", 3),
    ]
    entries = await store.org_chart("acme", None, 3)
    assert entries[0].person.name == "Person ceo"


async def test_depth_limits_the_levels(store: GraphStore) -> None:
    await _acme(store)
    assert chart(await store.org_chart("acme", None, 0)) == [
        ("ceo", None, 0),
        ("solo", None, 0),
        ("x-new", None, 0),
    ]
    assert [e.person.id for e in await store.org_chart("acme", None, 1)] == [
        "ceo",
        "solo",
        "x-new",
        "vp1",
        "vp2",
    ]


async def test_root_alone_is_level_zero(store: GraphStore) -> None:
    await _acme(store)
    assert chart(await store.org_chart("acme", "vp1", 5)) == [
        ("vp1", None, 0),
        ("m1", "vp1", 1),
        ("m2", "vp1", 1),
        ("i1", "m1", 2),
    ]
    assert chart(await store.org_chart("acme", "vp1", 1)) == [
        ("vp1", None, 0),
        ("m1", "vp1", 1),
        ("m2", "vp1", 1),
    ]
    assert chart(await store.org_chart("acme", "i1", 3)) == [("i1", None, 0)]


async def test_unknown_company_or_root_outside_it_is_empty(store: GraphStore) -> None:
    await _acme(store)
    assert await store.org_chart("nowhere", None, 3) == []
    assert await store.org_chart("acme", "out", 3) == []  # not at acme
    assert await store.org_chart("acme", "ex", 3) == []  # no longer at acme


async def test_cycles_do_not_loop(store: GraphStore) -> None:
    await companies(store, "loop")
    await people(store, "a", "b", "c", "top", "d")
    await link(
        store,
        *(r("WORKS_AT", p, "loop") for p in ("a", "b", "c", "top", "d")),
        r("REPORTS_TO", "a", "b"),
        r("REPORTS_TO", "b", "c"),
        r("REPORTS_TO", "c", "a"),
        r("REPORTS_TO", "d", "top"),
    )
    assert chart(await store.org_chart("loop", "a", 10)) == [("a", None, 0), ("c", "a", 1), ("b", "c", 2)]
    # a cycle has no one without a manager: only the tree of `top` is reachable from the roots
    assert chart(await store.org_chart("loop", None, 10)) == [("top", None, 0), ("d", "top", 1)]


async def test_many_charts_are_one_round_trip_in_key_order(store: GraphStore) -> None:
    await _acme(store)
    keys = [
        ("elsewhere", None, 3),
        ("acme", "vp1", 1),
        ("nowhere", None, 3),
        ("acme", None, 0),
        ("acme", "ex", 3),
    ]
    stats = RequestStats()
    with metered(Meter(stats=stats)):
        got = await store.org_charts(keys)
    assert stats.calls == {"org_staff": 1}
    assert [chart(c) for c in got] == [
        [("out", None, 0)],
        [("vp1", None, 0), ("m1", "vp1", 1), ("m2", "vp1", 1)],
        [],
        [("ceo", None, 0), ("solo", None, 0), ("x-new", None, 0)],
        [],
    ]
    assert got == [await store.org_chart(*k) for k in keys]
