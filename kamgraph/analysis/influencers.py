"""Key influencers of an account (docs/domain.md, "Key influencers").

PageRank (damping 0.85) over the people currently at the account, on the
directed graph with an edge report → manager of weight 1 for each REPORTS_TO
between two of them and, for each KNOWS between two of them, an edge each way
of weight = its strength. Where a pair has both, the weights add up (PageRank of
the multigraph); edges of weight 0 are left out (they carry no rank).

>>> from kamgraph.domain.model import Node, NodeKind as N, Relationship, RelationshipKind as K
>>> from kamgraph.analysis.model import build_graph
>>> g = build_graph([Node("acme", N.COMPANY, {"name": "A", "tier": "KEY"})], [
...     Relationship(K.WORKS_AT, p, "acme", {}) for p in ("boss", "a", "b")] + [
...     Relationship(K.REPORTS_TO, "a", "boss", {}), Relationship(K.REPORTS_TO, "b", "boss", {})])
>>> [s.person for s in key_influencers(g, "acme")]
['boss', 'a', 'b']
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from kamgraph.analysis.accounts import check_account, current_people
from kamgraph.analysis.errors import MAX_LIMIT, check_int
from kamgraph.analysis.model import both_rels, out_rels
from kamgraph.analysis.ties import knows_strength
from kamgraph.domain.model import RelationshipKind

DAMPING = 0.85


@dataclass(frozen=True, slots=True)
class InfluencerScore:
    person: str
    score: float


def influence_graph(g: nx.MultiDiGraph, account: str) -> nx.DiGraph:
    """The weighted directed graph among the account's current people that the
    definition names (parallel edges merged by adding their weights)."""
    people = current_people(g, account)
    here = set(people)
    d = nx.DiGraph()
    d.add_nodes_from(people)

    def add(a: str, b: str, w: float) -> None:
        if a == b or w <= 0:
            return
        if d.has_edge(a, b):
            d[a][b]["weight"] += w
        else:
            d.add_edge(a, b, weight=w)

    for p in people:
        for manager, _ in out_rels(g, p, RelationshipKind.REPORTS_TO):
            if manager in here:
                add(p, manager, 1.0)
        for other, props in both_rels(g, p, RelationshipKind.KNOWS):
            if other in here and p < other:
                s = knows_strength(props)
                add(p, other, s)
                add(other, p, s)
    return d


def pagerank(d: nx.DiGraph) -> dict[str, float]:
    """networkx PageRank (damping 0.85, by ``weight``); pure Python without SciPy."""
    if d.number_of_nodes() == 0:
        return {}
    try:
        ranks: dict[str, float] = nx.pagerank(d, alpha=DAMPING, weight="weight")
    except ImportError:  # networkx's default implementation needs NumPy and SciPy
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

        ranks = _pagerank_python(d, alpha=DAMPING, weight="weight")
    return ranks


def key_influencers(g: nx.MultiDiGraph, account: str, limit: int = 10) -> list[InfluencerScore]:
    """The ``limit`` (1..50) people of the account with the highest PageRank, highest
    first (ties by id). Scores over all of the account's people sum to 1.

    Examples
    --------
    >>> from kamgraph.domain.model import Node, NodeKind as N, Relationship, RelationshipKind as K
    >>> from kamgraph.analysis.model import build_graph
    >>> g = build_graph([Node("acme", N.COMPANY, {"name": "A", "status": "CUSTOMER"})],
    ...                 [Relationship(K.WORKS_AT, "solo", "acme", {})])
    >>> key_influencers(g, "acme")
    [InfluencerScore(person='solo', score=1.0)]
    """
    limit = check_int("limit", limit, 1, MAX_LIMIT)
    check_account(g, account)
    ranks = pagerank(influence_graph(g, account))
    best = sorted(ranks.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return [InfluencerScore(p, s) for p, s in best]
