"""The generated graphs, read back as plain rows, and the facts the queries need."""

from __future__ import annotations

import csv
import random
import subprocess
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kambench.env import DATA, KAMGRAPH

NODE_FILES = {
    "companies": "Company",
    "people": "Person",
    "interests": "Interest",
    "products": "Product",
    "opportunities": "Opportunity",
}
UNDIRECTED = {"KNOWS", "COMPETES_WITH", "PARTNERS_WITH"}
_FLOATS = {"annualRevenue", "currentSpend", "potentialSpend", "amount", "strength", "share", "spend"}
_INTS = {"level", "satisfaction"}
_BOOLS = {"home", "decisionMaker", "current"}
_LISTS = {"tags"}
#: the size of the org chart the latency target speaks of
ORG_CHART_TARGET = 500
#: how many accounts the influence-path and gap queries cycle through, and the sample's seed
SAMPLE_SIZE = 25
SAMPLE_SEED = 1


def dataset(people: int, seed: int = 1) -> Path:
    """The CSV directory of the graph of ``people`` people (generated once)."""
    out = DATA / f"p{people}" / "csv"
    if not (out / "relationships.csv").exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [KAMGRAPH, "generate", "--people", str(people), "--seed", str(seed), "--format", "csv",
             "-o", str(out)],
            check=True,
        )
    return out


def _value(field: str, text: str) -> Any:
    if field in _FLOATS:
        return float(text)
    if field in _INTS:
        return int(text)
    if field in _BOOLS:
        return text.lower() == "true"
    if field in _LISTS:
        return text.split(";")
    return text


def _props(row: dict[str, str], skip: tuple[str, ...]) -> dict[str, Any]:
    return {k: _value(k, v) for k, v in row.items() if v != "" and k not in skip}


def node_rows(csv_dir: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """(label, {id, name, other properties}) for every node row, properties typed."""
    for stem, label in NODE_FILES.items():
        for path in sorted(csv_dir.glob(f"{stem}*.csv")):
            with path.open(newline="") as f:
                for row in csv.DictReader(f):
                    yield label, _props(row, ())


def relationship_rows(csv_dir: Path) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """(kind, from, to, properties) for every relationship row; undirected ones as src < dst."""
    for path in sorted(csv_dir.glob("relationships*.csv")):
        with path.open(newline="") as f:
            for row in csv.DictReader(f):
                src, dst = row["from"], row["to"]
                if row["kind"] in UNDIRECTED and dst < src:
                    src, dst = dst, src
                yield row["kind"], src, dst, _props(row, ("kind", "from", "to"))


def count_rows(csv_dir: Path) -> int:
    n = 0
    for path in csv_dir.glob("*.csv"):
        with path.open() as f:
            n += sum(1 for _ in f) - 1
    return n


@dataclass(frozen=True)
class Facts:
    """What the fixed query set is asked about, chosen from the data."""

    rows: int
    org_company: str
    org_company_name: str
    org_size: int  # current people of org_company
    largest_company_size: int
    account: str  # the worst case of the influence-path and gap queries: most decision-makers
    decision_maker: str  # the first decision-maker of `account`
    accounts: int
    account_decision_makers: int  # of `account`
    account_size: int  # current people of `account`
    accounts_with_decision_makers: int
    #: (account, its first decision-maker) of a seeded sample of the accounts with a
    #: decision-maker: what the influence-path and gap queries cycle through
    sample: tuple[tuple[str, str], ...]


def facts(csv_dir: Path) -> Facts:
    """The company whose org chart is closest to 500 people (not above it: one page holds 500);
    the account with most decision-makers (the worst case of the influence-path and gap
    queries); and a seeded sample of up to ``SAMPLE_SIZE`` accounts with a decision-maker, each
    with its first decision-maker (what a user typically asks about).

    Decision-makers here are the people currently working at the account with decisionMaker
    true or seniority C_LEVEL or VP (the INFLUENCES roles of the domain's definition left out)."""
    people: dict[str, dict[str, str]] = {}
    with (csv_dir / "people.csv").open(newline="") as f:
        for row in csv.DictReader(f):
            people[row["id"]] = row
    companies: dict[str, dict[str, str]] = {}
    with (csv_dir / "companies.csv").open(newline="") as f:
        for row in csv.DictReader(f):
            companies[row["id"]] = row
    staff: Counter[str] = Counter()
    makers: dict[str, list[str]] = defaultdict(list)
    for kind, src, dst, props in relationship_rows(csv_dir):
        if kind == "WORKS_AT" and props.get("current", True):
            staff[dst] += 1
            p = people[src]
            if p["decisionMaker"].lower() == "true" or p["seniority"] in ("C_LEVEL", "VP"):
                makers[dst].append(src)
    fitting = [c for c in staff if staff[c] <= ORG_CHART_TARGET] or list(staff)
    org = min(fitting, key=lambda c: (abs(staff[c] - ORG_CHART_TARGET), c))
    accounts = [
        c for c, row in companies.items()
        if row["home"].lower() != "true" and (row["tier"] or row["status"])
    ]
    account = max(accounts, key=lambda c: (len(makers[c]), c))
    eligible = sorted(c for c in accounts if makers[c])
    chosen = random.Random(SAMPLE_SEED).sample(eligible, min(SAMPLE_SIZE, len(eligible)))
    return Facts(
        rows=count_rows(csv_dir),
        org_company=org,
        org_company_name=companies[org]["name"],
        org_size=staff[org],
        largest_company_size=max(staff.values()),
        account=account,
        decision_maker=sorted(makers[account])[0],
        accounts=len(accounts),
        account_decision_makers=len(makers[account]),
        account_size=staff[account],
        accounts_with_decision_makers=len(eligible),
        sample=tuple((c, sorted(makers[c])[0]) for c in sorted(chosen)),
    )
