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

import strawberry

from kamgraph.analysis import competition, gaps, icebreakers, influencers, paths, priority, supply
from kamgraph.analysis import whitespace as ws
from kamgraph.analysis import winloss as wl
from kamgraph.api.schema.enums import BuyingRole, TieKind
from kamgraph.api.schema.fields import field
from kamgraph.api.schema.nodes import Company, Interest, Opportunity, Person, Product
from kamgraph.api.schema.objects import NodeType
from kamgraph.api.schema.relations import ref, refs
from kamgraph.api.schema.relationships import SupplyLink
from kamgraph.domain import model as domain
from kamgraph.domain.model import NodeKind as NK


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


# --------------------------------------------------------------------------
# Influence paths
# --------------------------------------------------------------------------


@strawberry.type(description="One hop of an influence path: the tie used and, if derived, through what.")
class PathStep:
    step: strawberry.Private[paths.PathStep]

    from_: Person = ref(lambda s: s.step.from_id, NK.PERSON, name="from")

    to: Person = ref(lambda s: s.step.to_id, NK.PERSON)

    tie: TieKind = strawberry.field(resolver=lambda root: root.step.tie)
    strength: float = strawberry.field(resolver=lambda root: root.step.strength)

    via: NodeType | None = ref(
        lambda s: s.step.via,
        description="The company (COLLEAGUE, FORMER_COLLEAGUE) or interest (SHARED_INTEREST) "
        "of a derived tie.",
    )


@strawberry.type(description="A chain of ties from one of us to the target; score = product of strengths.")
class InfluencePath:
    path: strawberry.Private[paths.InfluencePath]

    score: float = strawberry.field(resolver=lambda root: root.path.score)
    hops: int = strawberry.field(resolver=lambda root: len(root.path.steps), description="How many ties.")

    people: list[Person] = refs(
        lambda s: s.path.people,
        NK.PERSON,
        description="The people along the path, from the start to the target.",
    )

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

    person: Person = ref(lambda s: s.item.person, NK.PERSON)

    @strawberry.field
    def best_path(self) -> InfluencePath | None:
        return influence_path(self.item.best_path)


@strawberry.type(description="A covering tie whose last contact is missing or too old.")
class StaleTie:
    tie: strawberry.Private[gaps.StaleTie]

    teammate: Person = ref(lambda s: s.tie.teammate, NK.PERSON)

    person: Person = ref(lambda s: s.tie.person, NK.PERSON)

    @strawberry.field
    def strength(self) -> float:
        return self.tie.strength

    @strawberry.field
    def last_contact(self) -> dt.date | None:
        return _date(self.tie.last_contact)


@strawberry.type(description="A buying role no one holds on an open opportunity.")
class MissingRole:
    item: strawberry.Private[gaps.MissingRole]

    opportunity: Opportunity = ref(lambda s: s.item.opportunity, NK.OPPORTUNITY)

    @strawberry.field
    def role(self) -> BuyingRole:
        return self.item.role


@strawberry.type(description="Where our relationships with an account are missing, thin or stale.")
class GapReport:
    report: strawberry.Private[gaps.GapReport]

    account: Company = ref(lambda s: s.report.account, NK.COMPANY)

    decision_makers: list[Person] = refs(lambda s: s.report.decision_makers, NK.PERSON)

    covered: list[Person] = refs(
        lambda s: s.report.covered,
        NK.PERSON,
        description="Decision-makers someone of our team KNOWS with at least minStrength.",
    )

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


@strawberry.type(description="A person's PageRank inside their account.")
class InfluencerScore:
    item: strawberry.Private[influencers.InfluencerScore]

    person: Person = ref(lambda s: s.item.person, NK.PERSON)

    @strawberry.field
    def score(self) -> float:
        return self.item.score


@strawberry.type(description="A teammate who shares interests with the target.")
class Icebreaker:
    item: strawberry.Private[icebreakers.Icebreaker]

    teammate: Person = ref(lambda s: s.item.teammate, NK.PERSON)

    interests: list[Interest] = refs(lambda s: s.item.interests, NK.INTEREST)

    @field("The teammate's best influence path score to the target; null when none.")
    def path_score(self) -> float | None:
        return self.item.path_score


@strawberry.type(description="An account's priority score and its components (each 0..1).")
class AccountPriority:
    item: strawberry.Private[priority.AccountPriority]

    company: Company = ref(lambda s: s.item.company, NK.COMPANY)

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

    competitor: Company = ref(lambda s: s.item.competitor, NK.COMPANY)

    product: Product = ref(lambda s: s.item.product, NK.PRODUCT)

    @strawberry.field
    def contract_end(self) -> dt.date | None:
        return _date(self.item.contract_end)

    @strawberry.field
    def satisfaction(self) -> int | None:
        return self.item.satisfaction


@strawberry.type(description="Our closed opportunities against a competitor, across all accounts.")
class CompetitorRecord:
    item: strawberry.Private[competition.CompetitorRecord]

    competitor: Company = ref(lambda s: s.item.competitor, NK.COMPANY)

    @strawberry.field
    def won(self) -> int:
        return self.item.won

    @strawberry.field
    def lost(self) -> int:
        return self.item.lost


@strawberry.type(description="Who is entrenched at an account, who is in its deals, and how we fare.")
class CompetitiveLandscape:
    landscape: strawberry.Private[competition.CompetitiveLandscape]

    account: Company = ref(lambda s: s.landscape.account, NK.COMPANY)

    incumbents: list[Incumbent] = strawberry.field(
        resolver=lambda root: [Incumbent(item=i) for i in root.landscape.incumbents],
        description="Soonest contract end first.",
    )

    in_deals: list[Company] = refs(
        lambda s: s.landscape.in_deals,
        NK.COMPANY,
        description="Competitors named on the account's opportunities.",
    )

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

    company: Company = ref(lambda s: s.chain.company, NK.COMPANY)

    links: list[SupplyLink] = strawberry.field(
        resolver=lambda root: [_supply_link(x) for x in root.chain.links]
    )

    companies: list[Company] = refs(
        lambda s: s.chain.companies,
        NK.COMPANY,
        description="The companies reached, without the company itself.",
    )

    single_source: list[Company] = refs(
        lambda s: s.chain.single_source,
        NK.COMPANY,
        description="Companies with exactly one supplier in some category.",
    )

    leverage: list[Company] = refs(
        lambda s: s.chain.leverage, NK.COMPANY, description="Companies of the chain that are our customers."
    )

    exposure: list[Company] = refs(
        lambda s: s.chain.exposure,
        NK.COMPANY,
        description="Companies of the chain that use a competitor's product.",
    )


@strawberry.type(description="A product of ours the account lacks, scored by how its peers use it.")
class WhitespaceItem:
    item: strawberry.Private[ws.WhitespaceItem]

    product: Product = ref(lambda s: s.item.product, NK.PRODUCT)

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
