"""Icebreakers for a target person (docs/domain.md, "Icebreakers").

For each person of our team (or of those given) who shares at least one
interest with the target: the shared interests, and the score of their own best
influence path to the target (default ties, at most 4 hops; ``None`` when there
is none). More shared interests first, then the better path score, then id.

>>> from kamgraph.domain.model import Relationship, RelationshipKind as K
>>> from kamgraph.analysis.model import build_graph
>>> g = build_graph([], [Relationship(K.INTERESTED_IN, p, i, {})
...                      for p, i in [("me", "golf"), ("me", "jazz"), ("cfo", "golf"), ("cfo", "jazz")]])
>>> icebreakers(g, "cfo", sources=["me"])
[Icebreaker(teammate='me', interests=('golf', 'jazz'), path_score=0.1)]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from kamgraph.analysis.accounts import team
from kamgraph.analysis.model import kind_of, out_rels
from kamgraph.analysis.paths import search
from kamgraph.analysis.ties import TieIndex, tie_weights
from kamgraph.domain.errors import NotFoundError
from kamgraph.domain.model import NodeKind, RelationshipKind

PATH_HOPS = 4


@dataclass(frozen=True, slots=True)
class Icebreaker:
    teammate: str
    interests: tuple[str, ...]
    path_score: float | None


def icebreakers(g: nx.MultiDiGraph, target: str, sources: Iterable[str] | None = None) -> list[Icebreaker]:
    """The icebreakers for ``target`` (argument ``target``) from ``sources``
    (argument ``from``; default our team). The target itself is never its own icebreaker."""
    kind = kind_of(g, target)
    if kind is not NodeKind.PERSON:
        raise NotFoundError("target", f"no person {target!r}" if kind is None else
                            f"{target!r} is a {kind.label}, not a person")
    people = sorted(set(team(g) if sources is None else sources) - {target})
    theirs = {i for i, _ in out_rels(g, target, RelationshipKind.INTERESTED_IN)}
    index = TieIndex(g, tie_weights(None))
    found = []
    for p in people:
        shared = sorted(i for i, _ in out_rels(g, p, RelationshipKind.INTERESTED_IN) if i in theirs)
        if shared:
            best = search(index, target, [p], PATH_HOPS, 1)
            found.append(Icebreaker(p, tuple(shared), best[0].score if best else None))
    found.sort(key=lambda b: (-len(b.interests), b.path_score is None, -(b.path_score or 0.0), b.teammate))
    return found
