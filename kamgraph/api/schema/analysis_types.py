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
from kamgraph.api.schema.enums import BuyingRole, Seniority, TieKind
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

    steps: list[PathStep] = strawberry.field(
        resolver=lambda root: [PathStep(step=s) for s in root.path.steps]
    )


def influence_path(path: paths.InfluencePath | None) -> InfluencePath | None:
    return None if path is None else InfluencePath(path=path)


# --------------------------------------------------------------------------
# Relationship gaps
# --------------------------------------------------------------------------


@strawberry.type(description="A decision-maker no one of us knows well, and the best way in.")
class UncoveredPerson:
    item: strawberry.Private[gaps.UncoveredPerson]

    person: Person = ref(lambda s: s.item.person, NK.PERSON)

    best_path: InfluencePath | None = strawberry.field(
        resolver=lambda root: influence_path(root.item.best_path)
    )


@strawberry.type(description="A covering tie whose last contact is missing or too old.")
class StaleTie:
    tie: strawberry.Private[gaps.StaleTie]

    teammate: Person = ref(lambda s: s.tie.teammate, NK.PERSON)

    person: Person = ref(lambda s: s.tie.person, NK.PERSON)

    strength: float = strawberry.field(resolver=lambda root: root.tie.strength)

    last_contact: dt.date | None = strawberry.field(resolver=lambda root: _date(root.tie.last_contact))


@strawberry.type(description="A buying role no one holds on an open opportunity.")
class MissingRole:
    item: strawberry.Private[gaps.MissingRole]

    opportunity: Opportunity = ref(lambda s: s.item.opportunity, NK.OPPORTUNITY)

    role: BuyingRole = strawberry.field(resolver=lambda root: root.item.role)


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

    uncovered: list[UncoveredPerson] = strawberry.field(
        resolver=lambda root: [UncoveredPerson(item=u) for u in root.report.uncovered]
    )

    coverage: float | None = strawberry.field(
        resolver=lambda root: root.report.coverage,
        description="covered / decision-makers; null when the account has none.",
    )

    threads: int = strawberry.field(
        resolver=lambda root: root.report.threads,
        description="How many of our team KNOW anyone currently at the account.",
    )

    single_threaded: bool = strawberry.field(resolver=lambda root: root.report.single_threaded)

    stale: list[StaleTie] = strawberry.field(
        resolver=lambda root: [StaleTie(tie=s) for s in root.report.stale]
    )

    missing_roles: list[MissingRole] = strawberry.field(
        resolver=lambda root: [MissingRole(item=m) for m in root.report.missing_roles]
    )


# --------------------------------------------------------------------------
# Influencers, icebreakers, priorities
# --------------------------------------------------------------------------


@strawberry.type(description="A person's PageRank inside their account, buying-centre aware, with its parts.")
class InfluencerScore:
    item: strawberry.Private[influencers.InfluencerScore]

    person: Person = ref(lambda s: s.item.person, NK.PERSON)

    score: float = strawberry.field(
        resolver=lambda root: root.item.score,
        description="PageRank personalised by seniority and buying roles (the ranking).",
    )

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

    teammate: Person = ref(lambda s: s.item.teammate, NK.PERSON)

    interests: list[Interest] = refs(lambda s: s.item.interests, NK.INTEREST)

    path_score: float | None = strawberry.field(
        resolver=lambda root: root.item.path_score,
        description="The teammate's best influence path score to the target; null when none.",
    )


@strawberry.type(description="An account's priority score and its components (each 0..1).")
class AccountPriority:
    item: strawberry.Private[priority.AccountPriority]

    company: Company = ref(lambda s: s.item.company, NK.COMPANY)

    score: float = strawberry.field(resolver=lambda root: root.item.score)

    value: float = strawberry.field(resolver=lambda root: root.item.value)

    potential: float = strawberry.field(resolver=lambda root: root.item.potential)

    tier: float = strawberry.field(resolver=lambda root: root.item.tier)

    win_rate: float = strawberry.field(resolver=lambda root: root.item.win_rate)

    coverage: float | None = strawberry.field(
        resolver=lambda root: root.item.coverage,
        description="Coverage of the account's decision-makers; null when it has none.",
    )


# --------------------------------------------------------------------------
# Competition
# --------------------------------------------------------------------------


@strawberry.type(description="A competitor's product the account uses: a displacement window.")
class Incumbent:
    item: strawberry.Private[competition.Incumbent]

    competitor: Company = ref(lambda s: s.item.competitor, NK.COMPANY)

    product: Product = ref(lambda s: s.item.product, NK.PRODUCT)

    contract_end: dt.date | None = strawberry.field(resolver=lambda root: _date(root.item.contract_end))

    satisfaction: int | None = strawberry.field(resolver=lambda root: root.item.satisfaction)

    @field("Whether the contract ended before `asOf`: a window missed, not one ahead.")
    def ended(self) -> bool:
        return self.item.ended


@strawberry.type(description="Our closed opportunities against a competitor, across all accounts.")
class CompetitorRecord:
    item: strawberry.Private[competition.CompetitorRecord]

    competitor: Company = ref(lambda s: s.item.competitor, NK.COMPANY)

    won: int = strawberry.field(resolver=lambda root: root.item.won)

    lost: int = strawberry.field(resolver=lambda root: root.item.lost)


@strawberry.type(description="Who is entrenched at an account, who is in its deals, and how we fare.")
class CompetitiveLandscape:
    landscape: strawberry.Private[competition.CompetitiveLandscape]

    account: Company = ref(lambda s: s.landscape.account, NK.COMPANY)

    incumbents: list[Incumbent] = strawberry.field(
        resolver=lambda root: [Incumbent(item=i) for i in root.landscape.incumbents],
        description="Upcoming contract ends first, soonest first; then ended ones, latest first; then none.",
    )

    in_deals: list[Company] = refs(
        lambda s: s.landscape.in_deals,
        NK.COMPANY,
        description="Competitors named on the account's opportunities.",
    )

    records: list[CompetitorRecord] = strawberry.field(
        resolver=lambda root: [CompetitorRecord(item=r) for r in root.landscape.records]
    )


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

    score: float = strawberry.field(resolver=lambda root: root.item.score)

    peers_using: int = strawberry.field(resolver=lambda root: root.item.peers_using)


@strawberry.type(description="Closed opportunities of one group: competitor id, product id or industry.")
class WinLossRow:
    row: strawberry.Private[wl.WinLossRow]

    key: str = strawberry.field(resolver=lambda root: root.row.key)

    won: int = strawberry.field(resolver=lambda root: root.row.won)

    lost: int = strawberry.field(resolver=lambda root: root.row.lost)

    win_rate: float | None = strawberry.field(
        resolver=lambda root: root.row.win_rate, description="won / (won + lost); null when none closed."
    )

    amount_won: float = strawberry.field(resolver=lambda root: root.row.amount_won)


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
