"""The demo data set: a small, named, reproducible KAM graph.

Our company is **Northwind Analytics** (id ``home``), a vendor of analytics
software with a team of 25 (ids ``p-northwind-001``..``p-northwind-025``;
``p-northwind-001`` is its CEO). Around it:

- 40 accounts, ids ``acct-<name>``, in 14 industries, with tiers, statuses and
  spend. The strategic accounts are ``acct-globex`` (Globex Corporation, the
  largest, industrial machinery), ``acct-initech``, ``acct-umbrella``,
  ``acct-soylent`` and ``acct-wayne``;
- 8 competitors, ids ``comp-<name>`` (``comp-contoso``, ``comp-fabrikam``, ...),
  with their products and where they are incumbent (USES with contract ends);
- 10 suppliers further up the supply chains, ids ``co-<name>``;
- about 1,500 people in org charts, ids ``p-<company>-NNN`` numbered from the
  top: ``p-globex-001`` is Globex's CEO (a decision-maker), ``p-globex-002``..
  its C-level;
- interests ``i-001``..``i-055`` (``i-001`` Golf is the most popular), our
  products ``pr-001``..``pr-008`` (``pr-001`` Northwind Insight), competitors'
  products from ``pr-009``; about 80 opportunities ``o-00001``.., in every stage,
  numbered account by account.

The figures agree with each other (:mod:`kamgraph.synth.economy`): what an
account USES of ours comes from the deals it was WON with, its
``currentSpend`` is the sum of that usage's ``spend``, and its status follows
(CUSTOMER, FORMER after a lost renewal, PROSPECT); supply chains run between
industries that trade, with shares that add up per category.

Notable ids for examples (the tests check each statement):

- ``home``: Northwind Analytics, our company (:data:`HOME_ID`);
- ``acct-globex``: Globex Corporation, a STRATEGIC customer (:data:`STRATEGIC_ACCOUNT`)
  with open opportunities ``o-00001``..``o-00004`` (PROSPECTING to NEGOTIATION)
  and ``o-00005``, the WON deal it uses our product of since, where competitors
  ``comp-proseware`` and ``comp-wingtip`` are incumbent;
- ``p-globex-001``: Globex's CEO, a decision-maker (:data:`DECISION_MAKER`) whom
  no one of our team knows directly;
- ``p-northwind-006``: a Senior Account Executive of ours, ACCOUNT_OWNER of
  Globex (:data:`TEAMMATE`), who knows two of its executives: the COO
  ``p-globex-006`` — the economic buyer of ``o-00001``, and a skeptic of it —
  and its Chief Legal Officer.

Dates are relative to :data:`~kamgraph.synth.generator.REFERENCE_DATE`
(2026-01-01), so the data never changes with the calendar: about a third of
our team's KNOWS ties have a last contact more than 90 days before it (stale).

>>> records = demo_records()
>>> sum(r["kind"] == "PERSON" for r in records)
1500
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from kamgraph.domain.model import NodeKind
from kamgraph.domain.rules import validate_nodes, validate_relationships
from kamgraph.io.formats import is_node
from kamgraph.store.protocol import GraphStore
from kamgraph.synth.economy import settle_accounts, supply_links
from kamgraph.synth.generator import (
    ACCOUNT,
    COMPETITOR,
    HOME,
    OTHER,
    CompanyPlan,
    Emitter,
    OpportunityPlan,
    Plan,
    Record,
)
from kamgraph.synth.market import (
    HOME_NAME,
    STAGE_WEIGHTS,
    STAGES,
    account_props,
    competitor_products,
    coverage_roles,
    interest_records,
    opportunity,
    our_products,
    usage,
)
from kamgraph.synth.names import HOME_DEPARTMENTS, INDUSTRIES, SOFTWARE, Industry

SEED = 2026
HOME_ID = "home"
STRATEGIC_ACCOUNT = "acct-globex"
DECISION_MAKER = "p-globex-001"
TEAMMATE = "p-northwind-006"
BATCH = 2000

# (slug, name, industry, country, tier, status, people)
ACCOUNTS: tuple[tuple[str, str, str, str, str | None, str | None, int], ...] = (
    ("globex", "Globex Corporation", "Industrial Machinery", "United States", "STRATEGIC", "CUSTOMER", 100),
    ("initech", "Initech Financial", "Financial Services", "United States", "STRATEGIC", "CUSTOMER", 70),
    (
        "umbrella",
        "Umbrella Pharmaceuticals",
        "Pharmaceuticals",
        "United Kingdom",
        "STRATEGIC",
        "CUSTOMER",
        65,
    ),
    ("soylent", "Soylent Foods", "Consumer Goods", "Netherlands", "STRATEGIC", "PROSPECT", 60),
    ("wayne", "Wayne Enterprises", "Automotive", "United States", "STRATEGIC", "CUSTOMER", 65),
    ("stark", "Stark Electronics", "Electronics", "United States", "KEY", "CUSTOMER", 40),
    ("cyberdyne", "Cyberdyne Systems", "Electronics", "Japan", "KEY", "PROSPECT", 35),
    ("tyrell", "Tyrell Biosciences", "Pharmaceuticals", "Germany", "KEY", "CUSTOMER", 35),
    ("hooli", "Hooli Retail", "Retail", "United States", "KEY", "CUSTOMER", 40),
    ("massive", "Massive Dynamic Energy", "Energy", "Canada", "KEY", "PROSPECT", 35),
    ("vandelay", "Vandelay Industries", "Logistics", "United States", "KEY", "CUSTOMER", 30),
    ("oscorp", "Oscorp Chemicals", "Chemicals", "United States", "KEY", "FORMER", 30),
    ("gringotts", "Gringotts Bank", "Financial Services", "United Kingdom", "KEY", "CUSTOMER", 35),
    ("aperture", "Aperture Health", "Healthcare", "Sweden", "KEY", "PROSPECT", 30),
    ("wonka", "Wonka Confectionery", "Consumer Goods", "Germany", "GROWTH", "CUSTOMER", 30),
    ("duff", "Duff Beverages", "Consumer Goods", "United States", "GROWTH", "PROSPECT", 25),
    ("nakatomi", "Nakatomi Trading", "Logistics", "Japan", "GROWTH", "CUSTOMER", 30),
    ("dunder", "Dunder Mifflin Paper", "Retail", "United States", "GROWTH", "CUSTOMER", 25),
    ("pied", "Pied Piper Networks", "Telecommunications", "United States", "GROWTH", "PROSPECT", 25),
    ("monarch", "Monarch Telecom", "Telecommunications", "France", "GROWTH", "CUSTOMER", 30),
    ("bluth", "Bluth Homes", "Retail", "United States", "GROWTH", "FORMER", 20),
    ("sterling", "Sterling Cooper Media", "Retail", "United States", "GROWTH", "PROSPECT", 25),
    ("acme", "Acme Metals", "Metals & Mining", "Australia", "GROWTH", "CUSTOMER", 30),
    ("prestige", "Prestige Worldwide Freight", "Logistics", "Spain", "GROWTH", "PROSPECT", 20),
    ("virtucon", "Virtucon Polymers", "Chemicals", "Italy", "GROWTH", "CUSTOMER", 25),
    ("rekall", "Rekall Medical", "Healthcare", "France", "GROWTH", "CUSTOMER", 25),
    ("ingen", "InGen Agritech", "Agriculture", "Brazil", "STANDARD", "PROSPECT", 20),
    ("zorg", "Zorg Industries", "Industrial Machinery", "France", "STANDARD", "CUSTOMER", 25),
    ("spacely", "Spacely Sprockets", "Industrial Machinery", "United States", "STANDARD", "CUSTOMER", 20),
    ("cogswell", "Cogswell Cogs", "Industrial Machinery", "Germany", "STANDARD", "PROSPECT", 20),
    ("gekko", "Gekko Capital", "Financial Services", "United States", "STANDARD", "PROSPECT", 20),
    ("krusty", "Krusty Foods", "Consumer Goods", "Canada", "STANDARD", "FORMER", 20),
    ("bigkahuna", "Big Kahuna Burger", "Retail", "United States", "STANDARD", "CUSTOMER", 20),
    ("omni", "Omni Consumer Products", "Consumer Goods", "United States", "STANDARD", "PROSPECT", 25),
    ("lacuna", "Lacuna Health", "Healthcare", "United States", "STANDARD", "CUSTOMER", 20),
    ("weyland", "Weyland Mining", "Metals & Mining", "Australia", "STANDARD", "PROSPECT", 25),
    ("blackmesa", "Black Mesa Energy", "Energy", "United States", None, "PROSPECT", 20),
    ("shinra", "Shinra Power", "Energy", "Japan", None, "CUSTOMER", 25),
    ("genco", "Genco Olive Oil", "Agriculture", "Italy", None, "PROSPECT", 15),
    ("mooby", "Mooby Telecom", "Telecommunications", "India", None, "FORMER", 18),
)
COMPETITORS: tuple[tuple[str, str, int], ...] = (
    ("contoso", "Contoso Data", 14),
    ("fabrikam", "Fabrikam Cloud", 12),
    ("tailspin", "Tailspin Insights", 10),
    ("litware", "Litware Analytics", 12),
    ("adatum", "Adatum Systems", 10),
    ("proseware", "Proseware", 10),
    ("wingtip", "Wingtip Data", 10),
    ("lucerne", "Lucerne Software", 10),
)
SUPPLIERS: tuple[tuple[str, str, str, str, int], ...] = (
    ("ironworks", "Northern Ironworks", "Metals & Mining", "Sweden", 12),
    ("copperhill", "Copperhill Minerals", "Metals & Mining", "Chile", 10),
    ("helios", "Helios Power", "Energy", "Spain", 12),
    ("greenfield", "Greenfield Grain", "Agriculture", "Canada", 10),
    ("siliconbay", "Silicon Bay Semiconductors", "Electronics", "Singapore", 14),
    ("polymerix", "Polymerix Materials", "Chemicals", "Germany", 12),
    ("swiftship", "Swiftship Freight", "Logistics", "Netherlands", 12),
    ("gearhaus", "Gearhaus Robotics", "Industrial Machinery", "Germany", 12),
    ("medisupply", "MediSupply Labs", "Pharmaceuticals", "India", 10),
    ("autoparts", "Autoparts Alliance", "Automotive", "Mexico", 10),
)


def _company(
    cid: str, slug: str, name: str, industry: Industry, country: str, role: str, size: int, **props: Any
) -> CompanyPlan:
    domain = f"{slug}.example"
    base = {"name": name, "industry": industry.name, "country": country, "website": f"https://www.{domain}"}
    return CompanyPlan(cid, {**base, **props}, role, size, domain, country, person_prefix=f"p-{slug}-")


def demo_plan() -> Plan:
    """The demo's companies, products, deals and chains; people come from the emitter."""
    rng = random.Random(SEED)
    industry = {i.name: i for i in INDUSTRIES}
    home = _company(
        HOME_ID,
        "northwind",
        HOME_NAME,
        SOFTWARE,
        "United States",
        HOME,
        25,
        home=True,
        annualRevenue=85_000_000.0,
        tags=["vendor"],
    )
    home.departments, home.fixed_departments = HOME_DEPARTMENTS, True
    companies = [home]
    industries: list[Industry | None] = [None]
    ours = our_products()
    products, theirs = list(ours), []
    rels: list[Record] = [{"kind": "OFFERS", "from": HOME_ID, "to": p["id"]} for p in ours]
    owner: dict[str, str] = {}
    for slug, name, size in COMPETITORS:
        cid = f"comp-{slug}"
        companies.append(
            _company(
                cid,
                slug,
                name,
                SOFTWARE,
                "United States",
                COMPETITOR,
                size,
                annualRevenue=round(rng.uniform(5e7, 9e8), -5),
            )
        )
        industries.append(SOFTWARE)
        rels.append({"kind": "COMPETES_WITH", "from": cid, "to": HOME_ID})
        mine = competitor_products(rng, name.split()[0], rng.randint(2, 3), len(products) + 1)
        products += mine
        theirs += mine
        for p in mine:
            owner[p["id"]] = cid
            rels.append({"kind": "OFFERS", "from": cid, "to": p["id"]})
    for slug, name, ind, country, tier, status, size in ACCOUNTS:
        cp = _company(
            f"acct-{slug}",
            slug,
            name,
            industry[ind],
            country,
            ACCOUNT,
            size,
            annualRevenue=round(rng.lognormvariate(21, 1.0), -5),
            **account_props(rng, tier, status),
        )
        cp.coverage = coverage_roles(rng, tier)
        if cp.id == STRATEGIC_ACCOUNT:
            cp.owner = TEAMMATE
        companies.append(cp)
        industries.append(industry[ind])
    for slug, name, ind, country, size in SUPPLIERS:
        companies.append(
            _company(
                f"co-{slug}",
                slug,
                name,
                industry[ind],
                country,
                OTHER,
                size,
                annualRevenue=round(rng.lognormvariate(19.5, 1.0), -5),
            )
        )
        industries.append(industry[ind])
    rels.append({"kind": "PARTNERS_WITH", "from": HOME_ID, "to": "co-swiftship"})
    rels.append({"kind": "COMPETES_WITH", "from": "comp-contoso", "to": "comp-fabrikam"})
    rels.append({"kind": "SUBSIDIARY_OF", "from": "acct-tyrell", "to": "acct-umbrella"})
    opportunities: list[OpportunityPlan] = []
    comp_ids = [c.id for c in companies if c.role == COMPETITOR]
    for c, cp in enumerate(companies):
        if cp.role not in (ACCOUNT, OTHER):
            continue
        incumbencies = 2 if cp.id == STRATEGIC_ACCOUNT else rng.choices((0, 1, 2), (0.3, 0.5, 0.2))[0]
        uses = usage(rng, cp.id, theirs, incumbencies)
        rels += uses
        if cp.role != ACCOUNT:
            continue
        tier = cp.props.get("tier")
        incumbents = sorted({owner[u["to"]] for u in uses if u["to"] in owner})
        count = {"STRATEGIC": 4, "KEY": 2, "GROWTH": 1}.get(tier or "", rng.randint(0, 1))
        for _ in range(count):
            n = len(opportunities)
            stage = STAGES[n % len(STAGES)] if n < 12 else rng.choices(STAGES, STAGE_WEIGHTS)[0]
            label = cp.props["name"].split()[0]
            opportunities.append(opportunity(rng, n + 1, c, label, stage, tier, ours, incumbents, comp_ids))
    opportunities = settle_accounts(rng, companies, opportunities, ours, rels)
    rels += supply_links(rng, companies, industries)
    return Plan(companies, interest_records(), products, opportunities, rels)


def demo_records() -> list[Record]:
    """Every record of the demo, nodes before the relationships that reference them."""
    plan = demo_plan()
    return list(Emitter(plan, random.Random(SEED + 1)).records())


def _chunks(items: Sequence[Record], size: int) -> list[Sequence[Record]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


async def load_demo(store: GraphStore) -> bool:
    """Fill ``store`` with the demo if it has no nodes; returns whether it did."""
    for kind in NodeKind:
        if (await store.list_nodes(kind, 1)).items:
            return False
    records = demo_records()
    nodes: dict[str, list[Record]] = defaultdict(list)
    rels: list[Record] = []
    for r in records:
        if is_node(r):
            nodes[r["kind"]].append(r)
        else:
            rels.append(r)
    for kind in NodeKind:
        for chunk in _chunks(nodes[kind.value], BATCH):
            await store.upsert_nodes(validate_nodes(kind, chunk))
    for chunk in _chunks(rels, BATCH):
        await store.relate(validate_relationships(chunk))
    return True
