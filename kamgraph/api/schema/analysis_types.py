"""The GraphQL types of the analyses' results (meaning: docs/domain.md, docs/analyses.md).

Each type is thin: it holds the result dataclass of :mod:`kamgraph.analysis`
(ids and numbers) and resolves the nodes it names — ``Person``, ``Company``,
``Opportunity``, ``Product``, ``Interest``, and ``via: Node`` — through the
request's DataLoaders, so a result naming fifty people costs one batched read
per level of the query, not fifty. Dates (kept as ISO strings by the analyses)
are served as the ``Date`` scalar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TypeVar

import strawberry

from kamgraph.analysis import competition, gaps, icebreakers, influencers, paths, priority, supply
from kamgraph.analysis import whitespace as ws
from kamgraph.analysis import winloss as wl
from kamgraph.api.loaders import Info
from kamgraph.api.schema.enums import BuyingRole, Seniority, TieKind
from kamgraph.api.schema.fields import field
from kamgraph.api.schema.types import (
    Company,
    DanglingReferenceError,
    Interest,
    NodeType,
    Opportunity,
    Person,
    Product,
    SupplyLink,
    wrap,
)
from kamgraph.domain import model as domain

N = TypeVar("N", bound=NodeType)

_CLASS_KIND: dict[type[NodeType], domain.NodeKind] = {
    Company: domain.NodeKind.COMPANY,
    Person: domain.NodeKind.PERSON,
    Interest: domain.NodeKind.INTEREST,
    Product: domain.NodeKind.PRODUCT,
    Opportunity: domain.NodeKind.OPPORTUNITY,
}


async def load_all(info: Info, ids: Sequence[str], cls: type[N]) -> list[N]:
    """The nodes of ``ids`` as ``cls``, in order, in one batched read.

    An analysis names only nodes it has just read, so a missing one was
    deleted meanwhile: that is an error, not a silent hole.
    """
    found = await info.context.loaders.nodes.load_many(list(ids))
    kind = _CLASS_KIND[cls]
    out: list[N] = []
    for node_id, node in zip(ids, found, strict=True):
        if node is None or node.kind is not kind:
            raise DanglingReferenceError(f"no {kind.value.lower()} has id {node_id!r}")
        out.append(cls.from_node(node))
    return out


async def load_one(info: Info, node_id: str, cls: type[N]) -> N:
    """The node ``node_id`` as ``cls`` (see :func:`load_all`)."""
    return (await load_all(info, [node_id], cls))[0]


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


# --------------------------------------------------------------------------
# Influence paths
# --------------------------------------------------------------------------


@strawberry.type(description="One hop of an influence path: the tie used and, if derived, through what.")
class PathStep:
    step: strawberry.Private[paths.PathStep]

    @field(name="from")
    async def from_(self, info: Info) -> Person:
        return await load_one(info, self.step.from_id, Person)

    @strawberry.field
    async def to(self, info: Info) -> Person:
        return await load_one(info, self.step.to_id, Person)

    @strawberry.field
    def tie(self) -> TieKind:
        return self.step.tie

    @strawberry.field
    def strength(self) -> float:
        return self.step.strength

    @field("The company (COLLEAGUE, FORMER_COLLEAGUE) or interest (SHARED_INTEREST) of a derived tie.")
    async def via(self, info: Info) -> NodeType | None:
        if self.step.via is None:
            return None
        node = await info.context.loaders.node(self.step.via)
        if node is None:
            raise DanglingReferenceError(f"no node has id {self.step.via!r}")
        return wrap(node)


@strawberry.type(description="A chain of ties from one of us to the target; score = product of strengths.")
class InfluencePath:
    path: strawberry.Private[paths.InfluencePath]

    @strawberry.field
    def score(self) -> float:
        return self.path.score

    @field("How many ties.")
    def hops(self) -> int:
        return len(self.path.steps)

    @field("The people along the path, from the start to the target.")
    async def people(self, info: Info) -> list[Person]:
        return await load_all(info, self.path.people, Person)

    @strawberry.field
    def steps(self) -> list[PathStep]:
        return [PathStep(step=s) for s in self.path.steps]


def influence_path(path: paths.InfluencePath | None) -> InfluencePath | None:
    return None if path is None else InfluencePath(path=path)


# --------------------------------------------------------------------------
# Relationship gaps
# --------------------------------------------------------------------------


@strawberry.type(description="A decision-maker no one of us knows well, and the best way in.")
class UncoveredPerson:
    item: strawberry.Private[gaps.UncoveredPerson]

    @strawberry.field
    async def person(self, info: Info) -> Person:
        return await load_one(info, self.item.person, Person)

    @strawberry.field
    def best_path(self) -> InfluencePath | None:
        return influence_path(self.item.best_path)


@strawberry.type(description="A covering tie whose last contact is missing or too old.")
class StaleTie:
    tie: strawberry.Private[gaps.StaleTie]

    @strawberry.field
    async def teammate(self, info: Info) -> Person:
        return await load_one(info, self.tie.teammate, Person)

    @strawberry.field
    async def person(self, info: Info) -> Person:
        return await load_one(info, self.tie.person, Person)

    @strawberry.field
    def strength(self) -> float:
        return self.tie.strength

    @strawberry.field
    def last_contact(self) -> dt.date | None:
        return _date(self.tie.last_contact)


@strawberry.type(description="A buying role no one holds on an open opportunity.")
class MissingRole:
    item: strawberry.Private[gaps.MissingRole]

    @strawberry.field
    async def opportunity(self, info: Info) -> Opportunity:
        return await load_one(info, self.item.opportunity, Opportunity)

    @strawberry.field
    def role(self) -> BuyingRole:
        return self.item.role


@strawberry.type(description="Where our relationships with an account are missing, thin or stale.")
class GapReport:
    report: strawberry.Private[gaps.GapReport]

    @strawberry.field
    async def account(self, info: Info) -> Company:
        return await load_one(info, self.report.account, Company)

    @strawberry.field
    async def decision_makers(self, info: Info) -> list[Person]:
        return await load_all(info, self.report.decision_makers, Person)

    @field("Decision-makers someone of our team KNOWS with at least minStrength.")
    async def covered(self, info: Info) -> list[Person]:
        return await load_all(info, self.report.covered, Person)

    @strawberry.field
    def uncovered(self) -> list[UncoveredPerson]:
        return [UncoveredPerson(item=u) for u in self.report.uncovered]

    @field("covered / decision-makers; null when the account has none.")
    def coverage(self) -> float | None:
        return self.report.coverage

    @field("How many of our team KNOW anyone currently at the account.")
    def threads(self) -> int:
        return self.report.threads

    @strawberry.field
    def single_threaded(self) -> bool:
        return self.report.single_threaded

    @strawberry.field
    def stale(self) -> list[StaleTie]:
        return [StaleTie(tie=s) for s in self.report.stale]

    @strawberry.field
    def missing_roles(self) -> list[MissingRole]:
        return [MissingRole(item=m) for m in self.report.missing_roles]


# --------------------------------------------------------------------------
# Influencers, icebreakers, priorities
# --------------------------------------------------------------------------


@strawberry.type(description="A person's PageRank inside their account, buying-centre aware, with its parts.")
class InfluencerScore:
    item: strawberry.Private[influencers.InfluencerScore]

    @strawberry.field
    async def person(self, info: Info) -> Person:
        return await load_one(info, self.item.person, Person)

    @field("PageRank personalised by seniority and buying roles (the ranking).")
    def score(self) -> float:
        return self.item.score

    @field("Plain PageRank (every teleport weight equal): influence by the org chart and ties alone.")
    def pagerank(self) -> float:
        return self.item.pagerank

    @strawberry.field
    def seniority(self) -> Seniority | None:
        return None if self.item.seniority is None else Seniority(self.item.seniority)

    @field("Buying roles held on open opportunities of the account, one per opportunity and role.")
    def roles(self) -> list[BuyingRole]:
        return [BuyingRole(r) for r in self.item.roles]

    @field("People of the account reporting to them directly.")
    def reports(self) -> int:
        return self.item.reports

    @field("People of the account below their direct reports.")
    def indirect_reports(self) -> int:
        return self.item.indirect_reports

    @field("People of the account they KNOW (strength > 0).")
    def ties(self) -> int:
        return self.item.ties


@strawberry.type(description="A teammate who shares interests with the target.")
class Icebreaker:
    item: strawberry.Private[icebreakers.Icebreaker]

    @strawberry.field
    async def teammate(self, info: Info) -> Person:
        return await load_one(info, self.item.teammate, Person)

    @strawberry.field
    async def interests(self, info: Info) -> list[Interest]:
        return await load_all(info, self.item.interests, Interest)

    @field("The teammate's best influence path score to the target; null when none.")
    def path_score(self) -> float | None:
        return self.item.path_score


@strawberry.type(description="An account's priority score and its components (each 0..1).")
class AccountPriority:
    item: strawberry.Private[priority.AccountPriority]

    @strawberry.field
    async def company(self, info: Info) -> Company:
        return await load_one(info, self.item.company, Company)

    @strawberry.field
    def score(self) -> float:
        return self.item.score

    @strawberry.field
    def value(self) -> float:
        return self.item.value

    @strawberry.field
    def potential(self) -> float:
        return self.item.potential

    @strawberry.field
    def tier(self) -> float:
        return self.item.tier

    @strawberry.field
    def win_rate(self) -> float:
        return self.item.win_rate

    @field("Coverage of the account's decision-makers; null when it has none.")
    def coverage(self) -> float | None:
        return self.item.coverage


# --------------------------------------------------------------------------
# Competition
# --------------------------------------------------------------------------


@strawberry.type(description="A competitor's product the account uses: a displacement window.")
class Incumbent:
    item: strawberry.Private[competition.Incumbent]

    @strawberry.field
    async def competitor(self, info: Info) -> Company:
        return await load_one(info, self.item.competitor, Company)

    @strawberry.field
    async def product(self, info: Info) -> Product:
        return await load_one(info, self.item.product, Product)

    @strawberry.field
    def contract_end(self) -> dt.date | None:
        return _date(self.item.contract_end)

    @strawberry.field
    def satisfaction(self) -> int | None:
        return self.item.satisfaction

    @field("Whether the contract ended before `asOf`: a window missed, not one ahead.")
    def ended(self) -> bool:
        return self.item.ended


@strawberry.type(description="Our closed opportunities against a competitor, across all accounts.")
class CompetitorRecord:
    item: strawberry.Private[competition.CompetitorRecord]

    @strawberry.field
    async def competitor(self, info: Info) -> Company:
        return await load_one(info, self.item.competitor, Company)

    @strawberry.field
    def won(self) -> int:
        return self.item.won

    @strawberry.field
    def lost(self) -> int:
        return self.item.lost


@strawberry.type(description="Who is entrenched at an account, who is in its deals, and how we fare.")
class CompetitiveLandscape:
    landscape: strawberry.Private[competition.CompetitiveLandscape]

    @strawberry.field
    async def account(self, info: Info) -> Company:
        return await load_one(info, self.landscape.account, Company)

    @field("Upcoming contract ends first, soonest first; then ended ones, latest first; then none.")
    def incumbents(self) -> list[Incumbent]:
        return [Incumbent(item=i) for i in self.landscape.incumbents]

    @field("Competitors named on the account's opportunities.")
    async def in_deals(self, info: Info) -> list[Company]:
        return await load_all(info, self.landscape.in_deals, Company)

    @strawberry.field
    def records(self) -> list[CompetitorRecord]:
        return [CompetitorRecord(item=r) for r in self.landscape.records]


# --------------------------------------------------------------------------
# Supply chain, whitespace, win/loss
# --------------------------------------------------------------------------


def _supply_link(link: supply.SupplyLink) -> SupplyLink:
    props = {"category": link.category, "share": link.share, "since": link.since}
    rel = domain.Relationship(
        domain.RelationshipKind.SUPPLIES,
        link.supplier,
        link.customer,
        {k: v for k, v in props.items() if v is not None},
    )
    return SupplyLink.from_rel(rel)


@strawberry.type(description="A company's suppliers and customers along SUPPLIES, and what they mean for us.")
class SupplyChain:
    chain: strawberry.Private[supply.SupplyChain]

    @strawberry.field
    async def company(self, info: Info) -> Company:
        return await load_one(info, self.chain.company, Company)

    @strawberry.field
    def links(self) -> list[SupplyLink]:
        return [_supply_link(x) for x in self.chain.links]

    @field("The companies reached, without the company itself.")
    async def companies(self, info: Info) -> list[Company]:
        return await load_all(info, self.chain.companies, Company)

    @field("Companies with exactly one supplier in some category.")
    async def single_source(self, info: Info) -> list[Company]:
        return await load_all(info, self.chain.single_source, Company)

    @field("Companies of the chain that are our customers.")
    async def leverage(self, info: Info) -> list[Company]:
        return await load_all(info, self.chain.leverage, Company)

    @field("Companies of the chain that use a competitor's product.")
    async def exposure(self, info: Info) -> list[Company]:
        return await load_all(info, self.chain.exposure, Company)


@strawberry.type(description="A product of ours the account lacks, scored by how its peers use it.")
class WhitespaceItem:
    item: strawberry.Private[ws.WhitespaceItem]

    @strawberry.field
    async def product(self, info: Info) -> Product:
        return await load_one(info, self.item.product, Product)

    @strawberry.field
    def score(self) -> float:
        return self.item.score

    @strawberry.field
    def peers_using(self) -> int:
        return self.item.peers_using


@strawberry.type(description="Closed opportunities of one group: competitor id, product id or industry.")
class WinLossRow:
    row: strawberry.Private[wl.WinLossRow]

    @strawberry.field
    def key(self) -> str:
        return self.row.key

    @strawberry.field
    def won(self) -> int:
        return self.row.won

    @strawberry.field
    def lost(self) -> int:
        return self.row.lost

    @field("won / (won + lost); null when none closed.")
    def win_rate(self) -> float | None:
        return self.row.win_rate

    @strawberry.field
    def amount_won(self) -> float:
        return self.row.amount_won


# --------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------


@strawberry.input(description="The weight of one tie kind (KNOWS: multiplies strength; others: replaces it).")
class TieWeightInput:
    tie: TieKind
    weight: float


@strawberry.input(description="Weights of the priority components; each given one replaces its default.")
class PriorityWeightsInput:
    value: float | None = None
    potential: float | None = None
    tier: float | None = None
    win_rate: float | None = None

    def to_domain(self) -> priority.PriorityWeights:
        """The checked weights (errors name ``weights``)."""
        return priority.priority_weights(self.value, self.potential, self.tier, self.win_rate)


__all__ = [
    "AccountPriority",
    "CompetitiveLandscape",
    "CompetitorRecord",
    "GapReport",
    "Icebreaker",
    "Incumbent",
    "InfluencePath",
    "InfluencerScore",
    "MissingRole",
    "PathStep",
    "PriorityWeightsInput",
    "StaleTie",
    "SupplyChain",
    "TieWeightInput",
    "UncoveredPerson",
    "WhitespaceItem",
    "WinLossRow",
]
