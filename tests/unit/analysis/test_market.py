"""Competitive landscape, supply chain, whitespace, win/loss and icebreakers on hand-built graphs."""

from __future__ import annotations

from typing import Any

import pytest

from kamgraph.analysis.competition import competitive_landscape
from kamgraph.analysis.icebreakers import icebreakers
from kamgraph.analysis.supply import supply_chain
from kamgraph.analysis.whitespace import whitespace
from kamgraph.analysis.winloss import WinLossRow, win_loss
from kamgraph.domain.errors import InvalidArgumentError, NotFoundError
from kamgraph.domain.model import Direction
from kamgraph.domain.model import NodeKind as N
from kamgraph.domain.model import RelationshipKind as K


def test_competitive_landscape(facts: Any) -> None:
    f = facts.company("us", home=True).company("acme", tier="KEY").company("other", tier="KEY")
    f.rel(K.COMPETES_WITH, "r1", "us").rel(K.COMPETES_WITH, "us", "r2")
    f.rel(K.OFFERS, "r1", "p1").rel(K.OFFERS, "r2", "p2").rel(K.OFFERS, "r2", "p1")
    f.rel(K.OFFERS, "friend", "p3")
    f.rel(K.USES, "acme", "p1", contractEnd="2026-01-01", satisfaction=3).rel(K.USES, "acme", "p2")
    f.rel(K.USES, "acme", "p3", contractEnd="2025-01-01")
    for i, (stage, target, against) in enumerate([
        ("PROPOSAL", "acme", ["r1", "r2"]), ("WON", "other", ["r1"]), ("LOST", "other", ["r1", "r2"]),
        ("LOST", "acme", ["r2"]), ("QUALIFYING", "other", ["r1"]),
    ]):
        f.node(N.OPPORTUNITY, f"o{i}", stage=stage).rel(K.TARGETS, f"o{i}", target)
        for c in against:
            f.rel(K.AGAINST, f"o{i}", c)
    land = competitive_landscape(f.graph(), "acme")
    assert [(i.competitor, i.product, i.contract_end) for i in land.incumbents] == [
        ("r1", "p1", "2026-01-01"), ("r2", "p1", "2026-01-01"), ("r2", "p2", None)]
    assert land.incumbents[0].satisfaction == 3
    assert land.in_deals == ("r1", "r2")
    assert [(x.competitor, x.won, x.lost) for x in land.records] == [("r1", 1, 1), ("r2", 0, 2)]


def chain(facts: Any) -> Any:
    f = facts.company("us", home=True).company("acme").company("c1", status="CUSTOMER")
    f.company("s2", currentSpend=1.0)
    f.rel(K.COMPETES_WITH, "rival", "us").rel(K.OFFERS, "rival", "rp")
    f.rel(K.SUPPLIES, "s1", "acme", category="chips").rel(K.SUPPLIES, "s2", "acme", category="chips")
    f.rel(K.SUPPLIES, "s3", "acme")  # no category: its own
    f.rel(K.SUPPLIES, "s0", "s1", category="sand").rel(K.SUPPLIES, "far", "s0")
    f.rel(K.SUPPLIES, "acme", "c1", category="boards")
    f.rel(K.SUPPLIES, "c1", "acme", category="scrap")  # a loop
    f.rel(K.SUPPLIES, "c1", "c2").rel(K.USES, "c2", "rp").rel(K.USES, "acme", "rp")
    return f


def test_supply_chain_depth_direction_and_flags(facts: Any) -> None:
    g = chain(facts).graph()
    sc = supply_chain(g, "acme")
    assert sc.companies == ("c1", "c2", "s0", "s1", "s2", "s3")
    assert ("far", "s0") not in [(x.supplier, x.customer) for x in sc.links]
    assert ("c1", "acme") in [(x.supplier, x.customer) for x in sc.links]
    # acme: scrap from c1 alone (and one uncategorised s3); c1 and c2: acme; s1: sand from s0
    assert sc.single_source == ("acme", "c1", "c2", "s0", "s1")  # s0: one uncategorised supplier
    assert sc.leverage == ("c1", "s2")
    assert sc.exposure == ("c2",)  # acme itself is not in its chain
    up = supply_chain(g, "acme", Direction.UPSTREAM, 3)
    assert up.companies == ("c1", "far", "s0", "s1", "s2", "s3")
    down = supply_chain(g, "acme", "DOWNSTREAM", 1)
    assert down.companies == ("c1",)
    with pytest.raises(InvalidArgumentError):
        supply_chain(g, "acme", depth=5)
    with pytest.raises(InvalidArgumentError):
        supply_chain(g, "acme", "SIDEWAYS")
    with pytest.raises(NotFoundError):
        supply_chain(g, "rp")


