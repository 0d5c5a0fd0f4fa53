"""Who is who around an account: home company, our team, accounts, decision-makers.

These are the building blocks the analyses share (docs/domain.md, "Nodes" and
"Decision-makers").

>>> from kamgraph.domain.model import Node, NodeKind, Relationship, RelationshipKind
>>> from kamgraph.analysis.model import build_graph
>>> W = RelationshipKind.WORKS_AT
>>> g = build_graph(
...     [Node("acme", NodeKind.COMPANY, {"name": "Acme", "tier": "KEY"}),
...      Node("ceo", NodeKind.PERSON, {"name": "C", "seniority": "C_LEVEL"}),
...      Node("dev", NodeKind.PERSON, {"name": "D"})],
...     [Relationship(W, "ceo", "acme", {}), Relationship(W, "dev", "acme", {})],
... )
>>> decision_makers(g, "acme")
['ceo']
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from kamgraph.analysis.model import in_rels, is_current, kind_of, nodes_of_kind, out_rels, props_of
from kamgraph.domain.errors import NotFoundError
from kamgraph.domain.model import BuyingRole, NodeKind, RelationshipKind, Stage

DECIDING_SENIORITY = frozenset({"C_LEVEL", "VP"})
DECIDING_ROLES = frozenset({BuyingRole.ECONOMIC_BUYER.value, BuyingRole.TECHNICAL_BUYER.value})
_W = RelationshipKind.WORKS_AT


def home_id(g: nx.MultiDiGraph) -> str | None:
    """The id of the home company (ours) among the graph's companies, if present."""
    for c in nodes_of_kind(g, NodeKind.COMPANY):
        if props_of(g, c).get("home") is True:
            return c
    return None


def is_account(g: nx.MultiDiGraph, company_id: str) -> bool:
    """A company other than the home company that has a tier or a status."""
    if kind_of(g, company_id) is not NodeKind.COMPANY:
        return False
    p = props_of(g, company_id)
    return p.get("home") is not True and (p.get("tier") is not None or p.get("status") is not None)


def accounts(g: nx.MultiDiGraph) -> list[str]:
    """Every account in the graph, sorted by id."""
    return [c for c in nodes_of_kind(g, NodeKind.COMPANY) if is_account(g, c)]


def current_people(g: nx.MultiDiGraph, company_id: str) -> list[str]:
    """The people who currently WORK_AT the company, sorted."""
    return [p for p, props in in_rels(g, company_id, _W) if is_current(props)]


def team(g: nx.MultiDiGraph) -> list[str]:
    """Our team: the people currently at the home company (empty without one)."""
    home = home_id(g)
    return current_people(g, home) if home is not None else []


def is_open(g: nx.MultiDiGraph, opportunity_id: str) -> bool:
    """An opportunity whose stage is neither WON nor LOST."""
    stage = props_of(g, opportunity_id).get("stage")
    return stage is not None and Stage(stage).is_open


def opportunities_of(g: nx.MultiDiGraph, company_id: str) -> list[str]:
    """The opportunities that TARGET the company, sorted."""
    return [o for o, _ in in_rels(g, company_id, RelationshipKind.TARGETS)]


def decision_makers(g: nx.MultiDiGraph, account: str) -> list[str]:
    """The account's decision-makers, sorted by id.

    People currently working there who have ``decisionMaker`` true, or
    seniority C_LEVEL or VP, or an INFLUENCES role of ECONOMIC_BUYER or
    TECHNICAL_BUYER on an open opportunity that targets the account.
    """
    people = current_people(g, account)
    buyers: set[str] = set()
    for opp in opportunities_of(g, account):
        if is_open(g, opp):
            buyers.update(p for p, props in in_rels(g, opp, RelationshipKind.INFLUENCES)
                          if props.get("role") in DECIDING_ROLES)
    found = []
    for p in people:
        props = props_of(g, p)
        if props.get("decisionMaker") is True or props.get("seniority") in DECIDING_SENIORITY or p in buyers:
            found.append(p)
    return found


def competitors(g: nx.MultiDiGraph) -> list[str]:
    """Companies that COMPETE_WITH the home company, sorted."""
    home = home_id(g)
    if home is None:
        return []
    return sorted(
        c for c, _ in out_rels(g, home, RelationshipKind.COMPETES_WITH)
        + in_rels(g, home, RelationshipKind.COMPETES_WITH)
    )


def check_account(g: nx.MultiDiGraph, account: str, argument: str = "account") -> str:
    """``account`` when the graph holds it as an account; else :class:`NotFoundError`."""
    kind = kind_of(g, account)
    if kind is None:
        raise NotFoundError(argument, f"no node {account!r}")
    if not is_account(g, account):
        what = "a company but not an account (home, or no tier or status)" if kind is NodeKind.COMPANY \
            else f"a {kind.label}"
        raise NotFoundError(argument, f"{account!r} is {what}")
    return account


def sorted_ids(ids: Iterable[str]) -> list[str]:
    return sorted(set(ids))
