"""Markets: the companies, products and deals above the people.

:func:`market_plan` draws a whole market for ``generate``; the building blocks
(products, competitors' usage, opportunities, coverage) are shared with the
hand-written demo plan. What the deals put in use, the money and the statuses
that follow, and the supply chains: :mod:`kamgraph.synth.economy`.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Sequence
from typing import Any

from kamgraph.synth.economy import settle_accounts, supply_links
from kamgraph.synth.generator import (
    ACCOUNT,
    COMPETITOR,
    HOME,
    OTHER,
    CompanyPlan,
    OpportunityPlan,
    Plan,
    Record,
    day,
)
from kamgraph.synth.names import (
    COMPANY_SUFFIXES,
    COMPETITOR_PRODUCT_WORDS,
    COUNTRIES,
    HOME_DEPARTMENTS,
    INDUSTRIES,
    INTERESTS,
    LOSS_REASONS,
    NAME_WORDS,
    OPPORTUNITY_KINDS,
    PRODUCT_CATEGORIES,
    SOFTWARE,
    TAGS,
    Industry,
)
from kamgraph.synth.orgs import MIN_ORG

HOME_NAME = "Northwind Analytics"
HOME_BRAND = "Northwind"
MIN_PEOPLE = 100
STAGES = ("PROSPECTING", "QUALIFYING", "PROPOSAL", "NEGOTIATION", "WON", "LOST")
STAGE_WEIGHTS = (0.15, 0.15, 0.15, 0.1, 0.25, 0.2)
TIERS = ("STRATEGIC", "KEY", "GROWTH", "STANDARD", None)
TIER_WEIGHTS = (0.05, 0.15, 0.3, 0.35, 0.15)
TIER_SCALE = {"STRATEGIC": 8.0, "KEY": 4.0, "GROWTH": 2.0, "STANDARD": 1.0, None: 0.7}


def slug(name: str) -> str:
    """The letters and digits of a company name, without its legal form.

    >>> slug("Blue Harbor Logistics S.A.")
    'blueharborlogistics'
    """
    base = re.sub(r"\b(Inc|Group|Corp|AG|GmbH|Ltd|S\.A|Holdings|Co|plc)\b\.?", "", name)
    return re.sub(r"[^a-z0-9]", "", base.lower())


def interest_records() -> list[Record]:
    """The interest catalogue, most popular first: ``i-001``..."""
    return [
        {"kind": "INTEREST", "id": f"i-{k + 1:03d}", "name": n, "category": cat}
        for k, (n, cat) in enumerate(INTERESTS)
    ]


def our_products(brand: str = HOME_BRAND) -> list[Record]:
    """The home company's products, one per category: ``pr-001``..."""
    return [
        {"kind": "PRODUCT", "id": f"pr-{k + 1:03d}", "name": f"{brand} {word}", "category": cat}
        for k, (cat, word) in enumerate(PRODUCT_CATEGORIES)
    ]


def competitor_products(rng: random.Random, brand: str, count: int, first_number: int) -> list[Record]:
    """``count`` products of a competitor, in distinct categories, numbered from ``first_number``."""
    cats = rng.sample(PRODUCT_CATEGORIES, count)
    words = rng.sample(COMPETITOR_PRODUCT_WORDS, count)
    return [
        {"kind": "PRODUCT", "id": f"pr-{first_number + k:03d}", "name": f"{brand} {w}", "category": c}
        for k, ((c, _), w) in enumerate(zip(cats, words, strict=True))
    ]


def account_props(rng: random.Random, tier: str | None, status: str | None) -> dict[str, Any]:
    """Tier, status and the money of an account (spend per year, with us / whole wallet)."""
    scale = TIER_SCALE[tier]
    wallet = round(scale * rng.lognormvariate(math.log(250_000), 0.3), -3)
    props: dict[str, Any] = {"potentialSpend": wallet}
    if tier:
        props["tier"] = tier
    if status:
        props["status"] = status
    if status == "CUSTOMER":
        props["currentSpend"] = round(wallet * rng.uniform(0.1, 0.8), -3)
    elif status is not None:
        props["currentSpend"] = 0.0
    return props