def test_whitespace_weights_peers_by_similarity(facts: Any) -> None:
    f = facts.company("us", home=True).company("a", tier="KEY", industry="auto")
    f.company("b", tier="KEY").company("c", status="CUSTOMER").company("d", tier="KEY", industry="auto")
    f.company("nonaccount")
    for p in ("x", "y", "z", "w"):
        f.rel(K.OFFERS, "us", p)
    f.rel(K.USES, "a", "x").rel(K.USES, "a", "q")
    f.rel(K.USES, "b", "x").rel(K.USES, "b", "y")  # sim 1/3
    f.rel(K.USES, "c", "x").rel(K.USES, "c", "q").rel(K.USES, "c", "z")  # sim 2/3
    f.rel(K.USES, "nonaccount", "x").rel(K.USES, "nonaccount", "w")
    g = f.graph()
    got = [(i.product, round(i.score, 6), i.peers_using) for i in whitespace(g, "a")]
    assert got == [("z", round(2 / 3, 6), 1), ("y", round(1 / 3, 6), 1), ("w", 0.0, 0)]
    # d uses nothing: its peers are the accounts of its industry (a), each with sim 1
    assert [(i.product, i.score) for i in whitespace(g, "d", first=2)] == [("x", 1.0), ("w", 0.0)]


def test_whitespace_without_peers_scores_zero(facts: Any) -> None:
    g = facts.company("us", home=True).company("a", tier="KEY").rel(K.OFFERS, "us", "x").graph()
    assert [(i.product, i.score) for i in whitespace(g, "a")] == [("x", 0.0)]


def test_win_loss_groups(facts: Any) -> None:
    f = facts.company("a", industry="auto").company("b", industry="bank").company("c")
    rows = [("WON", 10.0, "a", ["r1", "r2"], ["p"]), ("LOST", 5.0, "a", ["r1"], ["p", "q"]),
            ("WON", None, "b", [], ["q"]), ("PROPOSAL", 7.0, "b", ["r1"], ["p"]),
            ("LOST", 1.0, "c", ["r2"], [])]
    for i, (stage, amount, target, against, products) in enumerate(rows):
        f.node(N.OPPORTUNITY, f"o{i}", stage=stage, **({"amount": amount} if amount else {}))
        f.rel(K.TARGETS, f"o{i}", target)
        for x in against:
            f.rel(K.AGAINST, f"o{i}", x)
        for x in products:
            f.rel(K.PROPOSES, f"o{i}", x)
    g = f.graph()
    assert win_loss(g, "COMPETITOR") == [WinLossRow("r1", 1, 1, 0.5, 10.0), WinLossRow("r2", 1, 1, 0.5, 10.0)]
    assert win_loss(g, "PRODUCT") == [WinLossRow("p", 1, 1, 0.5, 10.0), WinLossRow("q", 1, 1, 0.5, 0.0)]
    assert win_loss(g, "INDUSTRY") == [
        WinLossRow("auto", 1, 1, 0.5, 10.0), WinLossRow("bank", 1, 0, 1.0, 0.0)]
    with pytest.raises(InvalidArgumentError) as err:
        win_loss(g, "REGION")
    assert err.value.argument == "groupBy"


def test_icebreakers_order_by_shared_interests_then_path(facts: Any) -> None:
    f = facts.company("us", home=True)
    for p in ("me", "you", "them", "t"):
        f.rel(K.WORKS_AT, p, "us" if p != "t" else "acme")
    likes = [("t", "golf"), ("t", "jazz"), ("me", "golf"), ("you", "golf"), ("you", "jazz"),
             ("them", "jazz"), ("me", "chess")]
    for p, i in likes:
        f.rel(K.INTERESTED_IN, p, i)
    g = f.rel(K.KNOWS, "me", "t", strength=0.9).graph()
    got = [(b.teammate, b.interests, round(b.path_score or 0, 6)) for b in icebreakers(g, "t")]
    # you: 2 shared; me and them: 1 each, me with the better path (KNOWS 0.9 vs shared interest 0.1)
    assert got == [("you", ("golf", "jazz"), 0.27), ("me", ("golf",), 0.9), ("them", ("jazz",), 0.27)]
    assert [b.teammate for b in icebreakers(g, "t", sources=["them", "t"])] == ["them"]
    with pytest.raises(NotFoundError) as err:
        icebreakers(g, "golf")
    assert err.value.argument == "target"
