"""Key influencers of an account, buying-centre aware (docs/domain.md, "Key
influencers" and "Key influencers, buying-centre aware").

PageRank (damping 0.85) over the people currently at the account, on the
directed graph with an edge report → manager of weight 1 for each REPORTS_TO
between two of them and, for each KNOWS between two of them, an edge each way
of weight = its strength. Where a pair has both, the weights add up (PageRank of
the multigraph); edges of weight 0 are left out (they carry no rank).

The score is *personalised*: the random surfer teleports (and leaves a person
without edges) to each person in proportion to their teleport weight,
:data:`SENIORITY_WEIGHT` of their seniority (1 without one) plus
:data:`ROLE_WEIGHT` for each buying role they hold on an open opportunity of
the account (one per opportunity and role). With equal weights this is plain
PageRank, which is returned beside the score as ``pagerank``.

>>> from kamgraph.domain.model import Node, NodeKind as N, Relationship, RelationshipKind as K
>>> from kamgraph.analysis.model import build_graph
>>> g = build_graph([Node("acme", N.COMPANY, {"name": "A", "tier": "KEY"})], [
...     Relationship(K.WORKS_AT, p, "acme", {}) for p in ("boss", "a", "b")] + [
...     Relationship(K.REPORTS_TO, "a", "boss", {}), Relationship(K.REPORTS_TO, "b", "boss", {})])
>>> [s.person for s in key_influencers(g, "acme")]
['boss', 'a', 'b']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx

from kamgraph.analysis.accounts import check_account, current_people, is_open, opportunities_of
from kamgraph.analysis.errors import MAX_LIMIT, check_int
from kamgraph.analysis.model import both_rels, in_rels, out_rels, props_of
from kamgraph.analysis.ties import knows_strength
from kamgraph.domain.model import BuyingRole, RelationshipKind

DAMPING = 0.85
#: Teleport weight of each seniority; a person without one weighs 1.
SENIORITY_WEIGHT: Mapping[str, float] = {"C_LEVEL": 5.0, "VP": 4.0, "DIRECTOR": 3.0, "MANAGER": 2.0,
                                         "INDIVIDUAL": 1.0}
NO_SENIORITY_WEIGHT = 1.0
#: Teleport weight added for each buying role held on an open opportunity of the account.
ROLE_WEIGHT = 2.0
_ROLES = frozenset(r.value for r in BuyingRole)


@dataclass(frozen=True, slots=True)
class InfluencerScore:
    """A person's personalised PageRank (``score``) and its parts.

    ``pagerank`` is their plain (uniform-teleport) PageRank; ``roles`` the
    buying roles they hold on open opportunities of the account, one per
    opportunity and role, sorted; ``reports`` how many of the account's people
    report to them directly, ``indirect_reports`` how many more below those;
    ``ties`` how many of the account's people they KNOW (strength > 0).
    """

    person: str
    score: float
    pagerank: float = 0.0
    seniority: str | None = None
    roles: tuple[str, ...] = ()
    reports: int = 0
    indirect_reports: int = 0
    ties: int = 0


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


def buying_roles(g: nx.MultiDiGraph, account: str) -> dict[str, tuple[str, ...]]:
    """Per person, the buying roles they hold on the account's open opportunities
    (one per opportunity and role, sorted); people without any are left out."""
    found: dict[str, list[str]] = {}
    for opp in opportunities_of(g, account):
        if not is_open(g, opp):
            continue
        for person, props in in_rels(g, opp, RelationshipKind.INFLUENCES):
            role = props.get("role")
            if role in _ROLES:
                found.setdefault(person, []).append(role)
    return {p: tuple(sorted(rs)) for p, rs in found.items()}


def teleport_weight(seniority: str | None, roles: int) -> float:
    """Seniority weight + :data:`ROLE_WEIGHT` per role held (before normalising).

    >>> teleport_weight("VP", 1), teleport_weight(None, 0)
    (6.0, 1.0)
    """
    base = SENIORITY_WEIGHT.get(seniority, NO_SENIORITY_WEIGHT) if seniority else NO_SENIORITY_WEIGHT
    return base + ROLE_WEIGHT * roles


def pagerank(d: nx.DiGraph, teleport: Mapping[str, float] | None = None) -> dict[str, float]:
    """networkx PageRank (damping 0.85, by ``weight``), personalised by
    ``teleport`` (weights, normalised by networkx; dangling rank follows it too)."""
    if d.number_of_nodes() == 0:
        return {}
    personal = dict(teleport) if teleport is not None else None
    ranks: dict[str, float] = nx.pagerank(d, alpha=DAMPING, personalization=personal, weight="weight")
    return ranks


def _reports(g: nx.MultiDiGraph, people: list[str]) -> dict[str, tuple[int, int]]:
    """(direct, indirect) reports of each person among ``people`` (a reporting
    cycle is walked once)."""
    here = set(people)
    below: dict[str, list[str]] = {p: [] for p in people}
    for p in people:
        for manager, _ in out_rels(g, p, RelationshipKind.REPORTS_TO):
            if manager in here and manager != p:
                below[manager].append(p)
    out: dict[str, tuple[int, int]] = {}
    for p in people:
        direct = set(below[p])
        seen, todo = set(direct) | {p}, list(direct)
        while todo:
            for r in below[todo.pop()]:
                if r not in seen:
                    seen.add(r)
                    todo.append(r)
        out[p] = (len(direct), len(seen) - len(direct) - 1)
    return out


def key_influencers(g: nx.MultiDiGraph, account: str, limit: int = 10) -> list[InfluencerScore]:
    """The ``limit`` (1..50) people of the account with the highest personalised
    PageRank, highest first (ties by id), each with its parts. Scores (and plain
    PageRanks) over all of the account's people sum to 1.

    ``g`` holds the account's current people with their REPORTS_TO and KNOWS,
    and its opportunities with the INFLUENCES of the open ones.

    Examples
    --------
    >>> from kamgraph.domain.model import Node, NodeKind as N, Relationship, RelationshipKind as K
    >>> from kamgraph.analysis.model import build_graph
    >>> g = build_graph([Node("acme", N.COMPANY, {"name": "A", "status": "CUSTOMER"}),
    ...                  Node("solo", N.PERSON, {"name": "S", "seniority": "VP"})],
    ...                 [Relationship(K.WORKS_AT, "solo", "acme", {})])
    >>> key_influencers(g, "acme")  # doctest: +NORMALIZE_WHITESPACE
    [InfluencerScore(person='solo', score=1.0, pagerank=1.0, seniority='VP', roles=(),
                     reports=0, indirect_reports=0, ties=0)]
    """
    limit = check_int("limit", limit, 1, MAX_LIMIT)
    check_account(g, account)
    d = influence_graph(g, account)
    people = sorted(d.nodes)
    roles = buying_roles(g, account)
    seniority = {p: props_of(g, p).get("seniority") for p in people}
    teleport = {p: teleport_weight(seniority[p], len(roles.get(p, ()))) for p in people}
    ranks = pagerank(d, teleport)
    plain = pagerank(d)
    best = sorted(ranks.items(), key=lambda item: (-item[1], item[0]))[:limit]
    reports = _reports(g, people)
    here = set(people)
    out = []
    for p, s in best:
        direct, indirect = reports[p]
        known = {o for o, props in both_rels(g, p, RelationshipKind.KNOWS)
                 if o in here and o != p and knows_strength(props) > 0}
        out.append(
            InfluencerScore(p, s, plain[p], seniority[p], roles.get(p, ()), direct, indirect, len(known))
        )
    return out
