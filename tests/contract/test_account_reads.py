"""Relationship gaps and account priorities read the accounts they answer about,
and only what coverage, threads and roles need of them: no ties of the accounts'
people beyond their KNOWS with our team, nothing of the people they know, and
(for priorities) no people of the accounts not returned.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from kamgraph.analysis import gaps, priority
from kamgraph.domain.model import RelationshipKind
from kamgraph.insights import service as service
from kamgraph.store.protocol import GraphStore
from tests.contract.support import companies, link, people, r
from tests.contract.test_analysis_store import whole_graph

BIG = [f"b{i:02d}" for i in range(20)]
SMALL = [f"s{i:02d}" for i in range(10)]
OUTSIDE = [f"x{i:02d}" for i in range(10)]


class Reads:
    """A store that records each read: method and the ids it was given."""

    def __init__(self, inner: GraphStore) -> None:
        self.inner = inner
        self.calls: list[tuple[str, tuple[Any, ...]]] = []

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self.inner, name)
        if name.startswith("_") or not callable(attr):
            return attr

        async def recorded(*args: Any, **kwargs: Any) -> Any:
            self.calls.append((name, args))
            return await attr(*args, **kwargs)

        return recorded

    def tie_reads(self) -> list[tuple[Any, ...]]:
        """The arguments of every read of people's ties: only our team's memberships
        (``tie_skeleton([], [home], [])``) are expected."""
        return [args for name, args in self.calls if name in ("person_ties", "hub_members", "tie_skeleton")]

    def ids_read(self) -> set[str]:
        found: set[str] = set()
        for _, args in self.calls:
            for a in args:
                if isinstance(a, (list, tuple)):
                    found.update(x for x in a if isinstance(x, str))
        return found

    def knows_ids(self) -> set[str]:
        return {
            x
            for name, args in self.calls
            if name == "get_relationships" and args[1] is RelationshipKind.KNOWS
            for x in args[0]
        }

    def methods(self) -> set[str]:
        return {name for name, _ in self.calls}


@pytest.fixture
async def world(store: GraphStore) -> nx.MultiDiGraph:
    await companies(store, "us", home=True)
    await companies(store, "big", tier="STRATEGIC", currentSpend=100.0)
    await companies(store, "small", tier="STANDARD", currentSpend=10.0)
    await companies(store, "elsewhere")
    await people(store, "me", "you")
    await people(store, *BIG[2:], *SMALL[1:], *OUTSIDE)
    await people(store, "b00", seniority="VP")
    await people(store, "b01", decisionMaker=True)
    await people(store, "s00", seniority="C_LEVEL")
    await link(
        store,
        r("WORKS_AT", "me", "us"),
        r("WORKS_AT", "you", "us"),
        *(r("WORKS_AT", p, "big") for p in BIG),
        *(r("WORKS_AT", p, "small") for p in SMALL),
        *(r("WORKS_AT", p, "elsewhere") for p in OUTSIDE),
        r("KNOWS", "me", "b00", strength=0.8, lastContact="2025-01-10"),
        r("KNOWS", "you", "b01", strength=0.6),
        r("KNOWS", "you", "b05", strength=0.3),
        r("KNOWS", "me", "s00", strength=0.9),
        *(r("KNOWS", a, b, strength=0.7) for a, b in zip(BIG, BIG[1:], strict=False)),
        *(r("KNOWS", a, b, strength=0.7) for a, b in zip(BIG, OUTSIDE, strict=False)),
        *(r("KNOWS", a, b, strength=0.7) for a, b in zip(SMALL, OUTSIDE, strict=False)),
        *(r("REPORTS_TO", p, "b00") for p in BIG[1:]),
    )
    return await whole_graph(store)


async def test_priorities_read_people_of_the_first_accounts_only(
    store: GraphStore, world: nx.MultiDiGraph
) -> None:
    reads = Reads(store)
    got = await service.account_priorities(reads, first=1)
    assert got == priority.account_priorities(world, first=1)
    assert [(p.company, p.coverage) for p in got] == [("big", 1.0)]
    read = reads.ids_read()
    assert not read & set(SMALL + OUTSIDE)  # the account not returned, the people known
    assert reads.knows_ids() <= {"b00", "b01", "me", "you"}  # decision-makers (or our team)
    assert reads.tie_reads() == [([], ["us"], [])]  # who our team is, nobody's ties
    both = await service.account_priorities(store, first=2)
    assert both == priority.account_priorities(world, first=2)
    assert [(p.company, p.coverage) for p in both] == [("big", 1.0), ("small", 1.0)]


async def test_gaps_read_the_account_and_our_team_only(store: GraphStore, world: nx.MultiDiGraph) -> None:
    reads = Reads(store)
    got = await service.relationship_gaps(reads, "big", as_of="2025-03-01")
    assert got == gaps.relationship_gaps(world, "big", as_of="2025-03-01")
    assert (got.covered, got.uncovered, got.threads) == (("b00", "b01"), (), 2)
    assert not reads.ids_read() & set(SMALL + OUTSIDE)
    assert reads.knows_ids() <= set(BIG) | {"me", "you"}
    assert reads.tie_reads() == [([], ["us"], [])]
