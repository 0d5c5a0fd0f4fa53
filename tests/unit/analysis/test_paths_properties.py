"""Influence paths against brute force: every simple path of a materialised person graph."""

from __future__ import annotations

import asyncio
import math
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from kamgraph.analysis.model import build_graph
from kamgraph.analysis.paths import influence_paths
from kamgraph.analysis.ties import TieIndex
from kamgraph.domain.model import DEFAULT_TIE_WEIGHTS, Node, NodeKind, Relationship, TieKind
from kamgraph.domain.model import RelationshipKind as K
from kamgraph.insights.account_fetch import best_paths_to
from kamgraph.insights.neighbourhood import best_paths_neighbourhood
from tests.unit.analysis.seeded import reading


@dataclass
class World:
    people: list[str]
    knows: dict[tuple[str, str], float]
    reports: set[tuple[str, str]]
    works: dict[tuple[str, str], bool]  # (person, company) -> current
    likes: set[tuple[str, str]]
    weights: dict[TieKind, float]
    sources: list[str]
    target: str
    max_hops: int
    limit: int


#: strengths of KNOWS ties: few and coarse (many equal scores), or many and fine (close ones)
COARSE = (0.0, 0.2, 0.5, 0.8, 1.0)
FINE = (0.0, 0.15, 0.2, 0.3, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0)


