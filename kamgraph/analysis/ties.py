"""Ties between people (docs/domain.md, "Ties between people").

A tie is never materialised as an edge between two people when it comes from a
company or an interest: it is read off the graph's WORKS_AT and INTERESTED_IN
(the *hubs*), so a company of ten thousand people costs ten thousand memberships,
not fifty million pairs.

=================  ==================================================  =========================
tie                between                                             strength
=================  ==================================================  =========================
KNOWS              the two people of a KNOWS relationship              its strength × weight
REPORTS_TO         a person and their manager (either direction)       weight (default 0.8)
COLLEAGUE          two people currently at the same company            weight (default 0.3)
FORMER_COLLEAGUE   both worked at one company, at least one no longer  weight (default 0.25)
SHARED_INTEREST    two people interested in the same Interest          weight (default 0.1)
=================  ==================================================  =========================

A tie of strength 0 (a weight of 0, or a KNOWS of strength 0) is no tie.

>>> from kamgraph.domain.model import Relationship, RelationshipKind as K, TieKind
>>> from kamgraph.analysis.model import build_graph
>>> g = build_graph([], [
...     Relationship(K.KNOWS, "ann", "bob", {"strength": 0.2}),
...     Relationship(K.WORKS_AT, "ann", "acme", {"current": True}),
...     Relationship(K.WORKS_AT, "bob", "acme", {"current": True}),
... ])
>>> ties_of(g, "ann", tie_weights(None))["bob"]
Tie(kind=<TieKind.COLLEAGUE: 'COLLEAGUE'>, strength=0.3, via='acme')
>>> ties_of(g, "ann", tie_weights([("COLLEAGUE", 0)]))["bob"].kind
<TieKind.KNOWS: 'KNOWS'>
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from kamgraph.analysis.errors import check_weight
from kamgraph.analysis.model import PROPS, is_current
from kamgraph.domain.errors import InvalidArgumentError
from kamgraph.domain.model import (
    DEFAULT_KNOWS_STRENGTH,
    DEFAULT_TIE_WEIGHTS,
    RelationshipKind,
    TieKind,
    TieSkeleton,
)

#: When two ties between the same people are equally strong, the first kind here is reported.
TIE_ORDER: tuple[TieKind, ...] = tuple(TieKind)
_RANK = {k: i for i, k in enumerate(TIE_ORDER)}
_K = RelationshipKind

TieWeights = Mapping[TieKind, float]
TieWeightsInput = (
    Mapping[TieKind, float] | Mapping[str, float] | Iterable[tuple[TieKind | str, float]] | None
)


@dataclass(frozen=True, slots=True)
class Tie:
    """The strongest tie from one person to another: its kind, strength and hub."""

    kind: TieKind
    strength: float
    via: str | None = None  # the company or interest of a derived tie

    def beats(self, other: Tie) -> bool:
        """Stronger; at equal strength, the earlier kind of :data:`TIE_ORDER`, then the smaller hub id."""
        return (-self.strength, _RANK[self.kind], self.via or "") < (
            -other.strength,
            _RANK[other.kind],
            other.via or "",
        )


def tie_weights(ties: TieWeightsInput = None, argument: str = "ties") -> dict[TieKind, float]:
    """The weight of every tie kind: the defaults, overridden by the request's.

    ``ties`` is a mapping or a list of ``(kind, weight)``; a kind may be a
    :class:`~kamgraph.domain.model.TieKind` or its name. An unknown kind, a kind given
    twice, or a negative or non-finite weight is an
    :class:`~kamgraph.domain.errors.InvalidArgumentError` naming ``argument``.

    >>> tie_weights([("KNOWS", 2)])[TieKind.KNOWS], tie_weights(None)[TieKind.COLLEAGUE]
    (2.0, 0.3)
    >>> tie_weights([("FRIEND", 1)])
    Traceback (most recent call last):
    ...
    kamgraph.domain.errors.InvalidArgumentError: ties: unknown tie kind 'FRIEND' (one of KNOWS, \
REPORTS_TO, COLLEAGUE, FORMER_COLLEAGUE, SHARED_INTEREST)
    """
    weights = dict(DEFAULT_TIE_WEIGHTS)
    if ties is None:
        return weights
    pairs = list(ties.items()) if isinstance(ties, Mapping) else list(ties)
    seen: set[TieKind] = set()
    for raw_kind, raw_weight in pairs:
        kind = _tie_kind(raw_kind, argument)
        if kind in seen:
            raise InvalidArgumentError(argument, f"tie kind {kind.value} given twice")
        seen.add(kind)
        weights[kind] = check_weight(argument, raw_weight, f"weight of {kind.value}")
    return weights


def _tie_kind(raw: TieKind | str, argument: str) -> TieKind:
    if isinstance(raw, TieKind):
        return raw
    try:
        return TieKind(str(raw))
    except ValueError:
        names = ", ".join(k.value for k in TieKind)
        raise InvalidArgumentError(argument, f"unknown tie kind {raw!r} (one of {names})") from None


def knows_strength(props: Mapping[str, object]) -> float:
    """The strength of a KNOWS relationship (0.5 when it has none)."""
    s = props.get("strength")
    return float(s) if isinstance(s, (int, float)) else DEFAULT_KNOWS_STRENGTH


def above(weights: TieWeights, floor: float) -> dict[TieKind, float]:
    """The weights with every kind but KNOWS whose weight is not above ``floor`` left out.

    (KNOWS ties are filtered one by one, on their own strength.)

    >>> w = above(tie_weights(None), 0.25)
    >>> w[TieKind.FORMER_COLLEAGUE], w[TieKind.COLLEAGUE]
    (0.0, 0.3)
    """
    return {k: w if k is TieKind.KNOWS or w > floor else 0.0 for k, w in weights.items()}


def enabled_hub_kinds(weights: TieWeights) -> tuple[bool, bool]:
    """Whether companies, and whether interests, carry any enabled tie."""
    companies = weights[TieKind.COLLEAGUE] > 0 or weights[TieKind.FORMER_COLLEAGUE] > 0
    return companies, weights[TieKind.SHARED_INTEREST] > 0


class TieIndex:
    """The tie structure of a graph, indexed once for many look-ups.

    With a ``floor``, only ties stronger than it are kept (a search for paths
    scoring above the floor needs no other, when no strength exceeds 1).

    Direct ties (KNOWS, REPORTS_TO) are kept per pair, strongest first; derived
    ties stay as hub memberships: who works (currently or formerly) at each
    company, who is interested in each interest.

    ``g`` may be ``None``: the index then starts empty and is filled with
    :meth:`add_skeleton`, straight from what the store returned (a relationship
    given twice counts once).
    """

    def __init__(self, g: nx.MultiDiGraph | None, weights: TieWeights, floor: float = 0.0) -> None:
        weights = above(weights, floor)
        self.weights = weights
        self.floor = floor
        self.direct: dict[str, dict[str, Tie]] = {}
        self.jobs: dict[str, list[tuple[str, bool]]] = {}
        self.staff: dict[str, tuple[list[str], list[str]]] = {}
        self.likes: dict[str, list[str]] = {}
        self.fans: dict[str, list[str]] = {}
        self._cache: dict[str, dict[str, Tie]] = {}
        self._members: set[tuple[str, str]] = set()  # (person, hub) already held
        self._interned: dict[tuple[TieKind, float], Tie] = {}
        self._wk, self._wr = weights[TieKind.KNOWS], weights[TieKind.REPORTS_TO]
        self._wc, self._wf = weights[TieKind.COLLEAGUE], weights[TieKind.FORMER_COLLEAGUE]
        self._ws = weights[TieKind.SHARED_INTEREST]
        self._companies, self._interests = enabled_hub_kinds(weights)
        if g is not None:
            for u, v, kind, data in g.edges(keys=True, data=True):
                self.add(kind, u, v, data[PROPS])

    def add(self, kind: RelationshipKind, u: str, v: str, props: Mapping[str, object]) -> None:
        """Take one relationship ``u → v`` into the index (other kinds are ignored)."""
        if kind is _K.KNOWS:
            if self._wk > 0:
                self._direct(u, v, TieKind.KNOWS, self._wk * knows_strength(props))
        elif kind is _K.REPORTS_TO:
            if self._wr > 0:
                self._direct(u, v, TieKind.REPORTS_TO, self._wr)
        elif kind is _K.WORKS_AT:
            if self._companies:
                self._job(u, v, is_current(props))
        elif kind is _K.INTERESTED_IN and self._interests:
            self._like(u, v)

    def add_skeleton(self, ties: TieSkeleton) -> None:
        """Take every relationship of ``ties`` into the index (the same as :meth:`add`
        for each, in tight loops: this is what an influence-path fetch spends its time on)."""
        if self._wk > 0:
            wk, default, knows, direct = self._wk, DEFAULT_KNOWS_STRENGTH, TieKind.KNOWS, self._direct
            for a, b, s in ties.knows:
                direct(a, b, knows, wk * (float(s) if isinstance(s, (int, float)) else default))
        if self._wr > 0:
            wr, reports, direct = self._wr, TieKind.REPORTS_TO, self._direct
            for a, b in ties.reports_to:
                direct(a, b, reports, wr)
        members = self._members
        if self._companies:
            for p, c, current in ties.works_at:
                if (p, c) not in members:
                    self._job(p, c, current)
        if self._interests:
            for p, i in ties.interested_in:
                if (p, i) not in members:
                    self._like(p, i)

    def _job(self, u: str, v: str, current: bool) -> None:
        if (u, v) in self._members:
            return
        self._members.add((u, v))
        self.jobs.setdefault(u, []).append((v, current))
        self.staff.setdefault(v, ([], []))[0 if current else 1].append(u)
        if self._cache:
            self._cache.clear()

    def _like(self, u: str, v: str) -> None:
        if (u, v) in self._members:
            return
        self._members.add((u, v))
        self.likes.setdefault(u, []).append(v)
        self.fans.setdefault(v, []).append(u)
        if self._cache:
            self._cache.clear()

    def _direct(self, u: str, v: str, kind: TieKind, strength: float) -> None:
        """A KNOWS or REPORTS_TO tie; kept when it beats the pair's (stronger; at equal
        strength KNOWS first). Both directions always hold the same tie."""
        if u == v or strength <= self.floor:
            return
        mine = self.direct.get(u)
        if mine is None:
            mine = self.direct[u] = {}
        old = mine.get(v)
        if old is not None and (
            old.strength > strength
            or (old.strength == strength and (old.kind is kind or kind is not TieKind.KNOWS))
        ):
            return
        tie = self._interned.get((kind, strength))
        if tie is None:  # ties are immutable: one object per kind and strength
            tie = self._interned[kind, strength] = Tie(kind, strength)
        mine[v] = tie
        theirs = self.direct.get(v)
        if theirs is None:
            theirs = self.direct[v] = {}
        theirs[u] = tie
        if self._cache:
            self._cache.pop(u, None)
            self._cache.pop(v, None)

    def tie_between(self, a: str, b: str) -> Tie | None:
        """The strongest tie between ``a`` and ``b`` (``ties(a).get(b)``, without
        enumerating the members of ``a``'s hubs)."""
        if a == b:
            return None
        best = self.direct.get(a, {}).get(b)

        def offer(tie: Tie) -> None:
            nonlocal best
            if tie.strength > 0 and (best is None or tie.beats(best)):
                best = tie

        theirs = dict(self.jobs.get(b, ()))
        if theirs:
            wc, wf = self._wc, self._wf
            for company, mine in self.jobs.get(a, ()):
                if company in theirs:
                    both = mine and theirs[company]
                    kind = TieKind.COLLEAGUE if both else TieKind.FORMER_COLLEAGUE
                    offer(Tie(kind, wc if both else wf, company))
        likes_b = self.likes.get(b)
        if likes_b:
            ws = self._ws
            for interest in self.likes.get(a, ()):
                if interest in likes_b:
                    offer(Tie(TieKind.SHARED_INTEREST, ws, interest))
        return best

    def ties(self, person: str) -> dict[str, Tie]:
        """The strongest tie from ``person`` to each other person it has one with."""
        cached = self._cache.get(person)
        if cached is not None:
            return cached
        best = dict(self.direct.get(person, {}))

        def offer(others: list[str], tie: Tie) -> None:
            if tie.strength <= 0:
                return
            for other in others:
                if other != person:
                    old = best.get(other)
                    if old is None or tie.beats(old):
                        best[other] = tie

        wc, wf = self.weights[TieKind.COLLEAGUE], self.weights[TieKind.FORMER_COLLEAGUE]
        for company, mine in self.jobs.get(person, []):
            current, former = self.staff[company]
            offer(current, Tie(TieKind.COLLEAGUE if mine else TieKind.FORMER_COLLEAGUE,
                               wc if mine else wf, company))
            offer(former, Tie(TieKind.FORMER_COLLEAGUE, wf, company))
        ws = self.weights[TieKind.SHARED_INTEREST]
        for interest in self.likes.get(person, []):
            offer(self.fans[interest], Tie(TieKind.SHARED_INTEREST, ws, interest))
        self._cache[person] = best
        return best


def ties_of(g: nx.MultiDiGraph, person: str, weights: TieWeights) -> dict[str, Tie]:
    """The strongest tie from ``person`` to each other person it has one with."""
    return TieIndex(g, weights).ties(person)
