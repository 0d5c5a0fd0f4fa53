"""Who buys what from whom: our deals and what they put in use, and the supply chains.

Both the demo and ``generate`` draw their companies and deals first, then
:func:`settle_accounts` makes the money and the statuses follow from the deals
(docs/domain.md, "Nodes"), and :func:`supply_links` draws SUPPLIES between
industries that trade with each other (:data:`SUPPLY_TABLE`). The rules, as
of :data:`~kamgraph.synth.generator.REFERENCE_DATE`:

- a WON deal puts its products in use at the account from its close date
  (USES ``since`` = closeDate) — unless a later deal proposing the same
  product was LOST (the account left us for a competitor);
- an account's ``currentSpend`` is the sum of ``spend`` over what it USES of
  our products; its ``potentialSpend`` is at least that;
- status: CUSTOMER when it uses something of ours, FORMER when it did (a WON
  deal) and no longer does, PROSPECT otherwise;
- open deals propose products the account does not use yet;
- in each category, a customer's suppliers' shares sum to 1: a single supplier
  has share 1 (single-sourced, truly), several split it.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from kamgraph.synth.generator import ACCOUNT, OTHER, CompanyPlan, OpportunityPlan, Record, day
from kamgraph.synth.names import LOSS_REASONS, Industry

#: supplier industry -> (customer industry, category of what it supplies); industries that trade.
SUPPLY_TABLE: dict[str, tuple[tuple[str, str], ...]] = {
    "Metals & Mining": (
        ("Industrial Machinery", "Steel and metals"),
        ("Automotive", "Steel and metals"),
        ("Electronics", "Rare metals"),
    ),
    "Energy": (
        ("Industrial Machinery", "Energy"),
        ("Chemicals", "Energy"),
        ("Metals & Mining", "Energy"),
        ("Automotive", "Energy"),
        ("Electronics", "Energy"),
        ("Pharmaceuticals", "Energy"),
    ),
    "Agriculture": (("Consumer Goods", "Agricultural commodities"), ("Chemicals", "Bio-feedstock")),
    "Chemicals": (
        ("Pharmaceuticals", "Chemical intermediates"),
        ("Consumer Goods", "Packaging and ingredients"),
        ("Automotive", "Coatings and plastics"),
        ("Electronics", "Specialty chemicals"),
        ("Agriculture", "Fertilisers"),
    ),
    "Electronics": (
        ("Automotive", "Electronic components"),
        ("Industrial Machinery", "Electronic components"),
        ("Telecommunications", "Network equipment"),
    ),
    "Industrial Machinery": (
        ("Automotive", "Machinery"),
        ("Consumer Goods", "Machinery"),
        ("Pharmaceuticals", "Machinery"),
        ("Metals & Mining", "Mining equipment"),
        ("Energy", "Turbines and equipment"),
    ),
    "Logistics": (
        ("Retail", "Logistics services"),
        ("Consumer Goods", "Logistics services"),
        ("Automotive", "Logistics services"),
        ("Pharmaceuticals", "Cold-chain logistics"),
    ),
    "Pharmaceuticals": (("Healthcare", "Medicines"),),
    "Automotive": (("Logistics", "Vehicles"),),
    "Consumer Goods": (("Retail", "Consumer goods"),),
    "Telecommunications": (
        ("Financial Services", "Connectivity"),
        ("Retail", "Connectivity"),
        ("Healthcare", "Connectivity"),
    ),
}
WON, LOST = "WON", "LOST"


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _shares(rng: random.Random, n: int) -> list[float]:
    """``n`` shares of a category that sum to 1 (two decimals; a single one is 1.0).

    >>> _shares(random.Random(1), 1)
    [1.0]
    >>> round(sum(_shares(random.Random(1), 3)), 2)
    1.0
    """
    if n == 1:
        return [1.0]
    cuts = sorted(round(rng.uniform(0.1, 0.9), 2) for _ in range(n - 1))
    bounds = [0.0, *cuts, 1.0]
    parts = [round(b - a, 2) for a, b in zip(bounds, bounds[1:], strict=False)]
    parts[-1] = round(1.0 - sum(parts[:-1]), 2)
    return parts


def supply_links(
    rng: random.Random, companies: Sequence[CompanyPlan], industries: Sequence[Industry | None]
) -> list[Record]:
    """SUPPLIES along :data:`SUPPLY_TABLE`: each company buys in one or two of
    the categories its industry buys, from one to three companies of the
    supplying industry each, with shares that sum to 1 per category."""
    by_industry: dict[str, list[int]] = defaultdict(list)
    for c, ind in enumerate(industries):
        if ind is not None and companies[c].role in (ACCOUNT, OTHER):
            by_industry[ind.name].append(c)
    buys: dict[str, list[tuple[str, str]]] = defaultdict(list)  # customer industry -> (supplier, category)
    for supplier, rows in SUPPLY_TABLE.items():
        for customer, category in rows:
            buys[customer].append((supplier, category))
    out: list[Record] = []
    for c, ind in enumerate(industries):
        if ind is None or companies[c].role not in (ACCOUNT, OTHER):
            continue
        options = [(s, cat) for s, cat in buys.get(ind.name, []) if any(x != c for x in by_industry[s][:2])]
        if not options:
            continue
        for supplier_industry, category in rng.sample(options, min(len(options), rng.choice((1, 1, 2)))):
            pool = by_industry[supplier_industry]
            want = rng.choices((1, 2, 3), (0.45, 0.35, 0.2))[0]
            chosen = [s for s in rng.sample(pool, min(len(pool), want + 1)) if s != c][:want]
            for s, share in zip(chosen, _shares(rng, len(chosen)), strict=True):
                out.append(
                    {
                        "kind": "SUPPLIES",
                        "from": companies[s].id,
                        "to": companies[c].id,
                        "category": category,
                        "share": share,
                        "since": day(-rng.randint(100, 4000)),
                    }
                )
    return out


def _opportunity(
    number: int, account: int, name: str, stage: str, amount: float, closed: str, products: list[str]
) -> OpportunityPlan:
    props: dict[str, Any] = {"name": name, "stage": stage, "amount": amount, "closeDate": closed}
    return OpportunityPlan(f"o-{number:05d}", props, account, products, [])


def settle_accounts(
    rng: random.Random,
    companies: Sequence[CompanyPlan],
    opportunities: list[OpportunityPlan],
    ours: Sequence[Record],
    rels: list[Record],
) -> list[OpportunityPlan]:
    """Make deals, usage, spend and status agree (the rules of the module
    docstring). Each account's ``status`` as drawn is the intent: a CUSTOMER
    without a WON deal gets an earlier one (its install base), a PROSPECT's
    WON deals become LOST, a FORMER gets a WON deal and a later lost renewal.
    Appends our USES to ``rels``; returns the opportunities, renumbered in
    account order (an account's deals together, the drawn ones first)."""
    our_ids = [p["id"] for p in ours]
    name_of = {p["id"]: p["name"] for p in ours}
    by_account: dict[int, list[OpportunityPlan]] = defaultdict(list)
    for o in opportunities:
        by_account[o.account].append(o)
    settled: list[OpportunityPlan] = []
    for c, cp in enumerate(companies):
        if cp.role != ACCOUNT:
            continue
        intent = cp.props.get("status") or "PROSPECT"
        opps = by_account.get(c, [])
        label = cp.props["name"].split()[0]
        drawn = cp.props.get("potentialSpend")
        wallet = float(drawn) if drawn else round(rng.lognormvariate(math.log(250_000), 0.6), -3)
        # the install base: a good part of the wallet, in a product no other deal of the account touches
        amount = round(wallet * rng.uniform(0.15, 0.5), -3)
        untouched = [p for p in our_ids if all(p not in o.products for o in opps)] or our_ids
        extra: list[OpportunityPlan] = []
        if intent == "PROSPECT":
            for o in opps:
                if o.props["stage"] == WON:
                    o.props["stage"] = LOST
                    o.props["lossReason"] = rng.choice(LOSS_REASONS)
        elif not any(o.props["stage"] == WON for o in opps) or intent == "FORMER":
            product = rng.choice(untouched)
            won = day(-rng.randint(700, 2000) if intent == "FORMER" else -rng.randint(90, 2000))
            title = f"{label} {name_of[product].split()[-1]} rollout"
            extra.append(_opportunity(0, c, title, WON, amount, won, [product]))
        if intent == "FORMER":
            # everything won was lost again at renewal
            for o in opps:
                if o.props["stage"] == WON:
                    o.props["stage"] = LOST
                    o.props["lossReason"] = rng.choice(LOSS_REASONS)
            won_products = [p for o in extra for p in o.products]
            lost = day(-rng.randint(30, 600))
            lost_opp = _opportunity(0, c, f"{label} renewal", LOST, amount, lost, won_products)
            lost_opp.props["lossReason"] = "Lost to incumbent"
            extra.append(lost_opp)
        deals = opps + extra
        using = _usage(rng, cp.id, deals, rels)
        for o in deals:
            if o.props["stage"] not in (WON, LOST):
                fresh = [p for p in o.products if p not in using]
                if len(fresh) < len(o.products):
                    spare = [p for p in our_ids if p not in using and p not in fresh]
                    fresh += rng.sample(spare, min(len(spare), len(o.products) - len(fresh)))
                if fresh:
                    o.products = fresh
        spend = sum(using.values())
        cp.props["currentSpend"] = spend
        cp.props["potentialSpend"] = max(wallet, round(spend * rng.uniform(1.3, 3.0), -3))
        ever_won = any(o.props["stage"] == WON for o in deals)
        cp.props["status"] = "CUSTOMER" if using else ("FORMER" if ever_won else "PROSPECT")
        settled += deals
    for n, o in enumerate(settled):
        o.id = f"o-{n + 1:05d}"
    return settled


def _usage(
    rng: random.Random, account: str, deals: Sequence[OpportunityPlan], rels: list[Record]
) -> dict[str, float]:
    """Our USES at ``account`` from its WON deals (not lost later); their spend by product."""
    closed = sorted(
        (o for o in deals if o.props["stage"] in (WON, LOST)), key=lambda o: str(o.props["closeDate"])
    )
    since: dict[str, str] = {}
    spend: dict[str, float] = {}
    for o in closed:
        share = 1.0 / len(o.products)
        for p in o.products:
            if o.props["stage"] == LOST:
                if p in since and o.props["closeDate"] > since[p]:
                    del since[p], spend[p]
                continue
            yearly = round(float(o.props["amount"]) * share * rng.uniform(0.5, 1.0), -3) or 1000.0
            since.setdefault(p, o.props["closeDate"])
            spend[p] = spend.get(p, 0.0) + yearly
    for p in sorted(since):
        start = _date(since[p])
        end = start + dt.timedelta(days=365 * rng.randint(1, 3))
        while end < _date(day(30)):
            end += dt.timedelta(days=365)
        rels.append(
            {
                "kind": "USES",
                "from": account,
                "to": p,
                "since": since[p],
                "contractEnd": end.isoformat(),
                "satisfaction": rng.choices((2, 3, 4, 5), (0.1, 0.3, 0.4, 0.2))[0],
                "spend": spend[p],
            }
        )
    return spend

