"""The analyses over each store, through the bounded fetch layer.

Each answer is checked twice: against hand-computed values, and against the
pure analysis run on the WHOLE graph read out of the store — so the bounded
neighbourhood is shown to hold everything the definition needs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import networkx as nx
import pytest

from kamgraph.analysis import (
    competition,
    gaps,
    icebreakers,
    influencers,
    paths,
    priority,
    supply,
    whitespace,
    winloss,
)
from kamgraph.analysis.model import build_graph
from kamgraph.domain.errors import InvalidArgumentError, NotFoundError
from kamgraph.domain.model import BuyingRole, NodeKind, RelationshipKind, TieKind
from kamgraph.insights import service as service
from kamgraph.store.protocol import GraphStore
from tests.contract.support import add, companies, link, people, r


async def _world(store: GraphStore) -> None:
    await companies(store, "us", home=True)
    await companies(store, "rivalco", "steel", "ore")
    await companies(store, "carco", currentSpend=5.0)
    await companies(
        store,
        "acme",
        tier="STRATEGIC",
        status="CUSTOMER",
        currentSpend=100.0,
        potentialSpend=300.0,
        industry="auto",
    )
    await companies(store, "beta", tier="KEY", currentSpend=50.0, potentialSpend=60.0, industry="auto")
    await companies(store, "gamma", status="PROSPECT", industry="auto")
    await people(store, "me", "you", "old", "eng", "buyer")
    await people(store, "ceo", seniority="C_LEVEL")
    await people(store, "cto", decisionMaker=True)
    await add(store, NodeKind.PRODUCT, *({"id": p, "name": p} for p in ("crm", "erp", "bi", "rcrm")))
    await add(store, NodeKind.INTEREST, {"id": "golf", "name": "Golf"}, {"id": "jazz", "name": "Jazz"})
    await add(
        store,
        NodeKind.OPPORTUNITY,
        {"id": "o1", "name": "o1", "stage": "PROPOSAL", "amount": 10.0},
        {"id": "o2", "name": "o2", "stage": "WON", "amount": 20.0},
        {"id": "o3", "name": "o3", "stage": "LOST", "amount": 5.0},
    )
    await link(
        store,
        r("WORKS_AT", "me", "us"),
        r("WORKS_AT", "you", "us"),
        r("WORKS_AT", "old", "us", current=False),
        *(r("WORKS_AT", p, "acme") for p in ("ceo", "cto", "eng", "buyer")),
        r("REPORTS_TO", "eng", "cto"),
        r("REPORTS_TO", "cto", "ceo"),
        r("REPORTS_TO", "buyer", "ceo"),
        r("KNOWS", "me", "ceo", strength=0.8, lastContact="2025-01-10"),
        r("KNOWS", "you", "eng", strength=0.9),
        r("KNOWS", "eng", "cto", strength=0.6),
        r("INTERESTED_IN", "me", "golf"),
        r("INTERESTED_IN", "me", "jazz"),
        r("INTERESTED_IN", "ceo", "golf"),
        r("INTERESTED_IN", "ceo", "jazz"),
        r("INTERESTED_IN", "you", "golf"),
        r("COMPETES_WITH", "rivalco", "us"),
        *(r("OFFERS", "us", p) for p in ("crm", "erp", "bi")),
        r("OFFERS", "rivalco", "rcrm"),
        r("USES", "acme", "erp"),
        r("USES", "acme", "rcrm", contractEnd="2025-06-30", satisfaction=2),
        r("USES", "beta", "erp"),
        r("USES", "beta", "crm"),
        r("USES", "steel", "rcrm"),
        r("TARGETS", "o1", "acme"),
        r("TARGETS", "o2", "acme"),
        r("TARGETS", "o3", "beta"),
        r("AGAINST", "o1", "rivalco"),
        r("AGAINST", "o2", "rivalco"),
        r("AGAINST", "o3", "rivalco"),
        r("PROPOSES", "o1", "crm"),
        r("PROPOSES", "o2", "erp"),
        r("PROPOSES", "o3", "crm"),
        r("INFLUENCES", "buyer", "o1", role="ECONOMIC_BUYER"),
        r("INFLUENCES", "eng", "o1", role="COACH"),
        r("SUPPLIES", "steel", "acme", category="steel"),
        r("SUPPLIES", "acme", "carco", category="parts"),
        r("SUPPLIES", "ore", "steel", category="ore"),
    )


async def whole_graph(store: GraphStore) -> nx.MultiDiGraph:
    nodes = []
    for kind in NodeKind:
        after = None
        while True:
            page = await store.list_nodes(kind, 500, after)
            nodes += page.items
            if not page.has_next:
                break
            after = page.end_cursor
    rels = [x for kind in RelationshipKind async for batch in store.iter_relationships(kind) for x in batch]
    return build_graph(nodes, rels)


@pytest.fixture
async def world(store: GraphStore) -> nx.MultiDiGraph:
    await _world(store)
    return await whole_graph(store)


def people_of(found: list[paths.InfluencePath]) -> list[tuple[tuple[str, ...], float]]:
    return [(p.people, round(p.score, 6)) for p in found]


async def test_influence_paths(store: GraphStore, world: nx.MultiDiGraph) -> None:
    got = await service.influence_paths(store, "cto", limit=5)
    assert people_of(got)[:2] == [(("you", "eng", "cto"), 0.72), (("me", "ceo", "cto"), 0.64)]
    assert got[0].steps[1].tie is TieKind.REPORTS_TO
    assert got == paths.influence_paths(world, "cto", limit=5)
    only_knows = dict.fromkeys(TieKind, 0.0) | {TieKind.KNOWS: 1.0}
    got = await service.influence_paths(store, "cto", ["me", "you"], max_hops=2, ties=only_knows)
    assert people_of(got) == [(("you", "eng", "cto"), 0.54)]


async def test_relationship_gaps(store: GraphStore, world: nx.MultiDiGraph) -> None:
    report = await service.relationship_gaps(store, "acme", as_of="2025-03-01")
    assert report.decision_makers == ("buyer", "ceo", "cto")
    assert report.covered == ("ceo",)
    assert report.coverage == pytest.approx(1 / 3)
    assert (report.threads, report.single_threaded, report.stale) == (2, False, ())
    assert [(u.person, u.best_path and u.best_path.people) for u in report.uncovered] == [
        ("buyer", ("me", "ceo", "buyer")),
        ("cto", ("you", "eng", "cto")),
    ]
    assert [(m.opportunity, m.role) for m in report.missing_roles] == [
        ("o1", BuyingRole.TECHNICAL_BUYER),
        ("o1", BuyingRole.USER_BUYER),
    ]
    assert report == gaps.relationship_gaps(world, "acme", as_of="2025-03-01")
    later = await service.relationship_gaps(store, "acme", as_of="2025-06-01")
    assert later.stale == (gaps.StaleTie("me", "ceo", 0.8, "2025-01-10"),)
    strict = await service.relationship_gaps(store, "acme", min_strength=0.9, as_of="2025-03-01")
    assert (strict.covered, strict.coverage) == ((), 0.0)


async def test_key_influencers_icebreakers_priorities(store: GraphStore, world: nx.MultiDiGraph) -> None:
    top = await service.key_influencers(store, "acme")
    assert top[0].person == "ceo" and top == influencers.key_influencers(world, "acme")
    parts = {s.person: (s.seniority, s.roles, s.reports, s.indirect_reports, s.ties) for s in top}
    assert parts == {
        "ceo": ("C_LEVEL", (), 2, 1, 0),
        "cto": (None, (), 1, 0, 1),
        "eng": (None, ("COACH",), 0, 0, 1),
        "buyer": (None, ("ECONOMIC_BUYER",), 0, 0, 0),
    }
    # teleport weights 5 (ceo), 1 (cto), 3 (eng, buyer): the CEO gains, the CTO loses
    by = {s.person: s for s in top}
    assert by["ceo"].score > by["ceo"].pagerank and by["cto"].score < by["cto"].pagerank
    assert sum(s.score for s in top) == pytest.approx(1.0)
    ice = await service.icebreakers(store, "ceo")
    assert [(b.teammate, b.interests, round(b.path_score or 0, 6)) for b in ice] == [
        ("me", ("golf", "jazz"), 0.8),
        ("you", ("golf",), 0.576),
    ]
    assert ice == icebreakers.icebreakers(world, "ceo")
    prio = await service.account_priorities(store)
    assert [(p.company, round(p.score, 4), p.coverage) for p in prio] == [
        ("acme", 1.0, pytest.approx(1 / 3)),
        ("beta", 0.3425, None),
        ("gamma", 0.05, None),
    ]
    assert prio == priority.account_priorities(world)
    assert [p.company for p in await service.account_priorities(store, first=1)] == ["acme"]


async def test_landscape_windows_and_whitespace_as_of_a_day(store: GraphStore, world: Any) -> None:
    await add(store, NodeKind.PRODUCT, *({"id": p, "name": p} for p in ("rbi", "rold", "rnone")))
    await link(
        store,
        *(r("OFFERS", "rivalco", p) for p in ("rbi", "rold", "rnone")),
        r("USES", "acme", "rbi", contractEnd="2027-01-31"),
        r("USES", "acme", "rold", contractEnd="2024-01-01"),
        r("USES", "acme", "rnone"),
        r("USES", "acme", "bi", since="2025-09-01"),
        r("USES", "gamma", "bi", since="2025-09-01"),
    )
    land = await service.competitive_landscape(store, "acme", as_of="2025-08-01")
    # upcoming windows first, soonest first; then the ended ones; then no contract end
    assert [(i.product, i.ended) for i in land.incumbents] == [
        ("rbi", False), ("rcrm", True), ("rold", True), ("rnone", False),
    ]
    assert land == competition.competitive_landscape(await whole_graph(store), "acme", as_of="2025-08-01")
    # acme uses bi from 2025-09-01: whitespace before that day, not after
    before = await service.whitespace(store, "acme", as_of="2025-08-01")
    after = await service.whitespace(store, "acme", as_of="2025-10-01")
    assert [i.product for i in before] == ["bi"] and after == []
    # gamma used nothing before: its peers were its industry; after, those who share bi
    early = await service.whitespace(store, "gamma", as_of="2025-08-01")
    assert [i.product for i in early] == ["erp", "crm", "bi"]
    assert [(i.product, i.score) for i in await service.whitespace(store, "gamma", as_of="2025-10-01")] == [
        ("erp", 1.0), ("crm", 0.0),
    ]


async def test_competition_supply_whitespace_winloss(store: GraphStore, world: nx.MultiDiGraph) -> None:
    land = await service.competitive_landscape(store, "acme", as_of="2025-03-01")
    assert land.incumbents == (competition.Incumbent("rivalco", "rcrm", "2025-06-30", 2, ended=False),)
    assert (land.in_deals, land.records) == (("rivalco",), (competition.CompetitorRecord("rivalco", 1, 1),))
    assert land == competition.competitive_landscape(world, "acme", as_of="2025-03-01")
    later = await service.competitive_landscape(store, "acme")  # today: the contract has ended
    assert later.incumbents == (competition.Incumbent("rivalco", "rcrm", "2025-06-30", 2, ended=True),)
    chain = await service.supply_chain(store, "acme")
    assert [(x.supplier, x.customer) for x in chain.links] == [
        ("acme", "carco"),
        ("ore", "steel"),
        ("steel", "acme"),
    ]
    assert (chain.companies, chain.single_source) == (("carco", "ore", "steel"), ("acme", "carco", "steel"))
    assert (chain.leverage, chain.exposure) == (("carco",), ("steel",))
    assert chain == supply.supply_chain(world, "acme")
    up = await service.supply_chain(store, "acme", "UPSTREAM", 1)
    assert up.companies == ("steel",) and up == supply.supply_chain(world, "acme", "UPSTREAM", 1)
    # crm is what acme's peer uses, but the open o1 already proposes it: in play, not whitespace
    assert [(i.product, i.score, i.peers_using) for i in await service.whitespace(store, "acme")] == [
        ("bi", 0.0, 0),
    ]
    assert await service.whitespace(store, "acme") == whitespace.whitespace(world, "acme")
    assert [(i.product, i.score) for i in await service.whitespace(store, "gamma")] == [
        ("erp", 1.0),
        ("crm", 0.5),
        ("bi", 0.0),
    ]
    assert await service.whitespace(store, "gamma") == whitespace.whitespace(world, "gamma")
    for group in ("COMPETITOR", "PRODUCT", "INDUSTRY"):
        assert await service.win_loss(store, group) == winloss.win_loss(world, group)
    assert await service.win_loss(store, "COMPETITOR") == [winloss.WinLossRow("rivalco", 1, 1, 0.5, 20.0)]
    assert [(x.key, x.won, x.lost) for x in await service.win_loss(store, "PRODUCT")] == [
        ("crm", 0, 1),
        ("erp", 1, 0),
    ]


Call = Callable[[GraphStore], Awaitable[Any]]


@pytest.mark.parametrize(
    ("call", "error", "argument"),
    [
        (lambda s: service.influence_paths(s, "acme"), NotFoundError, "to"),
        (lambda s: service.influence_paths(s, "cto", ["me", "acme"]), NotFoundError, "from"),
        (lambda s: service.influence_paths(s, "nobody"), NotFoundError, "to"),
        (lambda s: service.influence_paths(s, "cto", max_hops=7), InvalidArgumentError, "maxHops"),
        (lambda s: service.influence_paths(s, "cto", max_hops=0), InvalidArgumentError, "maxHops"),
        (lambda s: service.influence_paths(s, "cto", limit=0), InvalidArgumentError, "limit"),
        (lambda s: service.influence_paths(s, "cto", limit=51), InvalidArgumentError, "limit"),
        (lambda s: service.influence_paths(s, "cto", ties=[("KNOWS", -0.1)]), InvalidArgumentError, "ties"),
        (lambda s: service.influence_paths(s, "cto", ties=[("FRIEND", 1)]), InvalidArgumentError, "ties"),
        (
            lambda s: service.influence_paths(s, "cto", ties=[("KNOWS", 1), ("KNOWS", 2)]),
            InvalidArgumentError,
            "ties",
        ),
        (lambda s: service.relationship_gaps(s, "us"), NotFoundError, "account"),
        (lambda s: service.relationship_gaps(s, "ceo"), NotFoundError, "account"),
        (lambda s: service.key_influencers(s, "steel"), NotFoundError, "account"),
        (lambda s: service.icebreakers(s, "golf"), NotFoundError, "target"),
        (lambda s: service.supply_chain(s, "acme", depth=5), InvalidArgumentError, "depth"),
        (lambda s: service.supply_chain(s, "ceo"), NotFoundError, "company"),
        (lambda s: service.whitespace(s, "rivalco"), NotFoundError, "account"),
        (
            lambda s: service.account_priorities(s, priority.priority_weights(tier=-1)),
            InvalidArgumentError,
            "weights",
        ),
        (lambda s: service.win_loss(s, "REGION"), InvalidArgumentError, "groupBy"),
    ],
)
async def test_bad_arguments_are_errors_naming_the_argument(
    store: GraphStore, world: nx.MultiDiGraph, call: Call, error: type[InvalidArgumentError], argument: str
) -> None:
    with pytest.raises(error) as err:
        await call(store)
    assert err.value.argument == argument


class CountingStore:
    """A store that records every read an analysis makes: which method, which ids, how much came back."""

    READS = frozenset(
        {
            "get_nodes",
            "get_relationships",
            "person_ties",
            "hub_members",
            "tie_skeleton",
            "home_company",
            "opportunities",
            "list_companies",
            "list_people",
            "list_nodes",
        }
    )

    def __init__(self, inner: GraphStore) -> None:
        self.inner = inner
        self.reads: list[tuple[str, str, int]] = []

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self.inner, name)
        if name not in self.READS:
            return attr

        async def counted(*args: Any, **kwargs: Any) -> Any:
            at = len(self.reads)  # in the order asked (reads made together finish in any order)
            self.reads.append((name, repr((args, kwargs)), -1))
            result = await attr(*args, **kwargs)
            self.reads[at] = (name, repr((args, kwargs)), _size(result))
            return result

        return counted


def _size(result: Any) -> int:
    if result is None:
        return 0
    if isinstance(result, list):
        return sum(_size(x) if isinstance(x, list) else 1 for x in result)
    if hasattr(result, "knows"):  # TieEdges
        return len(result.knows) + len(result.reports_to) + len(result.works_at) + len(result.interested_in)
    if hasattr(result, "items"):  # Page
        return len(result.items)
    return 1


async def _crowd(store: GraphStore, n: int) -> None:
    """``n`` people with no tie to anyone of the world: their own company, interest and acquaintances."""
    await companies(store, "bigco", tier="STANDARD")
    await add(store, NodeKind.INTEREST, {"id": "chess", "name": "Chess"})
    ids = [f"x{i:05d}" for i in range(n)]
    await people(store, *ids)
    await link(
        store,
        *(r("WORKS_AT", p, "bigco") for p in ids),
        *(r("KNOWS", a, b, strength=0.7) for a, b in zip(ids, ids[1:], strict=False)),
        *(r("INTERESTED_IN", p, "chess") for p in ids[::10]),
    )


@pytest.mark.slow
async def test_analyses_read_only_their_neighbourhood(store: GraphStore, world: nx.MultiDiGraph) -> None:
    async def reads() -> tuple[list[Any], list[tuple[str, str, int]]]:
        counting = CountingStore(store)
        found: list[Any] = []
        found.append(await service.influence_paths(counting, "cto", limit=5))  # type: ignore[arg-type]
        found.append(await service.influence_paths(counting, "buyer", ["you"], max_hops=6))  # type: ignore[arg-type]
        found.append(await service.relationship_gaps(counting, "acme", as_of="2025-03-01"))  # type: ignore[arg-type]
        found.append(await service.key_influencers(counting, "acme"))  # type: ignore[arg-type]
        found.append(await service.icebreakers(counting, "ceo"))  # type: ignore[arg-type]
        found.append(await service.supply_chain(counting, "acme", depth=4))  # type: ignore[arg-type]
        found.append(await service.competitive_landscape(counting, "acme"))  # type: ignore[arg-type]
        return found, counting.reads

    before = await reads()
    assert len(before[1]) > 5
    await _crowd(store, 10_000)
    after = await reads()
    assert after == before  # the same answers from the very same reads
