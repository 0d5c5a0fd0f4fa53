"""The one best-first search of influence paths (docs/domain.md, "Influence paths").

:func:`best_first` ranks simple paths to a target on any graph it is shown
through three callbacks, and never reads anything itself:

- ``expand(person, hops_left)``: the people ``person`` has a tie with
  (``hops_left``: the ties a path may still take after this one; a caller that
  knows only the target will do on the last hop may say so);
- ``cost(person, other)``: the cost ``-ln(strength)`` of their strongest tie
  (infinite: none after all), asked only for the people the bound does not
  rule out;
- ``bound(person, hops_left)``: a lower bound on the rest of any path from
  ``person`` to the target in at most ``hops_left`` ties, as ``(cost, hops)``
  — the least cost, and the fewest hops of a route that cheap — or ``None`` when
  there is none.

The in-memory analysis (:func:`kamgraph.analysis.paths.influence_paths`) shows
it a whole graph; the bounded fetch (:mod:`kamgraph.insights.path_fetch`) shows
it what it has read so far, and runs it again when it has read more.

Ranking. Paths come out by score (highest first: cost ``-ln(score)`` rounded
to :data:`DECIMALS` decimals), then fewer hops, then the people's ids. A partial
path waits on the queue under the key ``(cost + bound cost, hops + bound hops,
people)``, which is never above the key of any path it can become (its people
are a prefix of theirs), so complete paths come off the queue in rank order:
the first ``limit`` are the answer, however many paths tie. Counting the hops
still to go in the key matters when ties cost nothing (a weight of 1, or a
KNOWS of strength 1): every partial path then has the same cost, and only the
hops tell the short paths from the long ones before they are complete.

Limits. Whatever the weights, a search stops with an
:class:`~kamgraph.analysis.budget.AnalysisLimitError` when its
:class:`~kamgraph.analysis.budget.Budget` says so: its deadline passed, or it
extended ``max_expanded`` partial paths, or it keeps ``max_kept`` waiting.

>>> ties = {"us": {"amy": 0.1, "ceo": 0.7}, "amy": {"ceo": 0.1}}
>>> def expand(person, hops_left):
...     return ties.get(person, {})
>>> def cost(person, other):
...     return ties[person][other]
>>> def bound(person, hops_left):
...     return (0.0, 0) if person == "ceo" else (0.0, 1)
>>> [people for _, people, _ in best_first("ceo", [(("us",), 0.0)], 3, expand, cost, bound)]
[('us', 'amy', 'ceo'), ('us', 'ceo')]
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Container, Iterable, Iterator

from kamgraph.analysis.budget import DEFAULT, Budget

_INF = math.inf
#: Costs are compared rounded to this many decimals (a relative difference of about 1e-9 in score).
DECIMALS = 9
#: Costs closer than this to the least one count as tied with it (well above the rounding).
CLOSE = 1e-8

#: (person, ties left after this one) -> the people it has a tie with
Expand = Callable[[str, int], Iterable[str]]
#: (person, other) -> the cost of their strongest tie (infinite: none)
Cost = Callable[[str, str], float]
#: (person, ties left) -> (least cost, fewest hops at that cost) to the target, or None
Bound = Callable[[str, int], "tuple[float, int] | None"]
Found = tuple[float, tuple[str, ...], float]


def rank_cost(cost: float) -> float:
    """A cost as paths are ranked by it: rounded to :data:`DECIMALS` decimals.

    >>> rank_cost(0.1 + 0.2) == rank_cost(0.3)
    True
    """
    return round(cost, DECIMALS)


def tie_cost(strength: float) -> float:
    """The cost of a tie, ``-ln(strength)`` (infinite for strength 0).

    >>> tie_cost(1.0), tie_cost(0.0)
    (-0.0, inf)
    """
    return -math.log(strength) if strength > 0 else math.inf


def best_first(
    target: str,
    starts: Iterable[tuple[tuple[str, ...], float]],
    max_hops: int,
    expand: Expand,
    cost: Cost,
    bound: Bound,
    *,
    horizon: float = math.inf,
    skip: Container[str] = frozenset(),
    costs: dict[tuple[str, str], float] | None = None,
    budget: Budget = DEFAULT,
) -> Iterator[Found]:
    """The simple paths to ``target`` of at most ``max_hops`` ties, best first.

    Parameters
    ----------
    target
        The person the paths end at.
    starts
        Partial paths to grow, each ``(people, cost)``: usually each source
        alone at cost 0. A path visits each person once.
    max_hops
        At most this many ties per path.
    expand, cost, bound
        The graph as the search sees it (see the module's docstring).
    horizon
        Paths ranked above this cost are neither kept nor yielded. A finite
        horizon needs tie costs of at least 0 (weights of at most 1): a
        partial path is ruled out by its bound before its last tie's cost
        is asked for.
    skip
        Partial paths starting at one of these are dropped (it is read as the
        search goes: a caller that wants one path per source adds a source
        once it has its path).
    costs
        The costs ``cost`` has given, by pair of people; it is filled as the
        search goes (pass the same dict to searches on the same ties, and
        each tie's cost is asked for once).
    budget
        The deadline and work bound.

    Yields
    ------
    tuple of (float, tuple of str, float)
        ``(rank cost, people, cost)`` of each complete path, in rank order;
        stop iterating once you have enough.

    Raises
    ------
    kamgraph.analysis.budget.AnalysisLimitError
        When the budget runs out before the next path is known.

    Examples
    --------
    >>> ties = {"a": {"b": 0.0, "t": 0.0}, "b": {"t": 0.0}}
    >>> search = best_first("t", [(("a",), 0.0)], 2, lambda p, h: ties.get(p, {}),
    ...                     lambda p, o: ties[p][o], lambda p, h: (0.0, 0 if p == "t" else 1))
    >>> [people for _, people, _ in search]  # equal costs: fewer hops first
    [('a', 't'), ('a', 'b', 't')]
    """
    if costs is None:
        costs = {}
    heap: list[tuple[float, int, tuple[str, ...], float]] = []
    for people, c in starts:
        hops = len(people) - 1
        b = bound(people[-1], max_hops - hops)
        if b is not None:
            key = round(c + b[0], DECIMALS)
            if key <= horizon:
                heap.append((key, hops + b[1], people, c))
    heapq.heapify(heap)
    push, pop = heapq.heappush, heapq.heappop
    expanded = 0
    prune = horizon < math.inf
    known = costs.get
    while heap:
        key, _, people, so_far = pop(heap)
        if key > horizon:
            return
        last = people[-1]
        if last == target:
            yield key, people, so_far
            continue
        if people[0] in skip:
            continue
        expanded += 1
        budget.check(expanded, len(heap))
        hops = len(people)  # after the next tie
        left = max_hops - hops
        for other in expand(last, left):
            if other in people:
                continue
            b = bound(other, left)
            if b is None:
                continue
            rest, more = b
            if prune and so_far + rest > horizon:  # no tie costs less than 0
                continue
            c_tie = known((last, other))
            if c_tie is None:
                c_tie = costs[last, other] = cost(last, other)
            c = so_far + c_tie
            k = c + rest
            if k <= horizon and c_tie != _INF:  # infinite: no tie after all
                push(heap, (round(k, DECIMALS), hops + more, people + (other,), c))
