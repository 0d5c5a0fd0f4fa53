"""Win/loss (docs/domain.md, "Win/loss").

The closed (WON or LOST) opportunities grouped by competitor (every company
they were AGAINST), by product (every product they PROPOSE) or by industry (the
industry of the account they TARGET). An opportunity counts once in every group
it belongs to; one with no competitor, product or industry is in no group. Per
group: won, lost, win rate = won / (won + lost), and the amount won (a missing
amount counts 0). Rows: most closed opportunities first, then by key.

>>> from kamgraph.domain.model import Node, NodeKind as N, Relationship, RelationshipKind as K
>>> from kamgraph.analysis.model import build_graph
>>> g = build_graph([
...     Node("o1", N.OPPORTUNITY, {"name": "1", "stage": "WON", "amount": 10.0}),
...     Node("o2", N.OPPORTUNITY, {"name": "2", "stage": "LOST"})], [
...     Relationship(K.AGAINST, "o1", "rival", {}), Relationship(K.AGAINST, "o2", "rival", {})])
>>> win_loss(g, "COMPETITOR")
[WinLossRow(key='rival', won=1, lost=1, win_rate=0.5, amount_won=10.0)]
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from kamgraph.analysis.model import nodes_of_kind, out_rels, props_of
from kamgraph.domain.errors import InvalidArgumentError
from kamgraph.domain.model import NodeKind, RelationshipKind, Stage, WinLossGroup


@dataclass(frozen=True, slots=True)
class WinLossRow:
    key: str  # competitor id, product id or industry
    won: int
    lost: int
    win_rate: float | None
    amount_won: float


def parse_group(group_by: WinLossGroup | str) -> WinLossGroup:
    if isinstance(group_by, WinLossGroup):
        return group_by
    try:
        return WinLossGroup(group_by)
    except ValueError:
        rule = f"must be COMPETITOR, PRODUCT or INDUSTRY, got {group_by!r}"
        raise InvalidArgumentError("groupBy", rule) from None


def _keys(g: nx.MultiDiGraph, opp: str, group: WinLossGroup) -> set[str]:
    if group is WinLossGroup.COMPETITOR:
        return {c for c, _ in out_rels(g, opp, RelationshipKind.AGAINST)}
    if group is WinLossGroup.PRODUCT:
        return {p for p, _ in out_rels(g, opp, RelationshipKind.PROPOSES)}
    found = (props_of(g, c).get("industry") for c, _ in out_rels(g, opp, RelationshipKind.TARGETS))
    return {i for i in found if isinstance(i, str)}


def win_loss(g: nx.MultiDiGraph, group_by: WinLossGroup | str) -> list[WinLossRow]:
    """Win/loss of the closed opportunities in ``g`` grouped by ``group_by`` (argument ``groupBy``)."""
    group = parse_group(group_by)
    tally: dict[str, list[float]] = {}
    for opp in nodes_of_kind(g, NodeKind.OPPORTUNITY):
        props = props_of(g, opp)
        stage = props.get("stage")
        if stage not in (Stage.WON.value, Stage.LOST.value):
            continue
        amount = props.get("amount")
        for key in _keys(g, opp, group):
            row = tally.setdefault(key, [0, 0, 0.0])
            if stage == Stage.WON.value:
                row[0] += 1
                row[2] += float(amount) if isinstance(amount, (int, float)) else 0.0
            else:
                row[1] += 1
    rows = [
        WinLossRow(k, int(w), int(lo), w / (w + lo) if w + lo else None, amt)
        for k, (w, lo, amt) in tally.items()
    ]
    rows.sort(key=lambda r: (-(r.won + r.lost), r.key))
    return rows