def usage(rng: random.Random, company_id: str, theirs: Sequence[Record], incumbencies: int) -> list[Record]:
    """USES of ``incumbencies`` competitor products (ours follow from won deals:
    :func:`kamgraph.synth.economy.settle_accounts`)."""
    out: list[Record] = []
    for product in rng.sample(list(theirs), min(incumbencies, len(theirs))):
        start = rng.randint(200, 2500)
        out.append(
            {
                "kind": "USES",
                "from": company_id,
                "to": product["id"],
                "since": day(-start),
                "contractEnd": day(rng.randint(-120, 1100)),
                "satisfaction": rng.choices((1, 2, 3, 4, 5), (0.1, 0.2, 0.3, 0.25, 0.15))[0],
                "spend": round(rng.lognormvariate(math.log(120_000), 0.7), -3),
            }
        )
    return out


def coverage_roles(rng: random.Random, tier: str | None) -> list[str]:
    """The COVERS roles our team fills on an account of ``tier``."""
    roles: list[str] = []
    if tier in ("STRATEGIC", "KEY") or rng.random() < 0.85:
        roles.append("ACCOUNT_OWNER")
    if tier == "STRATEGIC" or (tier == "KEY" and rng.random() < 0.7):
        roles.append("EXECUTIVE_SPONSOR")
    specialists = {"STRATEGIC": 2, "KEY": 1}.get(tier or "", 1 if rng.random() < 0.3 else 0)
    roles += ["SPECIALIST"] * specialists
    if tier == "STRATEGIC" or rng.random() < 0.2:
        roles.append("SUPPORT")
    return roles


def opportunity(
    rng: random.Random,
    number: int,
    account: int,
    account_name: str,
    stage: str,
    tier: str | None,
    ours: Sequence[Record],
    incumbents: Sequence[str],
    competitors: Sequence[str],
) -> OpportunityPlan:
    """One deal: ``o-00001``...; closed ones in the past, open ones ahead."""
    products = rng.sample(list(ours), rng.choice((1, 1, 2)))
    kind = rng.choice(OPPORTUNITY_KINDS)
    props: dict[str, Any] = {
        "name": f"{account_name} {products[0]['name'].split()[-1]} {kind}",
        "stage": stage,
        "amount": round(TIER_SCALE[tier] * rng.lognormvariate(math.log(60_000), 0.7), -3),
    }
    closed = stage in ("WON", "LOST")
    props["closeDate"] = day(-rng.randint(5, 600) if closed else rng.randint(10, 300))
    if stage == "LOST":
        props["lossReason"] = rng.choice(LOSS_REASONS)
    against: list[str] = []
    pool = list(incumbents) or list(competitors)
    if pool and (stage == "LOST" or rng.random() < 0.6):
        against = rng.sample(pool, min(len(pool), rng.choice((1, 1, 2))))
    return OpportunityPlan(f"o-{number:05d}", props, account, [p["id"] for p in products], against)


def _company_sizes(rng: random.Random, total: int, median: float) -> list[int]:
    sizes: list[int] = []
    while total - sum(sizes) > 0:
        sizes.append(max(8, min(5000, round(rng.lognormvariate(math.log(median), 0.9)))))
    sizes[-1] -= sum(sizes) - total
    if sizes[-1] < 8 and len(sizes) > 1:
        last = sizes.pop()
        sizes[-1] += last
    return sizes


def _name(rng: random.Random, industry: Industry) -> str:
    name = f"{rng.choice(NAME_WORDS)} {rng.choice(industry.words)}"
    return name + " " + rng.choice(COMPANY_SUFFIXES) if rng.random() < 0.5 else name


