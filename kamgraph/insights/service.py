"""The analyses as the API calls them: check the arguments, fetch the bounded
neighbourhood from the store (:mod:`kamgraph.insights.neighbourhood`), run the
pure analysis on it.

Arguments are checked here, once: the pure analyses take them as checked.
Argument names in errors are the GraphQL ones (``maxHops``, ``limit``, ``ties``,
``to``, ``from``, ``account``, ...): each error is an
:class:`~kamgraph.domain.errors.InvalidArgumentError` (ids naming nothing or a node of
the wrong kind: :class:`~kamgraph.domain.errors.NotFoundError`).

The path searches take the request's ``deadline`` (a :func:`time.monotonic`
instant): they stop by themselves when it passes, or when they reach their work
bound, with an :class:`~kamgraph.analysis.budget.AnalysisLimitError` (code
``TIMEOUT`` or ``ANALYSIS_TOO_LARGE``); their CPU-bound parts run in worker
threads (:mod:`kamgraph.insights.workers`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from kamgraph.analysis import competition, gaps, influencers, paths, priority, supply, winloss
from kamgraph.analysis import icebreakers as ice
from kamgraph.analysis import whitespace as ws
from kamgraph.analysis.accounts import decision_makers
from kamgraph.analysis.budget import Budget
from kamgraph.analysis.errors import MAX_DEPTH, MAX_FIRST, MAX_HOPS, MAX_LIMIT, check_int, check_unit
from kamgraph.analysis.icebreakers import PATH_HOPS
from kamgraph.analysis.ties import TieWeightsInput, tie_weights
from kamgraph.domain.model import Direction, WinLossGroup
from kamgraph.insights import account_fetch as af
from kamgraph.insights import neighbourhood as nb
from kamgraph.insights import workers
from kamgraph.store.protocol import GraphStore


async def influence_paths(
    store: GraphStore,
    to: str,
    from_: Sequence[str] | None = None,
    max_hops: int = 4,
    limit: int = 3,
    ties: TieWeightsInput = None,
    deadline: float | None = None,
) -> list[paths.InfluencePath]:
    """``influencePaths(to, from, maxHops, limit, ties)``, done by ``deadline``."""
    check_int("maxHops", max_hops, 1, MAX_HOPS)
    check_int("limit", limit, 1, MAX_LIMIT)
    weights = tie_weights(ties)
    budget = Budget(deadline)
    g, sources = await nb.influence_graph(store, to, from_, max_hops, weights, limit, budget=budget)
    if not sources:
        return []
    return await workers.run(paths.influence_paths, g, to, sources, max_hops, limit, weights, budget)


async def relationship_gaps(
    store: GraphStore,
    account: str,
    min_strength: float = 0.5,
    stale_days: int = 90,
    as_of: dt.date | str | None = None,
    deadline: float | None = None,
) -> gaps.GapReport:
    """``relationshipGaps(account, minStrength, staleDays, asOf)``, done by ``deadline``."""
    check_unit("minStrength", min_strength)
    check_int("staleDays", stale_days, 0, gaps.MAX_STALE_DAYS)
    day = gaps.parse_as_of(as_of)
    node = await nb.require_account(store, account)
    g, ours = await af.accounts_graph(store, [node])
    dms = decision_makers(g, account)
    covered = {p for _, p, _, _ in gaps.covering_ties(g, dms, set(ours), min_strength)}
    uncovered = [p for p in dms if p not in covered]
    best = await af.best_paths_to(store, uncovered, ours, PATH_HOPS, Budget(deadline)) if ours else {}
    return gaps.relationship_gaps(g, account, min_strength, stale_days, day, best)


async def key_influencers(
    store: GraphStore, account: str, limit: int = 10
) -> list[influencers.InfluencerScore]:
    """``keyInfluencers(account, limit)``."""
    check_int("limit", limit, 1, MAX_LIMIT)
    return influencers.key_influencers(await nb.influencers_graph(store, account), account, limit)


async def icebreakers(
    store: GraphStore, target: str, from_: Sequence[str] | None = None, deadline: float | None = None
) -> list[ice.Icebreaker]:
    """``icebreakers(target, from)``, done by ``deadline``."""
    g, sources = await nb.icebreakers_graph(store, target, from_, Budget(deadline))
    return await workers.run(ice.icebreakers, g, target, sources)


async def account_priorities(
    store: GraphStore, weights: priority.PriorityWeights | None = None, first: int = 50
) -> list[priority.AccountPriority]:
    """``accountPriorities(weights, first)``; build ``weights`` with
    :func:`~kamgraph.analysis.priority.priority_weights` (it checks them)."""
    check_int("first", first, 1, MAX_FIRST)
    w = weights or priority.PriorityWeights()
    accounts, opps, scoring = await af.scoring_graph(store)
    rows = priority.priority_scores(scoring, w)[:first]
    # the scores need every account; coverage, only the accounts returned
    chosen = {r.company for r in rows}
    g, _ = await af.accounts_graph(store, [a for a in accounts if a.id in chosen], opps, threads=False)
    return priority.with_coverage(rows, g)


async def competitive_landscape(
    store: GraphStore, account: str, as_of: dt.date | str | None = None
) -> competition.CompetitiveLandscape:
    """``competitiveLandscape(account, asOf)``."""
    day = gaps.parse_as_of(as_of)
    return competition.competitive_landscape(await nb.competition_graph(store, account), account, day)


async def supply_chain(
    store: GraphStore, company: str, direction: Direction | str = Direction.BOTH, depth: int = 2
) -> supply.SupplyChain:
    """``supplyChain(company, direction, depth)``."""
    check_int("depth", depth, 1, MAX_DEPTH)
    d = supply.parse_direction(direction)
    return supply.supply_chain(await nb.supply_graph(store, company, d, depth), company, d, depth)


async def whitespace(
    store: GraphStore, account: str, first: int = 10, as_of: dt.date | str | None = None
) -> list[ws.WhitespaceItem]:
    """``whitespace(account, first, asOf)``."""
    check_int("first", first, 1, MAX_FIRST)
    day = gaps.parse_as_of(as_of)
    return ws.whitespace(await nb.whitespace_graph(store, account, day.isoformat()), account, first, day)


async def win_loss(store: GraphStore, group_by: WinLossGroup | str) -> list[winloss.WinLossRow]:
    """``winLoss(groupBy)``."""
    group = winloss.parse_group(group_by)
    return winloss.win_loss(await nb.winloss_graph(store, group), group)
