"""The synthetic graph: from a plan of companies to a stream of import records.

``generate(people, seed)`` draws a market (:mod:`kamgraph.synth.market`) and
streams its records; the demo (:mod:`kamgraph.synth.demo`) writes its own plan
by hand and streams it through the same :class:`Emitter`. Records are the
import format of :mod:`kamgraph.io.formats`.

Order of the stream (every relationship comes after both its ends):

1. interests, products, companies, opportunities (nodes), then the
   company-level relationships (OFFERS, USES, SUPPLIES, COMPETES_WITH,
   PARTNERS_WITH, SUBSIDIARY_OF, TARGETS, PROPOSES, AGAINST);
2. company by company, the home company first: its people, their WORKS_AT
   (current, and for some a former one elsewhere), REPORTS_TO, INTERESTED_IN,
   the KNOWS ties inside the company, and, for an account, the COVERS of our
   team, our team's KNOWS into it and the INFLUENCES on its opportunities;
3. KNOWS ties across companies (preferential attachment: a heavy-tailed degree).

Memory: the plan is O(companies); per person only the company index is kept
(``array('I')``), plus the endpoint list of the cross-company attachment; a
million people fit in a few hundred megabytes. Dates are relative to
:data:`REFERENCE_DATE`, never to today, so a seed always gives the same records.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from kamgraph.synth.names import CITIES, CUSTOMER_DEPARTMENTS, KNOWS_SOURCES
from kamgraph.synth.orgs import OrgMember, build_org, email, person_name

#: Every date of the synthetic data is relative to this day.
REFERENCE_DATE = dt.date(2026, 1, 1)

Record = dict[str, Any]

HOME, COMPETITOR, ACCOUNT, OTHER = "HOME", "COMPETITOR", "ACCOUNT", "OTHER"
TECH_DEPARTMENTS = ("IT", "Technology", "Data")
STANCES = ("CHAMPION", "SUPPORTER", "NEUTRAL", "SKEPTIC", "OPPONENT")
STANCE_WEIGHTS: dict[str, tuple[float, ...]] = {
    "COACH": (0.6, 0.4, 0.0, 0.0, 0.0),
    "BLOCKER": (0.0, 0.0, 0.1, 0.4, 0.5),
    "OTHER": (0.15, 0.3, 0.3, 0.15, 0.1),
}
ROLE_CHANCE = {
    "ECONOMIC_BUYER": 0.8,
    "TECHNICAL_BUYER": 0.7,
    "USER_BUYER": 0.6,
    "COACH": 0.5,
    "BLOCKER": 0.15,
}
#: How many distinct people a teammate in each coverage role knows at the account.
COVER_REACH = {"ACCOUNT_OWNER": (2, 6), "EXECUTIVE_SPONSOR": (1, 3), "SPECIALIST": (1, 4), "SUPPORT": (1, 3)}


def day(offset: int) -> str:
    """The ISO date ``offset`` days after :data:`REFERENCE_DATE` (negative: before).

    >>> day(-1), day(31)
    ('2025-12-31', '2026-02-01')
    """
    return (REFERENCE_DATE + dt.timedelta(days=offset)).isoformat()


@dataclass(slots=True)
class CompanyPlan:
    """A company to emit: its node properties, role and how many people it has."""

    id: str
    props: dict[str, Any]
    role: str  # HOME, COMPETITOR, ACCOUNT or OTHER
    size: int
    domain: str
    country: str
    person_prefix: str | None = None  # None: the global numbering p-0000001
    departments: tuple[str, ...] = CUSTOMER_DEPARTMENTS
    fixed_departments: bool = False
    coverage: list[str] = field(default_factory=list)  # COVERS roles our team fills
    owner: str | None = None  # our teammate who is ACCOUNT_OWNER (else one is drawn)


@dataclass(slots=True)
class OpportunityPlan:
    id: str
    props: dict[str, Any]
    account: int  # index into Plan.companies
    products: list[str]
    competitors: list[str]


@dataclass(slots=True)
class Plan:
    """Everything above the people: the part of the graph that is O(companies)."""

    companies: list[CompanyPlan]  # the home company first
    interests: list[Record]
    products: list[Record]
    opportunities: list[OpportunityPlan]
    company_rels: list[Record]
    former_rate: float = 0.12
    intra_knows: tuple[int, ...] = (1, 2, 3, 4, 5)  # draws of ties per person inside a company
    cross_knows: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 8)
    cross_weights: tuple[float, ...] = (0.1, 0.2, 0.25, 0.2, 0.12, 0.08, 0.05)
    alone_rate: float = 0.04  # of individual contributors, known by no one


@dataclass(slots=True)
class _Team:
    pools: dict[str, list[str]]
    everyone: list[str]


class Emitter:
    """Streams the records of a :class:`Plan`; see the module docstring for the order."""

    def __init__(self, plan: Plan, rng: random.Random) -> None:
        self.plan = plan
        self.rng = rng
        self.company_of = array("I")  # person index -> company index
        self.start: list[int] = []  # company index -> index of its first person
        self.team = _Team({}, [])
        self.alone: set[int] = set()  # people (global index) whom no one knows
        self.covering: list[str] = []  # our teammates covering the company being emitted
        self.opps: dict[int, list[OpportunityPlan]] = {}
        for opp in plan.opportunities:
            self.opps.setdefault(opp.account, []).append(opp)
        self.interest_ids = [r["id"] for r in plan.interests]
        self.interest_cum = list(itertools.accumulate(1.0 / (r + 1) for r in range(len(self.interest_ids))))

    def person_id(self, index: int) -> str:
        c = self.company_of[index]
        prefix = self.plan.companies[c].person_prefix
        if prefix is None:
            return f"p-{index + 1:07d}"
        return f"{prefix}{index - self.start[c] + 1:03d}"

    def records(self) -> Iterator[Record]:
        p = self.plan
        yield from p.interests
        yield from p.products
        for cp in p.companies:
            yield {"kind": "COMPANY", "id": cp.id, **cp.props}
        for opp in p.opportunities:
            yield {"kind": "OPPORTUNITY", "id": opp.id, **opp.props}
        yield from p.company_rels
        for opp in p.opportunities:
            yield {"kind": "TARGETS", "from": opp.id, "to": p.companies[opp.account].id}
            for product in opp.products:
                yield {"kind": "PROPOSES", "from": opp.id, "to": product}
            for competitor in opp.competitors:
                yield {"kind": "AGAINST", "from": opp.id, "to": competitor}
        for c in range(len(p.companies)):
            yield from self._company(c)
        yield from self._cross_knows()

    # -- one company's people ------------------------------------------------

    def _company(self, c: int) -> Iterator[Record]:
        rng, cp = self.rng, self.plan.companies[c]
        org = build_org(cp.size, rng, cp.departments, cp.fixed_departments)
        base = len(self.company_of)
        self.start.append(base)
        self.company_of.extend([c] * len(org))
        ids = [self.person_id(base + k) for k in range(len(org))]
        cities = CITIES.get(cp.country, ())
        for pid, m in zip(ids, org, strict=True):
            first, last = person_name(rng)
            rec: Record = {
                "kind": "PERSON",
                "id": pid,
                "name": f"{first} {last}",
                "title": m.title,
                "department": m.department,
                "seniority": m.seniority,
                "decisionMaker": m.decision_maker,
            }
            if rng.random() < 0.8:
                rec["email"] = email(first, last, cp.domain)
            if rng.random() < 0.3:
                rec["phone"] = f"+1 555 {rng.randrange(10**7):07d}"
            if cities and rng.random() < 0.7:
                rec["location"] = rng.choice(cities)
            yield rec
        n_companies = len(self.plan.companies)
        for pid, m in zip(ids, org, strict=True):
            joined = rng.randint(60, 6000)
            yield {
                "kind": "WORKS_AT",
                "from": pid,
                "to": cp.id,
                "title": m.title,
                "since": day(-joined),
                "current": True,
            }
            if n_companies > 1 and rng.random() < self.plan.former_rate:
                other = rng.randrange(n_companies - 1)
                other += other >= c
                left = joined + rng.randint(0, 400)
                yield {
                    "kind": "WORKS_AT",
                    "from": pid,
                    "to": self.plan.companies[other].id,
                    "since": day(-left - rng.randint(200, 3000)),
                    "until": day(-left),
                    "current": False,
                }
            if m.manager >= 0:
                yield {"kind": "REPORTS_TO", "from": pid, "to": ids[m.manager]}
            yield from self._interests(pid)
        # a few individual contributors whom no one (recorded) knows; never in our team
        rate = 0.0 if cp.role == HOME else self.plan.alone_rate
        alone = {k for k, m in enumerate(org) if m.seniority == "INDIVIDUAL" and rng.random() < rate}
        self.alone.update(base + k for k in alone)
        yield from self._intra_knows(ids, org, alone)
        if cp.role == HOME:
            self._set_team(ids, org)
        known: dict[int, list[str]] = {}  # person -> our teammates who know them
        self.covering = []
        if cp.coverage and self.team.everyone:
            yield from self._covers(cp, ids, org, alone, known)
        for opp in self.opps.get(c, []):
            yield from self._influences(opp, ids, org, alone, known)

    def _interests(self, pid: str) -> Iterator[Record]:
        rng = self.rng
        count = rng.choices((0, 1, 2, 3, 4, 5), (0.1, 0.25, 0.3, 0.2, 0.1, 0.05))[0]
        chosen: list[str] = []
        for _ in range(count * 2):
            if len(chosen) == count:
                break
            interest = rng.choices(self.interest_ids, cum_weights=self.interest_cum)[0]
            if interest not in chosen:
                chosen.append(interest)
                yield {
                    "kind": "INTERESTED_IN",
                    "from": pid,
                    "to": interest,
                    "level": rng.choices((1, 2, 3), (0.5, 0.35, 0.15))[0],
                }

    def _knows(self, a: str, b: str, lo: float, hi: float, recency: float) -> Record:
        """A KNOWS tie; ``recency`` is the mean age of the last contact in days."""
        rng = self.rng
        last = min(int(rng.expovariate(1.0 / recency)), 1500)
        return {
            "kind": "KNOWS",
            "from": a,
            "to": b,
            "strength": round(rng.uniform(lo, hi), 2),
            "since": day(-last - rng.randint(30, 3000)),
            "lastContact": day(-last),
            "source": rng.choice(KNOWS_SOURCES),
        }

    def _intra_knows(self, ids: Sequence[str], org: Sequence[OrgMember], alone: set[int]) -> Iterator[Record]:
        """Preferential attachment inside one company, from the top of the org
        chart down: each person ties to a few of those placed before — half the
        time someone of their own department — the popular ones more likely,
        so the well-connected are mostly senior. The ``alone`` know no one."""
        rng = self.rng
        ends: list[int] = []
        placed: list[int] = []
        by_dept: dict[str, list[int]] = {}
        for v in range(len(ids)):
            if v in alone:
                continue
            want = min(len(placed), rng.choice(self.plan.intra_knows))
            mine = by_dept.get(org[v].department, [])
            chosen: list[int] = []
            for _ in range(want * 3):
                if len(chosen) == want:
                    break
                r = rng.random()
                if mine and r < 0.5:
                    t = mine[rng.randrange(len(mine))]
                elif ends and r < 0.8:
                    t = ends[rng.randrange(len(ends))]
                else:
                    t = placed[rng.randrange(len(placed))]
                if t not in chosen:
                    chosen.append(t)
            for t in chosen:
                ends += (v, t)
                yield self._knows(ids[v], ids[t], 0.2, 0.9, 60.0)
            placed.append(v)
            by_dept.setdefault(org[v].department, []).append(v)

    # -- our team and the accounts -------------------------------------------

    def _set_team(self, ids: Sequence[str], org: Sequence[OrgMember]) -> None:
        pools: dict[str, list[str]] = {r: [] for r in COVER_REACH}
        for pid, m in zip(ids, org, strict=True):
            if m.seniority in ("C_LEVEL", "VP"):
                pools["EXECUTIVE_SPONSOR"].append(pid)
            elif m.department in ("Sales", "Key Accounts"):
                pools["ACCOUNT_OWNER"].append(pid)
            elif m.department in ("Solutions", "Technology", "Product", "Data"):
                pools["SPECIALIST"].append(pid)
            elif m.department == "Customer Success":
                pools["SUPPORT"].append(pid)
        self.team = _Team(pools, list(ids))

    def _covers(
        self,
        cp: CompanyPlan,
        ids: Sequence[str],
        org: Sequence[OrgMember],
        alone: set[int],
        known_by: dict[int, list[str]],
    ) -> Iterator[Record]:
        """Our team's COVERS of the account and their KNOWS into it (into ``known_by``)."""
        rng = self.rng
        dms = [k for k, m in enumerate(org) if m.decision_maker]
        chiefs = [k for k, m in enumerate(org) if m.seniority == "C_LEVEL"]
        tech = [k for k, m in enumerate(org) if m.department in TECH_DEPARTMENTS]
        taken: list[str] = []
        for role in cp.coverage:
            pool = self.team.pools.get(role) or self.team.everyone
            mate = rng.choice(pool)
            if role == "ACCOUNT_OWNER" and cp.owner is not None:
                mate = cp.owner
            for _ in range(10):
                if mate not in taken:
                    break
                mate = rng.choice(self.team.everyone)
            if mate in taken:
                continue
            taken.append(mate)
            yield {"kind": "COVERS", "from": mate, "to": cp.id, "role": role}
            lo, hi = COVER_REACH[role]
            prefer = {"ACCOUNT_OWNER": dms, "EXECUTIVE_SPONSOR": chiefs, "SPECIALIST": tech}.get(role, [])
            known: list[int] = []
            for _ in range(rng.randint(lo, hi) * 3):
                if len(known) >= hi:
                    break
                pick = rng.choice(prefer) if prefer and rng.random() < 0.6 else rng.randrange(len(ids))
                if pick not in known and pick not in alone:
                    known.append(pick)
            strong = role in ("ACCOUNT_OWNER", "EXECUTIVE_SPONSOR")
            for k in known[: rng.randint(lo, hi)]:
                known_by.setdefault(k, []).append(mate)
                yield self._knows(mate, ids[k], 0.35 if strong else 0.1, 1.0 if strong else 0.8, 80.0)
        self.covering = taken

    def _influences(
        self,
        opp: OpportunityPlan,
        ids: Sequence[str],
        org: Sequence[OrgMember],
        alone: set[int],
        known_by: dict[int, list[str]],
    ) -> Iterator[Record]:
        """The buying centre of a deal; a champion is someone of ours knows."""
        rng = self.rng
        pools = {
            "ECONOMIC_BUYER": [k for k, m in enumerate(org) if m.seniority in ("C_LEVEL", "VP")],
            "TECHNICAL_BUYER": [
                k
                for k, m in enumerate(org)
                if m.department in TECH_DEPARTMENTS and m.seniority != "INDIVIDUAL"
            ],
            "USER_BUYER": [k for k, m in enumerate(org) if m.seniority in ("MANAGER", "INDIVIDUAL")],
            "COACH": [k for k, m in enumerate(org) if m.seniority != "C_LEVEL"],
            "BLOCKER": list(range(len(org))),
        }
        used: list[int] = []
        for role, chance in ROLE_CHANCE.items():
            pool = [k for k in pools[role] if k not in used and k not in alone]
            if not pool or rng.random() >= chance:
                continue
            k = rng.choice(pool)
            used.append(k)
            stance = rng.choices(STANCES, STANCE_WEIGHTS.get(role, STANCE_WEIGHTS["OTHER"]))[0]
            if stance == "CHAMPION" and not self.covering:
                stance = "SUPPORTER"  # a champion is someone of ours knows, and we know whom we cover
            yield {"kind": "INFLUENCES", "from": ids[k], "to": opp.id, "role": role, "stance": stance}
            if stance == "CHAMPION" and k not in known_by:
                mate = rng.choice(self.covering)
                known_by[k] = [mate]
                yield self._knows(mate, ids[k], 0.5, 1.0, 45.0)

    # -- across companies --------------------------------------------------------

    def _cross_knows(self) -> Iterator[Record]:
        """Preferential attachment over everyone but our team, across companies:
        who is placed early and gets picked often becomes a hub."""
        rng, company_of = self.rng, self.company_of
        home = {c for c, cp in enumerate(self.plan.companies) if cp.role == HOME}
        alone = self.alone
        order = array(
            "I", (i for i in range(len(company_of)) if company_of[i] not in home and i not in alone)
        )
        rng.shuffle(order)
        ends = array("I")
        choices, weights = self.plan.cross_knows, self.plan.cross_weights
        for pos, v in enumerate(order):
            if pos == 0:
                continue
            want = rng.choices(choices, weights)[0]
            chosen: list[int] = []
            cv = company_of[v]
            for _ in range(want * 3):
                if len(chosen) == want:
                    break
                t = (
                    ends[rng.randrange(len(ends))]
                    if ends and rng.random() < 0.75
                    else order[rng.randrange(pos)]
                )
                if company_of[t] != cv and t not in chosen:
                    chosen.append(t)
            if chosen:
                a = self.person_id(v)
                for t in chosen:
                    ends.append(v)
                    ends.append(t)
                    yield self._knows(a, self.person_id(t), 0.1, 0.7, 150.0)


def generate(people: int, seed: int = 42) -> Iterator[Record]:
    """The records of a synthetic graph of ``people`` people, the same for a seed.

    >>> records = list(generate(300, seed=7))
    >>> sum(r["kind"] == "PERSON" for r in records)
    300
    >>> sum(r.get("home") is True for r in records)
    1
    """
    from kamgraph.synth.market import market_plan

    rng = random.Random(seed)
    plan = market_plan(people, rng)
    yield from Emitter(plan, rng).records()


__all__ = ["REFERENCE_DATE", "CompanyPlan", "Emitter", "OpportunityPlan", "Plan", "Record", "day", "generate"]
