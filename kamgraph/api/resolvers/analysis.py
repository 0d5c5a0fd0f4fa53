"""The analysis queries: arguments in, :mod:`kamgraph.insights.service` called, results wrapped.

Argument checks live in :mod:`kamgraph.insights.service`; their errors name the
GraphQL argument (``extensions.argument``). An argument given as explicit
``null`` means its default. The path analyses get the request's deadline
(:attr:`kamgraph.api.loaders.RequestContext.deadline`).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry

from kamgraph.api.loaders import Info
from kamgraph.api.schema.analysis_types import (
    AccountPriority,
    CompetitiveLandscape,
    GapReport,
    Icebreaker,
    InfluencePath,
    InfluencerScore,
    PriorityWeightsInput,
    SupplyChain,
    TieWeightInput,
    WhitespaceItem,
    WinLossRow,
)
from kamgraph.api.schema.enums import Direction, WinLossGroup
from kamgraph.api.schema.fields import field
from kamgraph.insights import service as insights

FromArg = Annotated[list[strawberry.ID] | None, strawberry.argument(name="from")]


def _or(value: int | None, default: int) -> int:
    return default if value is None else value


@strawberry.type
class AnalysisQueries:
    @field(
        "The warmest introduction paths to a person: simple paths of at most `maxHops` ties from "
        "`from` (default: our team), best (highest product of tie strengths) first."
    )
    async def influence_paths(
        self,
        info: Info,
        to: strawberry.ID,
        from_: FromArg = None,
        max_hops: int | None = 4,
        limit: int | None = 3,
        ties: list[TieWeightInput] | None = None,
    ) -> list[InfluencePath]:
        found = await insights.influence_paths(
            info.context.store,
            to,
            from_,
            _or(max_hops, 4),
            _or(limit, 3),
            None if ties is None else [(t.tie, t.weight) for t in ties],
            deadline=info.context.deadline,
        )
        return [InfluencePath(path=p) for p in found]

    @field(
        "Where our relationships with an account are missing, weak or stale, and which buying "
        "roles are empty on its open opportunities."
    )
    async def relationship_gaps(
        self,
        info: Info,
        account: strawberry.ID,
        min_strength: float | None = 0.5,
        stale_days: int | None = 90,
        as_of: dt.date | None = None,
    ) -> GapReport:
        report = await insights.relationship_gaps(
            info.context.store,
            account,
            0.5 if min_strength is None else min_strength,
            _or(stale_days, 90),
            as_of,
            deadline=info.context.deadline,
        )
        return GapReport(report=report)

    @field("The people whose word travels furthest in an account (PageRank), highest first.")
    async def key_influencers(
        self, info: Info, account: strawberry.ID, limit: int | None = 10
    ) -> list[InfluencerScore]:
        found = await insights.key_influencers(info.context.store, account, _or(limit, 10))
        return [InfluencerScore(item=s) for s in found]

    @field("Teammates (or `from`) who share interests with a person: most shared first.")
    async def icebreakers(self, info: Info, target: strawberry.ID, from_: FromArg = None) -> list[Icebreaker]:
        found = await insights.icebreakers(info.context.store, target, from_, info.context.deadline)
        return [Icebreaker(item=b) for b in found]

    @field("Accounts ranked by value, potential, tier and win rate (weighted), with their coverage.")
    async def account_priorities(
        self, info: Info, weights: PriorityWeightsInput | None = None, first: int | None = 50
    ) -> list[AccountPriority]:
        w = None if weights is None else weights.to_domain()
        found = await insights.account_priorities(info.context.store, w, _or(first, 50))
        return [AccountPriority(item=p) for p in found]

    @field(
        "Competitors entrenched at an account (upcoming displacement windows first, soonest first; "
        "then ended contracts, as of `asOf`, default today), those in its deals, and our record against them."
    )
    async def competitive_landscape(
        self, info: Info, account: strawberry.ID, as_of: dt.date | None = None
    ) -> CompetitiveLandscape:
        found = await insights.competitive_landscape(info.context.store, account, as_of)
        return CompetitiveLandscape(landscape=found)

    @field("A company's suppliers and customers along SUPPLIES, up to `depth` steps (at most 4).")
    async def supply_chain(
        self,
        info: Info,
        company: strawberry.ID,
        direction: Direction | None = Direction.BOTH,
        depth: int | None = 2,
    ) -> SupplyChain:
        found = await insights.supply_chain(
            info.context.store, company, direction or Direction.BOTH, _or(depth, 2)
        )
        return SupplyChain(chain=found)

    @field(
        "Products of ours an account does not use on `asOf` (default today) and that no open opportunity of "
        "it proposes, scored by how similar accounts use them."
    )
    async def whitespace(
        self, info: Info, account: strawberry.ID, first: int | None = 10, as_of: dt.date | None = None
    ) -> list[WhitespaceItem]:
        found = await insights.whitespace(info.context.store, account, _or(first, 10), as_of)
        return [WhitespaceItem(item=i) for i in found]

    @field("Closed opportunities won and lost, grouped by competitor, product or industry.")
    async def win_loss(self, info: Info, group_by: WinLossGroup) -> list[WinLossRow]:
        found = await insights.win_loss(info.context.store, group_by)
        return [WinLossRow(row=r) for r in found]
