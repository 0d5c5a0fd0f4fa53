"""The synthetic data agrees with itself: money, statuses, deals, supply chains
and influence follow the rules of :mod:`kamgraph.synth.economy`, on the demo and
on ``kamgraph generate`` output."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest

from kamgraph.analysis.accounts import accounts
from kamgraph.analysis.influencers import key_influencers
from kamgraph.analysis.model import build_graph
from kamgraph.analysis.supply import supply_chain
from kamgraph.domain.model import Direction, NodeKind
from kamgraph.domain.rules import validate_nodes, validate_relationships
from kamgraph.io.formats import is_node
from kamgraph.synth import demo
from kamgraph.synth.economy import SUPPLY_TABLE
from kamgraph.synth.generator import REFERENCE_DATE, generate

Record = dict[str, Any]
OPEN = {"PROSPECTING", "QUALIFYING", "PROPOSAL", "NEGOTIATION"}
SENIOR = {"C_LEVEL", "VP", "DIRECTOR"}


def _demo() -> list[Record]:
    return demo.demo_records()


def _generated() -> list[Record]:
    return list(generate(1500, seed=5))


def _generated_other() -> list[Record]:
    return list(generate(600, seed=23))


@pytest.fixture(
    scope="module", params=[_demo, _generated, _generated_other], ids=["demo", "gen1500", "gen600"]
)
def records(request: pytest.FixtureRequest) -> list[Record]:
    return request.param()  # type: ignore[no-any-return]


class World:
    def __init__(self, records: list[Record]) -> None:
        self.nodes = {r["id"]: r for r in records if is_node(r)}
        self.rels: dict[str, list[Record]] = defaultdict(list)
        for r in records:
            if not is_node(r):
                self.rels[r["kind"]].append(r)
        home = next(n for n in self.nodes.values() if n.get("home"))
        self.home = home["id"]
        self.ours = {r["to"] for r in self.rels["OFFERS"] if r["from"] == self.home}
        self.accounts = [
            n for n in self.nodes.values()
            if n["kind"] == "COMPANY" and not n.get("home") and ("tier" in n or "status" in n)
        ]
        self.uses: dict[str, list[Record]] = defaultdict(list)
        for r in self.rels["USES"]:
            self.uses[r["from"]].append(r)
        self.deals: dict[str, list[Record]] = defaultdict(list)
        for r in self.rels["TARGETS"]:
            self.deals[r["to"]].append(self.nodes[r["from"]])
        self.proposes: dict[str, set[str]] = defaultdict(set)
        for r in self.rels["PROPOSES"]:
            self.proposes[r["from"]].add(r["to"])
        self.team = {r["from"] for r in self.rels["WORKS_AT"] if r["to"] == self.home and r["current"]}


@pytest.fixture(scope="module")
def world(records: list[Record]) -> World:
    return World(records)


def test_current_spend_is_what_the_account_uses_of_ours(world: World) -> None:
    for a in world.accounts:
        ours = [u for u in world.uses[a["id"]] if u["to"] in world.ours]
        assert a["currentSpend"] == pytest.approx(sum(u["spend"] for u in ours)), a["id"]
        assert a["potentialSpend"] >= a["currentSpend"], a["id"]


def test_status_follows_from_deals_and_usage(world: World) -> None:
    seen = set()
    for a in world.accounts:
        using = any(u["to"] in world.ours for u in world.uses[a["id"]])
        won = any(o["stage"] == "WON" for o in world.deals[a["id"]])
        expected = "CUSTOMER" if using else ("FORMER" if won else "PROSPECT")
        assert a["status"] == expected, a["id"]
        seen.add(expected)
    assert seen == {"CUSTOMER", "PROSPECT", "FORMER"}


def test_a_won_deal_is_in_use_from_its_close_date_unless_lost_again(world: World) -> None:
    for a in world.accounts:
        used = {u["to"]: u for u in world.uses[a["id"]]}
        deals = world.deals[a["id"]]
        for o in deals:
            if o["stage"] != "WON":
                continue
            for p in world.proposes[o["id"]]:
                lost_later = any(
                    x["stage"] == "LOST" and p in world.proposes[x["id"]] and x["closeDate"] > o["closeDate"]
                    for x in deals
                )
                if lost_later:
                    continue
                assert p in used, (a["id"], o["id"], p)
                assert used[p]["since"] <= o["closeDate"], (a["id"], o["id"], p)
        for o in deals:
            if o["stage"] in OPEN:
                assert not world.proposes[o["id"]] & used.keys(), (a["id"], o["id"])
            elif o["stage"] == "WON":
                assert o["closeDate"] <= REFERENCE_DATE.isoformat()


def test_supplies_run_between_industries_that_trade_with_consistent_shares(world: World) -> None:
    trade = {(s, c, cat) for s, rows in SUPPLY_TABLE.items() for c, cat in rows}
    shares: dict[tuple[str, str], list[float]] = defaultdict(list)
    assert world.rels["SUPPLIES"]
    for r in world.rels["SUPPLIES"]:
        supplier, customer = world.nodes[r["from"]], world.nodes[r["to"]]
        assert (supplier["industry"], customer["industry"], r["category"]) in trade, r
        shares[(r["to"], r["category"])].append(r["share"])
    for key, found in shares.items():
        assert sum(found) == pytest.approx(1.0, abs=0.005), key
        if len(found) == 1:
            assert found == [1.0], key
    assert any(len(v) == 1 for v in shares.values()) and any(len(v) > 1 for v in shares.values())


def test_single_source_flags_only_a_single_supplier_with_the_whole_share(world: World) -> None:
    g = _graph(world)
    by_pair: dict[tuple[str, str], list[float]] = defaultdict(list)
    for r in world.rels["SUPPLIES"]:
        by_pair[(r["to"], r["category"])].append(r["share"])
    for company in sorted({r["to"] for r in world.rels["SUPPLIES"]})[:15]:
        chain = supply_chain(g, company, Direction.UPSTREAM, 1)
        for flagged in chain.single_source:
            assert any(v == [1.0] for (c, _), v in by_pair.items() if c == flagged), flagged


def test_influence_is_where_the_deciding_is(world: World) -> None:
    champions = {r["from"] for r in world.rels["INFLUENCES"] if r.get("stance") == "CHAMPION"}
    assert champions
    ends = [(r["from"], r["to"]) for r in world.rels["KNOWS"]]
    known_by_us = {p for a, b in ends for x, p in ((a, b), (b, a)) if x in world.team}
    assert champions <= known_by_us
    economic = {r["from"] for r in world.rels["INFLUENCES"] if r["role"] == "ECONOMIC_BUYER"}
    assert all(world.nodes[p]["seniority"] in ("C_LEVEL", "VP") for p in economic)
    knows_anyone = {p for r in world.rels["KNOWS"] for p in (r["from"], r["to"])}
    people = [n["id"] for n in world.nodes.values() if n["kind"] == "PERSON"]
    unknown = [p for p in people if p not in knows_anyone]
    assert 0 < len(unknown) < 0.05 * len(people)


def _graph(world: World) -> Any:
    by_kind: dict[str, list[Record]] = defaultdict(list)
    for n in world.nodes.values():
        by_kind[n["kind"]].append(n)
    nodes = [x for k, items in by_kind.items() for x in validate_nodes(NodeKind(k), items)]
    rels = validate_relationships([r for items in world.rels.values() for r in items])
    return build_graph(nodes, rels)


def test_the_top_influencer_of_every_account_is_senior_or_in_the_buying_centre(world: World) -> None:
    g = _graph(world)
    for account in accounts(g):
        top = key_influencers(g, account, limit=1)
        if top:
            assert top[0].seniority in SENIOR or top[0].roles, (account, top[0])
