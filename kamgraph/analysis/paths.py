"""Influence paths (docs/domain.md, "Influence paths").

The ``limit`` best simple paths of at most ``max_hops`` ties from a set of
people to a target person, a path's score being the product of its ties'
strengths (the strongest tie between each two people, :mod:`.ties`).

The search is exact. Costs are ``-ln(strength)``, so the best paths are the
cheapest. A hop-bounded lower bound ``h[k][v]`` — the cheapest walk of at most
``k`` ties from ``v`` to the target, simplicity ignored — is computed backwards
from the target through the direct ties and the hubs (companies, interests),
never through materialised colleague pairs. Partial paths, sequences of people,
are then expanded best-first by ``cost + h[hops left][last person]`` (then by
the hops a path that cheap still needs) with the one search of
:mod:`kamgraph.analysis.search`; as the bound never overestimates, complete
paths come off the queue cheapest first, and the first ``limit`` of them are
the ``limit`` best. Because the bound is hop-aware it stays exact for request
weights above 1 as well.

Paths start at one of the sources and pass through no other source (a path
through a second teammate is that teammate's path). Equal scores are ordered by
fewer hops, then by the people's ids, so that every store gives the same answer
(scores are compared as ``-ln(score)`` rounded to 9 decimals, a relative
difference of about 1e-9). The queue is ordered by exactly that key, so the
first ``limit`` complete paths it yields are the answer, however many paths tie.

>>> from kamgraph.domain.model import Relationship, RelationshipKind as K
>>> from kamgraph.analysis.model import build_graph
>>> g = build_graph([], [
...     Relationship(K.KNOWS, "us", "amy", {"strength": 0.9}),
...     Relationship(K.REPORTS_TO, "amy", "ceo", {}),
...     Relationship(K.KNOWS, "us", "ceo", {"strength": 0.5}),
... ])
>>> [(round(p.score, 2), p.people) for p in influence_paths(g, "ceo", sources=["us"])]
[(0.72, ('us', 'amy', 'ceo')), (0.5, ('us', 'ceo'))]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import islice

import networkx as nx

from kamgraph.analysis.accounts import team
from kamgraph.analysis.budget import DEFAULT, Budget
from kamgraph.analysis.model import kind_of
from kamgraph.analysis.search import CLOSE, Bound, best_first, tie_cost
from kamgraph.analysis.ties import TieIndex, TieWeightsInput, tie_weights
from kamgraph.domain.errors import NotFoundError
from kamgraph.domain.model import NodeKind, TieKind

_INF = math.inf


@dataclass(frozen=True, slots=True)
class PathStep:
    """One hop: from a person to the next, by which tie, how strong, through which hub."""

    from_id: str
    to_id: str
    tie: TieKind
    strength: float
    via: str | None = None


@dataclass(frozen=True, slots=True)
class InfluencePath:
    """A path: its score (product of strengths), the people in order, and the steps."""

    score: float
    people: tuple[str, ...]
    steps: tuple[PathStep, ...]

    @property
    def hops(self) -> int:
        return len(self.steps)


_cost = tie_cost  # ties held by an index have strength > 0


def _relax(layer: dict[str, float], v: str, c: float) -> None:
    if c < layer.get(v, _INF):
        layer[v] = c


def lower_bounds(index: TieIndex, target: str, max_hops: int) -> list[dict[str, float]]:
    """``h[k][v]``: the least cost of a walk of at most ``k`` ties from ``v`` to
    ``target`` (people absent from ``h[k]`` cannot reach it in ``k`` ties)."""
    w = index.weights
    c_col = tie_cost(w[TieKind.COLLEAGUE])
    c_for = tie_cost(w[TieKind.FORMER_COLLEAGUE])
    c_int = tie_cost(w[TieKind.SHARED_INTEREST])
    layers = [{target: 0.0}]
    for _ in range(max_hops):
        prev = layers[-1]
        cur = dict(prev)
        best_now: dict[str, float] = {}  # company -> best of its current staff
        best_past: dict[str, float] = {}  # company -> best of its former staff
        best_fan: dict[str, float] = {}  # interest -> best of its fans
        for u, hu in prev.items():
            for v, tie in index.direct.get(u, {}).items():
                _relax(cur, v, _cost(tie.strength) + hu)
            for company, current in index.jobs.get(u, []):
                table = best_now if current else best_past
                if hu < table.get(company, _INF):
                    table[company] = hu
            for interest in index.likes.get(u, []):
                if hu < best_fan.get(interest, _INF):
                    best_fan[interest] = hu
        for company in best_now.keys() | best_past.keys():
            now, past = best_now.get(company, _INF), best_past.get(company, _INF)
            current_staff, former_staff = index.staff[company]
            to_now = min(c_col + now, c_for + past)  # from someone currently there
            to_any = c_for + min(now, past)  # from someone who has left
            for v in current_staff:
                _relax(cur, v, to_now)
            for v in former_staff:
                _relax(cur, v, to_any)
        for interest, best in best_fan.items():
            for v in index.fans[interest]:
                _relax(cur, v, c_int + best)
        cur[target] = 0.0  # a path ends at its first visit of the target
        layers.append(cur)
    return layers


def influence_paths(
    g: nx.MultiDiGraph,
    target: str,
    sources: Iterable[str] | None = None,
    max_hops: int = 4,
    limit: int = 3,
    weights: TieWeightsInput = None,
    budget: Budget = DEFAULT,
) -> list[InfluencePath]:
    """The ``limit`` best influence paths from ``sources`` to ``target``, best first.

    Parameters
    ----------
    g
        A graph of :mod:`kamgraph.analysis.model` holding the people, their
        KNOWS, REPORTS_TO, WORKS_AT and INTERESTED_IN within reach.
    target
        The person to reach (argument ``to``); a node of another kind is a
        :class:`~kamgraph.domain.errors.NotFoundError`. A target the graph does not
        hold has no paths.
    sources
        The people to start from (argument ``from``); default our team, the
        people currently at the home company. The target itself is ignored.
    max_hops
        At most this many ties per path, 1..6 (argument ``maxHops``; the
        arguments are checked where requests come in,
        :mod:`kamgraph.insights.service`).
    limit
        How many paths, 1..50.
    weights
        Weight per tie kind, in any form :func:`~kamgraph.analysis.ties.tie_weights`
        reads (default: the default weights).
    budget
        The deadline and work bound of the search (:mod:`kamgraph.analysis.budget`).

    Returns
    -------
    list of InfluencePath
        Highest score first; equal scores by fewer hops, then people's ids.

    Raises
    ------
    kamgraph.domain.errors.NotFoundError
        ``to`` or one of ``from`` is not a person.
    kamgraph.analysis.budget.AnalysisLimitError
        The search ran out of time or reached its work bound.

    Examples
    --------
    >>> from kamgraph.domain.model import Relationship, RelationshipKind as K
    >>> from kamgraph.analysis.model import build_graph
    >>> g = build_graph([], [
    ...     Relationship(K.WORKS_AT, "us", "club", {"current": False}),
    ...     Relationship(K.WORKS_AT, "cto", "club", {"current": True}),
    ... ])
    >>> p = influence_paths(g, "cto", sources=["us"])[0]
    >>> p.score, p.steps[0].tie.value, p.steps[0].via
    (0.25, 'FORMER_COLLEAGUE', 'club')
    """
    w = tie_weights(weights)
    target_kind = kind_of(g, target)
    if target_kind is None:
        return []
    if target_kind is not NodeKind.PERSON:
        raise NotFoundError("to", f"{target!r} is a {target_kind.label}, not a person")
    starts = sorted(set(team(g) if sources is None else sources))
    for s in starts:
        k = kind_of(g, s)
        if k is not None and k is not NodeKind.PERSON:
            raise NotFoundError("from", f"{s!r} is a {k.label}, not a person")
    starts = [s for s in starts if s != target and s in g]
    return search(TieIndex(g, w), target, starts, max_hops, limit, budget=budget)


def search(
    index: TieIndex,
    target: str,
    sources: Sequence[str],
    max_hops: int,
    limit: int,
    bounds: list[dict[str, float]] | None = None,
    budget: Budget = DEFAULT,
) -> list[InfluencePath]:
    """:func:`influence_paths` on an indexed graph: :func:`~kamgraph.analysis.search.best_first`
    with every tie of the index and the :func:`lower_bounds` as its bound.

    ``bounds`` are the :func:`lower_bounds` of ``index``, ``target`` and
    ``max_hops`` when already computed (several searches to one target).

    >>> from kamgraph.domain.model import Relationship, RelationshipKind as K, DEFAULT_TIE_WEIGHTS
    >>> from kamgraph.analysis.model import build_graph
    >>> g = build_graph([], [Relationship(K.KNOWS, "us", "ceo", {"strength": 0.5})])
    >>> [p.people for p in search(TieIndex(g, DEFAULT_TIE_WEIGHTS), "ceo", ["us"], 2, 1)]
    [('us', 'ceo')]
    """
    h = lower_bounds(index, target, max_hops) if bounds is None else bounds
    blocked = set(sources)
    ties = index.ties

    def expand(person: str, hops_left: int) -> Iterable[str]:
        return ties(person).keys() - blocked

    def cost(person: str, other: str) -> float:
        return _cost(ties(person)[other].strength)

    found = best_first(
        target, [((s,), 0.0) for s in sources], max_hops, expand, cost, hop_aware(h), budget=budget
    )
    return [path_of(index, people) for _, people, _ in islice(found, limit)]


def hop_aware(layers: list[dict[str, float]]) -> Bound:
    """The bound of :func:`~kamgraph.analysis.search.best_first` from :func:`lower_bounds`:
    ``h[k][v]``, and the fewest ties ``j`` with ``h[j][v]`` as cheap (to :data:`CLOSE`)."""
    cache: dict[tuple[str, int], tuple[float, int] | None] = {}

    def bound(person: str, hops_left: int) -> tuple[float, int] | None:
        found = cache.get((person, hops_left), False)
        if found is not False:
            return found  # type: ignore[return-value]
        best = layers[hops_left].get(person)
        if best is None:
            result = None
        else:
            fewest = next(j for j in range(hops_left + 1) if layers[j].get(person, _INF) <= best + CLOSE)
            result = (best, fewest)
        cache[person, hops_left] = result
        return result

    return bound


def path_cost(path: InfluencePath) -> float:
    """A path's cost, ``-ln(score)``, summed hop by hop as the search sums it."""
    return sum(_cost(step.strength) for step in path.steps)


def path_of(index: TieIndex, people: Sequence[str]) -> InfluencePath:
    """The path through ``people``, each hop by the strongest tie ``index`` knows.

    >>> from kamgraph.domain.model import Relationship, RelationshipKind as K, DEFAULT_TIE_WEIGHTS
    >>> from kamgraph.analysis.model import build_graph
    >>> g = build_graph([], [Relationship(K.REPORTS_TO, "amy", "ceo", {})])
    >>> path_of(TieIndex(g, DEFAULT_TIE_WEIGHTS), ["amy", "ceo"]).score
    0.8
    """
    steps = []
    score = 1.0
    for a, b in zip(people, people[1:], strict=False):
        tie = index.tie_between(a, b)
        if tie is None:
            raise ValueError(f"no tie between {a!r} and {b!r}")
        score *= tie.strength
        steps.append(PathStep(a, b, tie.kind, tie.strength, tie.via))
    return InfluencePath(score, tuple(people), tuple(steps))
