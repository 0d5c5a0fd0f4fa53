"""Key influencers: PageRank over the account's people, against an independent power iteration."""

from __future__ import annotations

from itertools import permutations
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamgraph.analysis.influencers import influence_graph, key_influencers
from kamgraph.analysis.model import build_graph
from kamgraph.domain.errors import InvalidArgumentError
from kamgraph.domain.model import Node, NodeKind, Relationship
from kamgraph.domain.model import RelationshipKind as K


def power_iteration(
    nodes: list[str], edges: dict[tuple[str, str], float], alpha: float = 0.85
) -> dict[str, float]:
    """PageRank straight from its definition: dangling rank spread evenly, teleport uniform."""
    n = len(nodes)
    out = {v: sum(w for (a, _), w in edges.items() if a == v) for v in nodes}
    rank = dict.fromkeys(nodes, 1 / n)
    for _ in range(500):
        dangling = sum(rank[v] for v in nodes if out[v] == 0)
        new = dict.fromkeys(nodes, (1 - alpha) / n + alpha * dangling / n)
        for (a, b), w in edges.items():
            new[b] += alpha * rank[a] * w / out[a]
        rank = new
    return rank


@st.composite
def accounts(draw: st.DrawFn) -> tuple[list[Relationship], list[str], dict[tuple[str, str], float]]:
    people = [f"p{i}" for i in range(draw(st.integers(1, 7)))]
    here = [p for p in people if draw(st.booleans())] or people[:1]
    pairs = list(permutations(people, 2))
    reports = draw(st.sets(st.sampled_from(pairs), max_size=6)) if pairs else set()
    strength = st.sampled_from([0.0, 0.3, 0.5, 1.0])
    knows = draw(st.dictionaries(st.sampled_from(pairs), strength, max_size=6)) if pairs else {}
    knows = {(min(a, b), max(a, b)): s for (a, b), s in knows.items()}
    rels = [Relationship(K.WORKS_AT, p, "acme", {"current": p in here}) for p in people]
    rels += [Relationship(K.REPORTS_TO, a, b, {}) for a, b in reports]
    rels += [Relationship(K.KNOWS, a, b, {"strength": s}) for (a, b), s in knows.items()]
    edges: dict[tuple[str, str], float] = {}
    for a, b in reports:
        if a in here and b in here:
            edges[(a, b)] = edges.get((a, b), 0.0) + 1.0
    for (a, b), s in knows.items():
        if a in here and b in here and s > 0:
            edges[(a, b)] = edges.get((a, b), 0.0) + s
            edges[(b, a)] = edges.get((b, a), 0.0) + s
    return rels, sorted(here), edges


@settings(max_examples=150, deadline=None)
@given(accounts())
def test_key_influencers_are_pagerank_of_the_graph_the_definition_names(
    case: tuple[list[Relationship], list[str], dict[tuple[str, str], float]],
) -> None:
    rels, here, edges = case
    g = build_graph([Node("acme", NodeKind.COMPANY, {"name": "Acme", "tier": "KEY"})], rels)
    d = influence_graph(g, "acme")
    assert sorted(d.nodes) == here
    assert {(a, b): w for a, b, w in d.edges(data="weight")} == pytest.approx(edges)
    expected = power_iteration(here, edges)
    got = key_influencers(g, "acme", limit=50)
    assert {s.person: s.score for s in got} == pytest.approx(expected, abs=1e-4)
    scores = [s.score for s in got]
    assert scores == sorted(scores, reverse=True)


def test_the_manager_of_many_ranks_first_and_limit_cuts(facts: Any) -> None:
    f = facts.company("acme", tier="KEY")
    for p in ("boss", "a", "b", "c", "outsider"):
        f.rel(K.WORKS_AT, p, "acme", current=p != "outsider")
    g = (
        f.rel(K.REPORTS_TO, "a", "boss").rel(K.REPORTS_TO, "b", "boss").rel(K.REPORTS_TO, "c", "boss")
        .rel(K.REPORTS_TO, "boss", "outsider").rel(K.KNOWS, "a", "b", strength=0.5)
        .graph()
    )
    top = key_influencers(g, "acme", limit=2)
    assert top[0].person == "boss" and top[1].person in {"a", "b"} and len(top) == 2
    with pytest.raises(InvalidArgumentError) as err:
        key_influencers(g, "acme", limit=0)
    assert err.value.argument == "limit"
