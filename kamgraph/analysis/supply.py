"""Supply chain of a company (docs/domain.md, "Supply chain").

Suppliers (upstream) and customers (downstream) along SUPPLIES, up to ``depth``
steps (default 2, at most 4). The *chain* is the companies reached, not the
company itself. Single-source: a company — the company itself or one in the
chain — that has exactly one supplier in a category (over all its suppliers; a
link without a category is a category of its own). Leverage: companies of the
chain that are our customers (status CUSTOMER or currentSpend > 0). Exposure:
companies of the chain that USE a product a competitor OFFERS.

>>> from kamgraph.domain.model import Node, NodeKind as N, Relationship, RelationshipKind as K
>>> from kamgraph.analysis.model import build_graph
>>> g = build_graph([Node("acme", N.COMPANY, {"name": "Acme"})], [
...     Relationship(K.SUPPLIES, "steelco", "acme", {"category": "steel"}),
...     Relationship(K.SUPPLIES, "acme", "carco", {"category": "parts"}),
...     Relationship(K.SUPPLIES, "mine", "steelco", {"category": "ore"})])
>>> c = supply_chain(g, "acme", depth=1)
>>> c.companies, c.single_source
(('carco', 'steelco'), ('acme', 'carco', 'steelco'))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kamgraph.analysis.accounts import competitors
from kamgraph.analysis.errors import MAX_DEPTH, check_int
from kamgraph.analysis.model import in_rels, kind_of, out_rels, props_of
from kamgraph.domain.errors import InvalidArgumentError, NotFoundError
from kamgraph.domain.model import Direction, NodeKind, RelationshipKind

_S = RelationshipKind.SUPPLIES


@dataclass(frozen=True, slots=True)
class SupplyLink:
    supplier: str
    customer: str
    category: str | None
    share: float | None
    since: str | None


@dataclass(frozen=True, slots=True)
class SupplyChain:
    company: str
    links: tuple[SupplyLink, ...]
    companies: tuple[str, ...]
    single_source: tuple[str, ...]
    leverage: tuple[str, ...]
    exposure: tuple[str, ...]


def parse_direction(direction: Direction | str) -> Direction:
    """``direction`` as a :class:`~kamgraph.domain.model.Direction` (argument ``direction``)."""
    if isinstance(direction, Direction):
        return direction
    try:
        return Direction(direction)
    except ValueError:
        rule = f"must be UPSTREAM, DOWNSTREAM or BOTH, got {direction!r}"
        raise InvalidArgumentError("direction", rule) from None


def check_company(g: nx.MultiDiGraph, company: str, argument: str = "company") -> str:
    kind = kind_of(g, company)
    if kind is not NodeKind.COMPANY:
        raise NotFoundError(argument, f"no company {company!r}" if kind is None else
                            f"{company!r} is a {kind.label}, not a company")
    return company


def walk(
    g: nx.MultiDiGraph, company: str, direction: Direction, depth: int
) -> tuple[dict[tuple[str, str], Mapping[str, Any]], set[str]]:
    """The SUPPLIES links found within ``depth`` steps, and the companies reached."""
    links: dict[tuple[str, str], Mapping[str, Any]] = {}
    reached: set[str] = set()
    for up in (True, False):
        if direction is (Direction.DOWNSTREAM if up else Direction.UPSTREAM):
            continue
        seen, frontier = {company}, [company]
        for _ in range(depth):
            nxt = []
            for c in frontier:
                for other, props in (in_rels(g, c, _S) if up else out_rels(g, c, _S)):
                    links[(other, c) if up else (c, other)] = props
                    if other not in seen:
                        seen.add(other)
                        nxt.append(other)
            frontier = nxt
        reached |= seen
    reached.discard(company)
    return links, reached


def is_single_sourced(g: nx.MultiDiGraph, company: str) -> bool:
    """Whether the company has exactly one supplier in some category."""
    per_category: dict[str | None, int] = {}
    for _, props in in_rels(g, company, _S):
        cat = props.get("category")
        per_category[cat] = per_category.get(cat, 0) + 1
    return 1 in per_category.values()


def supply_chain(
    g: nx.MultiDiGraph, company: str, direction: Direction | str = Direction.BOTH, depth: int = 2
) -> SupplyChain:
    """The supply chain of ``company`` (argument ``company``) to ``depth`` (1..4).

    ``g`` holds the SUPPLIES within ``depth`` of the company, every SUPPLIES into
    the companies reached, their USES, the OFFERS of those products and the home
    company's COMPETES_WITH. Links are sorted by (supplier, customer), companies by id.
    """
    depth = check_int("depth", depth, 1, MAX_DEPTH)
    d = parse_direction(direction)
    check_company(g, company)
    links, reached = walk(g, company, d, depth)
    rivals = set(competitors(g))
    chain = sorted(reached)

    def is_customer(c: str) -> bool:
        p = props_of(g, c)
        spend = p.get("currentSpend")
        return p.get("status") == "CUSTOMER" or (isinstance(spend, (int, float)) and spend > 0)

    def is_exposed(c: str) -> bool:
        return any(
            o in rivals
            for product, _ in out_rels(g, c, RelationshipKind.USES)
            for o, _ in in_rels(g, product, RelationshipKind.OFFERS)
        )

    return SupplyChain(
        company=company,
        links=tuple(
            SupplyLink(s, c, p.get("category"), p.get("share"), p.get("since"))
            for (s, c), p in sorted(links.items())
        ),
        companies=tuple(chain),
        single_source=tuple(c for c in sorted([company, *chain]) if is_single_sourced(g, c)),
        leverage=tuple(c for c in chain if is_customer(c)),
        exposure=tuple(c for c in chain if is_exposed(c)),
    )
