"""Whitespace of an account (docs/domain.md, "Whitespace").

The products the home company OFFERS that the account does not USE, each scored
by how much the account's peers use it: Σ sim(A, B) over the peers B that use
the product / Σ sim(A, B) over all peers, where sim is the Jaccard similarity of
the used-product sets and the peers are the other accounts with sim > 0. When
the account uses nothing, its peers are the other accounts of its industry, each
with sim 1 (none when it has no industry). Without peers every score is 0.

A usage counts from its ``since`` (a USES without ``since`` always counts): on
``asOf`` (default today) an account uses what it USES since that day or
earlier. Products already proposed on an open opportunity of the account are
left out: they are in play, not whitespace.

>>> from kamgraph.domain.model import Node, NodeKind as N, Relationship, RelationshipKind as K
>>> from kamgraph.analysis.model import build_graph
>>> g = build_graph([Node("us", N.COMPANY, {"name": "Us", "home": True})] + [
...     Node(c, N.COMPANY, {"name": c, "tier": "KEY"}) for c in ("a", "b")], [
...     Relationship(K.OFFERS, "us", "crm", {}), Relationship(K.OFFERS, "us", "erp", {}),
...     Relationship(K.USES, "a", "erp", {}),
...     Relationship(K.USES, "b", "erp", {}), Relationship(K.USES, "b", "crm", {})])
>>> whitespace(g, "a", as_of="2026-01-01")
[WhitespaceItem(product='crm', score=1.0, peers_using=1)]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import networkx as nx

from kamgraph.analysis.accounts import accounts, check_account, home_id, is_open, opportunities_of
from kamgraph.analysis.errors import MAX_FIRST, check_int
from kamgraph.analysis.gaps import parse_as_of
from kamgraph.analysis.model import out_rels, props_of
from kamgraph.domain.model import RelationshipKind


@dataclass(frozen=True, slots=True)
class WhitespaceItem:
    product: str
    score: float
    peers_using: int


def jaccard(a: set[str], b: set[str]) -> float:
    """|a ∩ b| / |a ∪ b| (0 for two empty sets).

    >>> jaccard({"x", "y"}, {"y", "z"})
    0.3333333333333333
    """
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def uses(g: nx.MultiDiGraph, company: str, as_of: str | None = None) -> set[str]:
    """The products the company USES (with ``as_of``, an ISO date: since that day or earlier)."""
    return {
        p for p, props in out_rels(g, company, RelationshipKind.USES)
        if as_of is None or (props.get("since") or as_of) <= as_of
    }


def in_play(g: nx.MultiDiGraph, account: str) -> set[str]:
    """The products proposed on the account's open opportunities."""
    return {
        p for o in opportunities_of(g, account) if is_open(g, o)
        for p, _ in out_rels(g, o, RelationshipKind.PROPOSES)
    }


def peers(g: nx.MultiDiGraph, account: str, as_of: str | None = None) -> dict[str, float]:
    """The account's peers and their similarity to it."""
    mine = uses(g, account, as_of)
    others = [a for a in accounts(g) if a != account]
    if not mine:
        industry = props_of(g, account).get("industry")
        if industry is None:
            return {}
        return {b: 1.0 for b in others if props_of(g, b).get("industry") == industry}
    sims = {b: jaccard(mine, uses(g, b, as_of)) for b in others}
    return {b: s for b, s in sims.items() if s > 0}


def whitespace(
    g: nx.MultiDiGraph, account: str, first: int = 10, as_of: dt.date | str | None = None
) -> list[WhitespaceItem]:
    """The ``first`` (1..500) whitespace products of ``account`` on ``as_of``
    (default today), best first (then by more peers using it, then product id).

    ``g`` holds the home company's OFFERS, the account's USES, its opportunities
    with the PROPOSES of the open ones, and every account that uses one of the
    same products (or, when the account uses nothing, every account of its
    industry) with its USES.
    """
    first = check_int("first", first, 1, MAX_FIRST)
    day = parse_as_of(as_of).isoformat()
    check_account(g, account)
    home = home_id(g)
    offered = sorted(p for p, _ in out_rels(g, home, RelationshipKind.OFFERS)) if home else []
    mine = uses(g, account, day)
    proposed = in_play(g, account)
    sims = peers(g, account, day)
    total = sum(sims.values())
    their = {b: uses(g, b, day) for b in sims}
    items = []
    for product in offered:
        if product in mine or product in proposed:
            continue
        using = [b for b in sims if product in their[b]]
        score = sum(sims[b] for b in using) / total if total > 0 else 0.0
        items.append(WhitespaceItem(product, score, len(using)))
    items.sort(key=lambda i: (-i.score, -i.peers_using, i.product))
    return items[:first]
