"""The one path search: its ranking when ties cost nothing, and its limits."""

from __future__ import annotations

import time
from itertools import permutations

import pytest

from kamgraph.analysis.budget import AnalysisLimitError, Budget
from kamgraph.analysis.model import build_graph
from kamgraph.analysis.paths import influence_paths
from kamgraph.analysis.search import best_first
from kamgraph.domain.model import Relationship, TieKind
from kamgraph.domain.model import RelationshipKind as K

PEOPLE = [f"p{i:03}" for i in range(200)]


def golfers() -> list[Relationship]:
    """Everyone, the target too, likes golf: at weight 1, 200 ties of strength 1 each."""
    return [Relationship(K.INTERESTED_IN, p, "golf", {}) for p in [*PEOPLE, "ceo"]]


def test_ties_that_cost_nothing_rank_by_hops_without_a_flood_of_partial_paths() -> None:
    g = build_graph([], golfers())
    # every partial path costs 0: only the hops still to go tell them apart, and
    # the three one-hop paths are found after extending three partial paths
    found = influence_paths(
        g, "ceo", sources=PEOPLE, max_hops=3, limit=3,
        weights={TieKind.SHARED_INTEREST: 1.0}, budget=Budget(max_expanded=3),
    )
    assert [(p.score, p.people) for p in found] == [(1.0, (p, "ceo")) for p in PEOPLE[:3]]


def clique(size: int) -> tuple[dict[str, dict[str, float]], list[str]]:
    people = [f"c{i}" for i in range(size)]
    ties: dict[str, dict[str, float]] = {p: {} for p in people}
    for a, b in permutations(people, 2):
        ties[a][b] = 0.0
    return ties, people


def dead_end_search(budget: Budget) -> list[tuple[str, ...]]:
    """Paths through a clique to a target it has no tie with, under a bound that
    cannot tell (the weakest there is): every simple path is tried."""
    ties, people = clique(12)
    search = best_first(
        "t", [((people[0],), 0.0)], 6, lambda p, h: ties[p], lambda p, o: ties[p][o], lambda p, h: (0.0, 1),
        budget=budget,
    )
    return [people for _, people, _ in search]


def test_a_search_stops_at_its_bound_on_partial_paths_extended() -> None:
    with pytest.raises(AnalysisLimitError) as err:
        dead_end_search(Budget(max_expanded=1_000))
    assert err.value.code == "ANALYSIS_TOO_LARGE"
    assert "1000 partial paths" in str(err.value)


def test_a_search_stops_at_its_bound_on_partial_paths_kept() -> None:
    with pytest.raises(AnalysisLimitError) as err:
        dead_end_search(Budget(max_kept=500))
    assert err.value.code == "ANALYSIS_TOO_LARGE"


def test_a_search_stops_at_its_deadline() -> None:
    started = time.monotonic()
    with pytest.raises(AnalysisLimitError) as err:
        dead_end_search(Budget(deadline=started + 0.05, max_expanded=10**9, max_kept=10**9))
    assert err.value.code == "TIMEOUT"
    assert time.monotonic() - started < 1.0


def test_within_its_bounds_a_search_finds_every_path() -> None:
    # the same clique with a tie to the target: nothing is cut short
    ties, people = clique(4)
    ties[people[-1]]["t"] = 0.0
    search = best_first(
        "t", [((people[0],), 0.0)], 6, lambda p, h: ties.get(p, {}), lambda p, o: ties[p][o],
        lambda p, h: (0.0, 0 if p == "t" else 1), budget=Budget(max_expanded=100),
    )
    found = [people for _, people, _ in search]
    assert found[0] == ("c0", "c3", "t")
    assert len(found) == 1 + 2 + 2  # through none, one or both of c1 and c2
