"""Competitive landscape of an account (docs/domain.md, "Competitive landscape").

Incumbents: the products the account USES that a competitor (a company that
COMPETES_WITH the home company) OFFERS, each ``ended`` when its contractEnd is
before ``asOf`` (default today). The displacement windows still ahead come
first, soonest first; then the ended ones, most recently ended first (a
contract that ended and is still used has rolled over without us: a window
missed, not one to plan for); a usage without contractEnd comes last. In deals: every
company named by AGAINST on an opportunity targeting the account. Records: for
each of those, the WON and LOST opportunities against it across all accounts
(an opportunity against two competitors counts for both).

>>> from kamgraph.domain.model import Node, NodeKind as N, Relationship, RelationshipKind as K
>>> from kamgraph.analysis.model import build_graph
>>> g = build_graph([Node("us", N.COMPANY, {"name": "Us", "home": True}),
...                  Node("acme", N.COMPANY, {"name": "Acme", "tier": "KEY"})], [
...     Relationship(K.COMPETES_WITH, "rival", "us", {}),
...     Relationship(K.OFFERS, "rival", "crm", {}),
...     Relationship(K.USES, "acme", "crm", {"contractEnd": "2026-03-31"})])
>>> competitive_landscape(g, "acme", as_of="2026-01-01").incumbents  # doctest: +NORMALIZE_WHITESPACE
(Incumbent(competitor='rival', product='crm', contract_end='2026-03-31', satisfaction=None,
           ended=False),)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import networkx as nx

from kamgraph.analysis.accounts import check_account, competitors, opportunities_of
from kamgraph.analysis.gaps import parse_as_of
from kamgraph.analysis.model import in_rels, out_rels, props_of
from kamgraph.domain.model import RelationshipKind, Stage


@dataclass(frozen=True, slots=True)
class Incumbent:
    competitor: str
    product: str
    contract_end: str | None
    satisfaction: int | None
    ended: bool = False


@dataclass(frozen=True, slots=True)
class CompetitorRecord:
    competitor: str
    won: int
    lost: int


@dataclass(frozen=True, slots=True)
class CompetitiveLandscape:
    account: str
    incumbents: tuple[Incumbent, ...]
    in_deals: tuple[str, ...]
    records: tuple[CompetitorRecord, ...]


def _window_order(i: Incumbent) -> tuple[int, int, str, str]:
    """Upcoming windows (soonest first), then ended ones (latest first), then no contractEnd."""
    if i.contract_end is None:
        return (2, 0, i.competitor, i.product)
    day = dt.date.fromisoformat(i.contract_end).toordinal()
    return (1, -day, i.competitor, i.product) if i.ended else (0, day, i.competitor, i.product)


def competitive_landscape(
    g: nx.MultiDiGraph, account: str, as_of: dt.date | str | None = None
) -> CompetitiveLandscape:
    """Incumbents, competitors in the account's deals, and our record against each.

    ``as_of`` (a date or ISO text; default today) tells which contracts have
    ended (``contractEnd`` before it).

    ``g`` holds the account's USES, the OFFERS of those products, the home
    company's COMPETES_WITH, the account's opportunities with their AGAINST, and
    every opportunity AGAINST those competitors with its stage.
    """
    day = parse_as_of(as_of).isoformat()
    check_account(g, account)
    rivals = set(competitors(g))
    incumbents = []
    for product, usage in out_rels(g, account, RelationshipKind.USES):
        for company, _ in in_rels(g, product, RelationshipKind.OFFERS):
            if company in rivals:
                end, sat = usage.get("contractEnd"), usage.get("satisfaction")
                incumbents.append(Incumbent(company, product, end, sat, end is not None and end < day))
    incumbents.sort(key=_window_order)
    opps = opportunities_of(g, account)
    in_deals = sorted({c for o in opps for c, _ in out_rels(g, o, RelationshipKind.AGAINST)})
    records = []
    for c in in_deals:
        stages = [props_of(g, o).get("stage") for o, _ in in_rels(g, c, RelationshipKind.AGAINST)]
        records.append(CompetitorRecord(c, stages.count(Stage.WON.value), stages.count(Stage.LOST.value)))
    return CompetitiveLandscape(account, tuple(incumbents), tuple(in_deals), tuple(records))