def market_plan(people: int, rng: random.Random) -> Plan:
    """A market of exactly ``people`` people: our team, competitors, accounts, suppliers."""
    if people < MIN_PEOPLE:
        raise ValueError(f"generate needs at least {MIN_PEOPLE} people, not {people}")
    team = max(10, min(2000, round(people * 0.01)))
    n_comp = min(12, 4 + people // 50_000)
    rest = people - team
    median = max(float(MIN_ORG * 3), min(70.0, rest / (n_comp + 16) / 1.5))
    sizes = _company_sizes(rng, rest, median)
    countries, cweights = zip(*COUNTRIES, strict=True)
    home = CompanyPlan(
        "c-00001",
        {
            "name": HOME_NAME,
            "industry": SOFTWARE.name,
            "country": "United States",
            "home": True,
            "website": "https://www.northwind-analytics.example",
            "tags": ["vendor"],
        },
        HOME,
        team,
        "northwind-analytics.example",
        "United States",
        departments=HOME_DEPARTMENTS,
        fixed_departments=True,
    )
    companies = [home]
    industries: list[Industry | None] = [None]
    ours = our_products()
    products: list[Record] = list(ours)
    rels: list[Record] = [{"kind": "OFFERS", "from": home.id, "to": p["id"]} for p in ours]
    theirs: list[Record] = []
    comp_ids: list[str] = []
    product_owner: dict[str, str] = {}
    for k, size in enumerate(sizes):
        cid = f"c-{k + 2:05d}"
        country = rng.choices(countries, cweights)[0]
        if k < n_comp:
            word = NAME_WORDS[(k * 7 + rng.randrange(3)) % len(NAME_WORDS)]
            name, industry, role = f"{word} {rng.choice(SOFTWARE.words)}", SOFTWARE, COMPETITOR
            props: dict[str, Any] = {}
        else:
            m = k - n_comp
            industry = INDUSTRIES[m] if m < len(INDUSTRIES) else rng.choice(INDUSTRIES)
            name = _name(rng, industry)
            role = ACCOUNT if m < 8 or rng.random() < 0.85 else OTHER
            if role == ACCOUNT:
                status = rng.choices(("CUSTOMER", "PROSPECT", "FORMER"), (0.55, 0.35, 0.1))[0]
                props = account_props(rng, rng.choices(TIERS, TIER_WEIGHTS)[0], status)
            else:
                props = {}
        domain = slug(name) + ".example"
        base = {
            "name": name,
            "industry": industry.name,
            "country": country,
            "annualRevenue": round(rng.lognormvariate(math.log(2e8), 1.5), -5),
            "website": f"https://www.{domain}",
        }
        tags = sorted(set(rng.sample(TAGS, rng.randint(0, 2))))
        if tags:
            base["tags"] = tags
        cp = CompanyPlan(cid, {**base, **props}, role, size, domain, country)
        if role == ACCOUNT:
            cp.coverage = coverage_roles(rng, props.get("tier"))
        companies.append(cp)
        industries.append(industry)
        if role == COMPETITOR:
            comp_ids.append(cid)
            rels.append({"kind": "COMPETES_WITH", "from": cid, "to": home.id})
            mine = competitor_products(rng, name.split()[0], rng.randint(2, 4), len(products) + 1)
            products += mine
            theirs += mine
            for p in mine:
                product_owner[p["id"]] = cid
                rels.append({"kind": "OFFERS", "from": cid, "to": p["id"]})
    for a in range(len(comp_ids)):
        for b in range(a + 1, len(comp_ids)):
            if rng.random() < 0.3:
                rels.append({"kind": "COMPETES_WITH", "from": comp_ids[a], "to": comp_ids[b]})
    opportunities: list[OpportunityPlan] = []
    others = [c for c in companies if c.role == OTHER]
    for partner in rng.sample(others, min(3, len(others))):
        rels.append({"kind": "PARTNERS_WITH", "from": home.id, "to": partner.id})
    for c, cp in enumerate(companies):
        if cp.role not in (ACCOUNT, OTHER):
            continue
        uses = usage(rng, cp.id, theirs, rng.choices((0, 1, 2, 3), (0.3, 0.4, 0.2, 0.1))[0])
        rels += uses
        parent = c - rng.randint(1, 20)
        if rng.random() < 0.03 and parent > n_comp and industries[parent] == industries[c]:
            rels.append({"kind": "SUBSIDIARY_OF", "from": cp.id, "to": companies[parent].id})
        if cp.role != ACCOUNT:
            continue
        tier = cp.props.get("tier")
        incumbents = sorted({product_owner[u["to"]] for u in uses if u["to"] in product_owner})
        count = {"STRATEGIC": rng.randint(3, 5), "KEY": rng.randint(2, 3), "GROWTH": rng.randint(1, 2)}.get(
            tier or "", rng.randint(0, 1)
        )
        for _ in range(count):
            n = len(opportunities)
            stage = STAGES[n] if n < len(STAGES) else rng.choices(STAGES, STAGE_WEIGHTS)[0]
            opportunities.append(
                opportunity(
                    rng,
                    n + 1,
                    c,
                    cp.props["name"].split()[0] + " " + cp.props["name"].split()[1],
                    stage,
                    tier,
                    ours,
                    incumbents,
                    comp_ids,
                )
            )
    opportunities = settle_accounts(rng, companies, opportunities, ours, rels)
    rels += supply_links(rng, companies, industries)
    return Plan(companies, interest_records(), products, opportunities, rels)
