"""Account priority (docs/domain.md, "Account priority").

Per account, four components in 0..1 and their weighted mean:

- value = currentSpend / the largest currentSpend among accounts
- potential = max(potentialSpend − currentSpend, 0) / the largest such headroom
- tier = STRATEGIC 1, KEY 0.75, GROWTH 0.5, STANDARD 0.25, none 0
- winRate = won / (won + lost) of the opportunities targeting it, 0.5 when none closed

score = Σ weight × component / Σ weight. A missing spend counts as 0; a
component whose largest value is 0 is 0 for every account. The coverage of the
account's decision-makers (:func:`kamgraph.analysis.gaps.coverage`) comes with it.

>>> from kamgraph.domain.model import Node, NodeKind as N
>>> from kamgraph.analysis.model import build_graph
>>> g = build_graph([
...     Node("a", N.COMPANY, {"name": "A", "tier": "STRATEGIC", "currentSpend": 100.0}),
...     Node("b", N.COMPANY, {"name": "B", "tier": "STANDARD", "currentSpend": 50.0,
...                           "potentialSpend": 150.0})])
>>> [(p.company, round(p.score, 3)) for p in account_priorities(g)]
[('b', 0.625), ('a', 0.6)]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace

import networkx as nx

from kamgraph.analysis.accounts import accounts, opportunities_of, team
from kamgraph.analysis.errors import MAX_FIRST, check_int, check_weight
from kamgraph.analysis.gaps import coverage
from kamgraph.analysis.model import props_of
from kamgraph.domain.errors import InvalidArgumentError
from kamgraph.domain.model import Stage

TIER_SCORE: Mapping[str, float] = {"STRATEGIC": 1.0, "KEY": 0.75, "GROWTH": 0.5, "STANDARD": 0.25}


@dataclass(frozen=True, slots=True)
class PriorityWeights:
    """How much each component counts (argument ``weights``)."""

    value: float = 0.35
    potential: float = 0.35
    tier: float = 0.2
    win_rate: float = 0.1


_GRAPHQL_NAMES = {"value": "value", "potential": "potential", "tier": "tier", "win_rate": "winRate"}


def priority_weights(
    value: float | None = None,
    potential: float | None = None,
    tier: float | None = None,
    win_rate: float | None = None,
) -> PriorityWeights:
    """The weights of a request: each given one replaces its default.

    A negative (or non-finite) weight, or all four 0, is an
    :class:`~kamgraph.domain.errors.InvalidArgumentError` on ``weights``.

    >>> priority_weights(tier=1.0).tier
    1.0
    >>> priority_weights(win_rate=-1)
    Traceback (most recent call last):
    ...
    kamgraph.domain.errors.InvalidArgumentError: weights: winRate must be a finite number >= 0, got -1
    """
    given = {"value": value, "potential": potential, "tier": tier, "win_rate": win_rate}
    default = PriorityWeights()
    checked = {
        name: getattr(default, name) if v is None else check_weight("weights", v, _GRAPHQL_NAMES[name])
        for name, v in given.items()
    }
    w = PriorityWeights(**checked)
    if sum(getattr(w, f.name) for f in fields(w)) <= 0:
        raise InvalidArgumentError("weights", "at least one weight must be greater than 0")
    return w


@dataclass(frozen=True, slots=True)
class AccountPriority:
    company: str
    score: float
    value: float
    potential: float
    tier: float
    win_rate: float
    coverage: float | None


def _spend(props: Mapping[str, object], key: str) -> float:
    v = props.get(key)
    return float(v) if isinstance(v, (int, float)) else 0.0


def win_rate(g: nx.MultiDiGraph, company: str) -> float:
    """won / (won + lost) of the opportunities targeting the company; 0.5 when none closed."""
    stages = [props_of(g, o).get("stage") for o in opportunities_of(g, company)]
    won, lost = stages.count(Stage.WON.value), stages.count(Stage.LOST.value)
    return won / (won + lost) if won + lost else 0.5


def priority_scores(g: nx.MultiDiGraph, weights: PriorityWeights | None = None) -> list[AccountPriority]:
    """Every account's components and score, best first (ties by id), coverage left ``None``."""
    w = weights or PriorityWeights()
    ids = accounts(g)
    spend = {a: _spend(props_of(g, a), "currentSpend") for a in ids}
    room = {a: max(_spend(props_of(g, a), "potentialSpend") - spend[a], 0.0) for a in ids}
    top_spend, top_room = max(spend.values(), default=0.0), max(room.values(), default=0.0)
    total = w.value + w.potential + w.tier + w.win_rate
    rows = []
    for a in ids:
        value = spend[a] / top_spend if top_spend > 0 else 0.0
        potential = room[a] / top_room if top_room > 0 else 0.0
        tier = TIER_SCORE.get(str(props_of(g, a).get("tier")), 0.0)
        wr = win_rate(g, a)
        score = (w.value * value + w.potential * potential + w.tier * tier + w.win_rate * wr) / total
        rows.append(AccountPriority(a, score, value, potential, tier, wr, None))
    rows.sort(key=lambda r: (-r.score, r.company))
    return rows


def account_priorities(
    g: nx.MultiDiGraph, weights: PriorityWeights | None = None, first: int = 50
) -> list[AccountPriority]:
    """The ``first`` (1..500) accounts by priority score, highest first (ties by id),
    each with its components and the coverage of its decision-makers.

    ``g`` holds every account with the opportunities that target them and, for
    the coverage, the neighbourhood :func:`~kamgraph.analysis.gaps.coverage` reads.
    """
    first = check_int("first", first, 1, MAX_FIRST)
    return with_coverage(priority_scores(g, weights)[:first], g)


def with_coverage(rows: Sequence[AccountPriority], g: nx.MultiDiGraph) -> list[AccountPriority]:
    """``rows`` with the coverage of each account's decision-makers, read from ``g``
    (which need hold only what :func:`~kamgraph.analysis.gaps.coverage` reads of
    those accounts: the scores are already made)."""
    ours = set(team(g))
    return [replace(r, coverage=coverage(g, r.company, ours=ours)) for r in rows]