@st.composite
def worlds(
    draw: st.DrawFn, most: int = 7, ties: int = 10, strengths: tuple[float, ...] = COARSE, least: int = 2
) -> World:
    n = draw(st.integers(least, most))
    people = [f"p{i}" for i in range(n)]
    pairs = [(a, b) for a, b in combinations(people, 2)]
    person = st.sampled_from(people)
    strength = st.sampled_from(strengths)
    knows = draw(st.dictionaries(st.sampled_from(pairs), strength, max_size=ties))
    reports = draw(st.sets(st.tuples(person, person).filter(lambda t: t[0] != t[1]), max_size=ties * 2 // 5))
    job = st.tuples(person, st.sampled_from(["c0", "c1", "c2"]))
    works = draw(st.dictionaries(job, st.booleans(), max_size=ties * 4 // 5))
    likes = draw(st.sets(st.tuples(person, st.sampled_from(["i0", "i1"])), max_size=ties * 3 // 5))
    weights = dict(DEFAULT_TIE_WEIGHTS)
    for kind in TieKind:
        if draw(st.booleans()):
            weights[kind] = draw(st.sampled_from([0.0, 0.3, 0.5, 1.0, 1.7]))
    sources = draw(st.lists(person, min_size=1, max_size=max(3, n // 3), unique=True))
    return World(people, knows, reports, works, likes, weights, sources, draw(person),
                 draw(st.integers(1, 4)), draw(st.integers(1, 6)))


def graph_of(w: World) -> nx.MultiDiGraph:
    rels = [Relationship(K.KNOWS, a, b, {"strength": s}) for (a, b), s in w.knows.items()]
    rels += [Relationship(K.REPORTS_TO, a, b, {}) for a, b in w.reports]
    rels += [Relationship(K.WORKS_AT, p, c, {"current": cur}) for (p, c), cur in w.works.items()]
    rels += [Relationship(K.INTERESTED_IN, p, i, {}) for p, i in w.likes]
    return build_graph([Node(p, NodeKind.PERSON, {"name": p}) for p in w.people], rels)


def materialise(w: World) -> nx.Graph:
    """Every tie between every two people, straight from docs/domain.md; the strongest kept."""
    g = nx.Graph()
    g.add_nodes_from(w.people)

    def offer(a: str, b: str, s: float) -> None:
        if a != b and s > 0 and s > g.get_edge_data(a, b, {"s": -1.0})["s"]:
            g.add_edge(a, b, s=s)

    for (a, b), s in w.knows.items():
        offer(a, b, w.weights[TieKind.KNOWS] * s)
    for a, b in w.reports:
        offer(a, b, w.weights[TieKind.REPORTS_TO])
    for (a, ca), cur_a in w.works.items():
        for (b, cb), cur_b in w.works.items():
            if ca == cb:
                kind = TieKind.COLLEAGUE if cur_a and cur_b else TieKind.FORMER_COLLEAGUE
                offer(a, b, w.weights[kind])
    for a, ia in w.likes:
        for b, ib in w.likes:
            if ia == ib:
                offer(a, b, w.weights[TieKind.SHARED_INTEREST])
    return g


def key(score: float, people: tuple[str, ...]) -> tuple[float, int, tuple[str, ...]]:
    return (round(-math.log(score), 9), len(people), people)


def brute_force(w: World) -> list[tuple[float, tuple[str, ...]]]:
    g = materialise(w)
    sources = set(w.sources) - {w.target}
    found = []
    for s in sorted(sources):
        for path in nx.all_simple_paths(g, s, w.target, cutoff=w.max_hops):
            if any(p in sources for p in path[1:]):
                continue
            score = 1.0
            for a, b in zip(path, path[1:], strict=False):
                score *= g[a][b]["s"]
            found.append((score, tuple(path)))
    found.sort(key=lambda item: key(*item))
    return found[: w.limit]


@settings(max_examples=200, deadline=None)
@given(worlds())
def test_influence_paths_are_the_best_simple_paths(w: World) -> None:
    got = influence_paths(graph_of(w), w.target, sources=w.sources, max_hops=w.max_hops,
                          limit=w.limit, weights=w.weights)
    expected = brute_force(w)
    assert [(p.score, p.people) for p in got] == [
        (s, people) for s, people in expected
    ]
    ties = materialise(w)
    for p in got:
        assert p.hops == len(p.people) - 1 <= w.max_hops
        assert len(set(p.people)) == len(p.people)
        assert [s.strength for s in p.steps] == [ties[a][b]["s"] for a, b in zip(p.people, p.people[1:],
                                                                                strict=False)]
        assert math.isclose(p.score, math.prod(s.strength for s in p.steps))


def fetched(w: World, each_source: bool) -> nx.MultiDiGraph:
    g = graph_of(w)
    rels = [Relationship(k, u, v, d["props"]) for u, v, k, d in g.edges(keys=True, data=True)]
    sources = sorted(set(w.sources) - {w.target})
    if not sources:
        return build_graph([])
    limit = 1 if each_source else w.limit
    g, _ = asyncio.run(reading(rels, lambda s: best_paths_neighbourhood(
        s, w.target, sources, w.max_hops, w.weights, limit, each_source)))
    return g


def ranked(g: nx.MultiDiGraph, w: World, sources: list[str], limit: int) -> list[tuple[Any, ...]]:
    return [(p.score, p.people, p.steps) for p in influence_paths(
        g, w.target, sources=sources, max_hops=w.max_hops, limit=limit, weights=w.weights)]


@settings(max_examples=300, deadline=None)
@given(st.one_of(worlds(14, 30), worlds(14, 40, FINE)))
def test_the_fetched_neighbourhood_gives_the_same_paths(w: World) -> None:
    """The store fetch (a ball grown by cost from the target) loses none of the best paths."""
    assert ranked(fetched(w, False), w, w.sources, w.limit) == ranked(graph_of(w), w, w.sources, w.limit)


@settings(max_examples=150, deadline=None)
@given(st.one_of(worlds(14, 30), worlds(14, 40, FINE)))
def test_the_fetched_neighbourhood_gives_each_source_its_best_path(w: World) -> None:
    g = fetched(w, True)
    for s in w.sources:
        assert ranked(g, w, [s], 1) == ranked(graph_of(w), w, [s], 1)


@settings(max_examples=100, deadline=None)
@given(worlds(8, 20))
def test_tie_between_is_the_strongest_tie(w: World) -> None:
    index = TieIndex(graph_of(w), w.weights)
    for a in w.people:
        ties = index.ties(a)
        assert {b: index.tie_between(a, b) for b in w.people if b != a and index.tie_between(a, b)} == ties


@settings(max_examples=150, deadline=None)
@given(st.one_of(worlds(14, 30), worlds(14, 40, FINE)))
def test_searches_sharing_their_reads_give_each_target_its_best_path(w: World) -> None:
    """relationshipGaps' best path per uncovered decision-maker: one search per target
    over shared reads, then one graph for all; each answer is the whole graph's."""
    g = graph_of(w)
    rels = [Relationship(k, u, v, d["props"]) for u, v, k, d in g.edges(keys=True, data=True)]
    targets = [p for p in w.people if p not in w.sources]
    got, _ = asyncio.run(reading(rels, lambda s: best_paths_to(s, targets, w.sources, w.max_hops)))
    assert list(got) == targets
    for t in targets:
        best = influence_paths(g, t, sources=w.sources, max_hops=w.max_hops, limit=1)
        expected = (best[0].score, best[0].people, best[0].steps) if best else None
        found = got[t]
        assert (found and (found.score, found.people, found.steps)) == expected
