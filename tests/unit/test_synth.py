"""Synthetic data: the generator, the demo data set, the writers and ``kamgraph generate``."""

from __future__ import annotations

import csv
import json
import random
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

from kamgraph.cli import main
from kamgraph.domain.model import REL_SPECS, NodeKind, PersonFilter, RelationshipKey, RelationshipKind
from kamgraph.domain.rules import validate_nodes, validate_relationships
from kamgraph.io.formats import NODE_COLUMNS, RELATIONSHIP_COLUMNS, is_node, write_csv, write_ndjson
from kamgraph.synth import demo
from kamgraph.synth.generator import REFERENCE_DATE, generate
from kamgraph.synth.orgs import build_org, level_sizes

Record = dict[str, Any]
STAGES = {"PROSPECTING", "QUALIFYING", "PROPOSAL", "NEGOTIATION", "WON", "LOST"}


@pytest.fixture(scope="module")
def graph() -> list[Record]:
    return list(generate(3000, seed=11))


@pytest.fixture(scope="module")
def demo_graph() -> list[Record]:
    return demo.demo_records()


def check_stream(records: Iterable[Record]) -> dict[str, NodeKind]:
    """Every record validates, every relationship's ends come before it with the
    kinds its spec wants, and no relationship or node is given twice."""
    kinds: dict[str, NodeKind] = {}
    nodes: dict[NodeKind, list[Record]] = defaultdict(list)
    rels: list[Record] = []
    keys: set[RelationshipKey] = set()
    for r in records:
        if is_node(r):
            assert r["id"] not in kinds, r
            kinds[r["id"]] = NodeKind(r["kind"])
            nodes[kinds[r["id"]]].append(r)
            continue
        spec = REL_SPECS[RelationshipKind(r["kind"])]
        assert kinds.get(r["from"]) is spec.from_kind, r
        assert kinds.get(r["to"]) is spec.to_kind, r
        key = RelationshipKey(RelationshipKind(r["kind"]), r["from"], r["to"]).normalised()
        assert key not in keys, r
        keys.add(key)
        rels.append(r)
    for kind, items in nodes.items():
        assert len(validate_nodes(kind, items)) == len(items)
    assert len(validate_relationships(rels)) == len(rels)
    return kinds


def knows_degrees(records: Iterable[Record]) -> Counter[str]:
    degree: Counter[str] = Counter()
    for r in records:
        if r["kind"] == "KNOWS":
            degree[r["from"]] += 1
            degree[r["to"]] += 1
    return degree


# -- generator ------------------------------------------------------------------


def test_same_seed_same_records_and_another_seed_differs() -> None:
    first = list(generate(400, seed=5))
    assert first == list(generate(400, seed=5))
    assert first != list(generate(400, seed=6))


def test_exactly_the_people_asked_for_and_a_floor() -> None:
    assert sum(r["kind"] == "PERSON" for r in generate(1234, seed=1)) == 1234
    with pytest.raises(ValueError, match="at least"):
        list(generate(50, seed=1))


def test_every_record_validates_and_comes_after_its_ends(graph: list[Record]) -> None:
    kinds = check_stream(graph)
    assert sum(k is NodeKind.PERSON for k in kinds.values()) == 3000


def test_market_structure(graph: list[Record]) -> None:
    companies = [r for r in graph if r["kind"] == "COMPANY"]
    assert [c["id"] for c in companies if c.get("home")] == ["c-00001"]
    accounts = [c for c in companies if not c.get("home") and ("tier" in c or "status" in c)]
    assert 3000 / 200 <= len(companies) <= 3000 / 50
    assert len({c["industry"] for c in accounts}) >= 6
    assert {c.get("tier") for c in accounts} >= {"STRATEGIC", "KEY", "GROWTH", "STANDARD"}
    competitors = {r["from"] for r in graph if r["kind"] == "COMPETES_WITH" and r["to"] == "c-00001"}
    assert len(competitors) >= 4
    offers = {r["from"] for r in graph if r["kind"] == "OFFERS"}
    assert competitors <= offers
    uses = [r for r in graph if r["kind"] == "USES"]
    assert all("contractEnd" in u and 1 <= u["satisfaction"] <= 5 for u in uses)
    opportunities = [r for r in graph if r["kind"] == "OPPORTUNITY"]
    assert {o["stage"] for o in opportunities} == STAGES
    assert all("lossReason" in o for o in opportunities if o["stage"] == "LOST")
    targeted = Counter(r["from"] for r in graph if r["kind"] == "TARGETS")
    assert set(targeted) == {o["id"] for o in opportunities} and set(targeted.values()) == {1}
    assert {r["role"] for r in graph if r["kind"] == "COVERS"} == {
        "ACCOUNT_OWNER",
        "EXECUTIVE_SPONSOR",
        "SPECIALIST",
        "SUPPORT",
    }
    assert {r["role"] for r in graph if r["kind"] == "INFLUENCES"} == {
        "ECONOMIC_BUYER",
        "TECHNICAL_BUYER",
        "USER_BUYER",
        "COACH",
        "BLOCKER",
    }
    supplies = [r for r in graph if r["kind"] == "SUPPLIES"]
    assert supplies and all(0 <= s["share"] <= 1 and s["category"] for s in supplies)


def test_org_charts_have_spans_of_3_to_10_and_consistent_seniority(graph: list[Record]) -> None:
    people = {r["id"]: r for r in graph if r["kind"] == "PERSON"}
    employer = {r["from"]: r["to"] for r in graph if r["kind"] == "WORKS_AT" and r["current"]}
    assert set(employer) == set(people)
    spans: Counter[str] = Counter()
    rank = {"C_LEVEL": 0, "VP": 1, "DIRECTOR": 2, "MANAGER": 3, "INDIVIDUAL": 4}
    for r in graph:
        if r["kind"] == "REPORTS_TO":
            spans[r["to"]] += 1
            assert employer[r["from"]] == employer[r["to"]]
            assert rank[people[r["to"]]["seniority"]] <= rank[people[r["from"]]["seniority"]]
    assert spans and all(3 <= s <= 10 for s in spans.values())
    reporting = {r["from"] for r in graph if r["kind"] == "REPORTS_TO"}
    roots = [p for p in people if p not in reporting]
    assert len(roots) == len(set(employer.values()))  # one CEO per company
    assert all(people[p]["title"] == "Chief Executive Officer" for p in roots)
    for p in people.values():
        if p["seniority"] in ("C_LEVEL", "VP"):
            assert p["decisionMaker"] is True
        if p["seniority"] in ("MANAGER", "INDIVIDUAL"):
            assert p["decisionMaker"] is False
    former = [r for r in graph if r["kind"] == "WORKS_AT" and not r["current"]]
    assert 0.05 * len(people) < len(former) < 0.2 * len(people)
    assert all(f["until"] < REFERENCE_DATE.isoformat() and f["since"] < f["until"] for f in former)


@pytest.mark.parametrize("n", [4, 5, 7, 8, 9, 11, 12, 13, 25, 40, 77, 150, 999, 4000])
def test_build_org_spans(n: int) -> None:
    for seed in range(5):
        sizes = level_sizes(n, random.Random(seed))
        assert sum(sizes) == n and sizes[0] == 1
        org = build_org(n, random.Random(seed), ("Finance", "IT", "Operations", "Data"))
        spans = Counter(m.manager for m in org if m.manager >= 0)
        assert all(3 <= s <= 10 for s in spans.values()), (n, seed, spans)
        assert [m.manager for m in org].count(-1) == 1
        assert all(org[m.manager].level == m.level - 1 for m in org if m.manager >= 0)


def test_about_ten_ties_per_person_mostly_knows_with_a_heavy_tail(graph: list[Record]) -> None:
    counts = Counter(r["kind"] for r in graph)
    ties = sum(counts[k] for k in ("KNOWS", "REPORTS_TO", "WORKS_AT", "INTERESTED_IN"))
    assert 8 <= ties / counts["PERSON"] <= 12
    assert counts["KNOWS"] > ties / 2
    degree = knows_degrees(graph)
    assert max(degree.values()) >= 5 * statistics.median(degree.values())
    knows = [r for r in graph if r["kind"] == "KNOWS"]
    strengths = [k["strength"] for k in knows]
    assert min(strengths) >= 0.1 and max(strengths) <= 1.0 and statistics.pstdev(strengths) > 0.1
    home_team = {
        r["from"] for r in graph if r["kind"] == "WORKS_AT" and r["to"] == "c-00001" and r["current"]
    }
    employer = {r["from"]: r["to"] for r in graph if r["kind"] == "WORKS_AT" and r["current"]}
    into_accounts = [k for k in knows if (k["from"] in home_team) != (k["to"] in home_team)]
    assert into_accounts
    covered = {(r["from"], r["to"]) for r in graph if r["kind"] == "COVERS"}
    for k in into_accounts:  # our team knows people at the accounts it covers
        mate, other = (k["from"], k["to"]) if k["from"] in home_team else (k["to"], k["from"])
        assert (mate, employer[other]) in covered
    interests = Counter(r["to"] for r in graph if r["kind"] == "INTERESTED_IN")
    ranked = [interests[f"i-{k:03d}"] for k in range(1, 56)]
    assert ranked[0] > 5 * ranked[-1]  # Zipf: the first interest is far more popular


# -- demo -------------------------------------------------------------------------


def test_demo_is_deterministic_and_valid(demo_graph: list[Record]) -> None:
    assert demo_graph == demo.demo_records()
    check_stream(demo_graph)


def test_demo_counts(demo_graph: list[Record]) -> None:
    by_kind: dict[str, list[Record]] = defaultdict(list)
    for r in demo_graph:
        by_kind[r["kind"]].append(r)
    companies = {c["id"]: c for c in by_kind["COMPANY"]}
    accounts = [c for c in companies.values() if not c.get("home") and ("tier" in c or "status" in c)]
    assert 38 <= len(accounts) <= 42
    assert len({c["industry"] for c in accounts}) >= 6
    competitors = {r["from"] for r in by_kind["COMPETES_WITH"] if r["to"] == demo.HOME_ID}
    assert len(competitors) == 8
    assert 1400 <= len(by_kind["PERSON"]) <= 1600
    team = [r for r in by_kind["WORKS_AT"] if r["to"] == demo.HOME_ID and r["current"]]
    assert 20 <= len(team) <= 30
    assert 70 <= len(by_kind["OPPORTUNITY"]) <= 90
    assert {o["stage"] for o in by_kind["OPPORTUNITY"]} == STAGES
    assert {"BLOCKER", "COACH"} <= {r["role"] for r in by_kind["INFLUENCES"]}
    assert {r["stance"] for r in by_kind["INFLUENCES"]} >= {"CHAMPION", "OPPONENT"}
    incumbent = [
        u
        for u in by_kind["USES"]
        if u["to"] in {o["to"] for o in by_kind["OFFERS"] if o["from"] in competitors}
    ]
    assert len(incumbent) >= 10 and all("contractEnd" in u for u in incumbent)
    supplied = {r["to"] for r in by_kind["SUPPLIES"]}
    suppliers = {r["from"] for r in by_kind["SUPPLIES"]}
    assert supplied & suppliers  # chains of at least two tiers


def test_demo_notable_ids(demo_graph: list[Record]) -> None:
    nodes = {r["id"]: r for r in demo_graph if is_node(r)}
    assert nodes[demo.HOME_ID]["home"] is True
    assert nodes[demo.STRATEGIC_ACCOUNT]["tier"] == "STRATEGIC"
    dm = nodes[demo.DECISION_MAKER]
    assert dm["decisionMaker"] is True and dm["title"] == "Chief Executive Officer"
    assert {"kind": "WORKS_AT", "from": demo.DECISION_MAKER, "to": demo.STRATEGIC_ACCOUNT} in [
        {k: r[k] for k in ("kind", "from", "to")} for r in demo_graph if r["kind"] == "WORKS_AT"
    ]
    covers = [r for r in demo_graph if r["kind"] == "COVERS" and r["from"] == demo.TEAMMATE]
    assert {"to": demo.STRATEGIC_ACCOUNT, "role": "ACCOUNT_OWNER"} in [
        {"to": r["to"], "role": r["role"]} for r in covers
    ]
    at_globex = {
        r["from"] for r in demo_graph if r["kind"] == "WORKS_AT" and r["to"] == demo.STRATEGIC_ACCOUNT
    }
    known = [
        r
        for r in demo_graph
        if r["kind"] == "KNOWS"
        and demo.TEAMMATE in (r["from"], r["to"])
        and ({r["from"], r["to"]} & at_globex)
    ]
    assert known


def test_demo_team_ties_are_both_stale_and_recent(demo_graph: list[Record]) -> None:
    team = {r["from"] for r in demo_graph if r["kind"] == "WORKS_AT" and r["to"] == demo.HOME_ID}
    contacts = [
        r["lastContact"]
        for r in demo_graph
        if r["kind"] == "KNOWS" and (r["from"] in team) != (r["to"] in team)
    ]
    stale_before = "2025-10-03"  # 90 days before the reference date 2026-01-01
    stale = sum(c < stale_before for c in contacts)
    assert 0.15 * len(contacts) < stale < 0.6 * len(contacts)
    assert max(contacts) >= "2025-12-01"


async def test_load_demo_fills_an_empty_store_once() -> None:
    from kamgraph.store.embedded.store import EmbeddedStore

    store = EmbeddedStore(":memory:")
    await store.open()
    try:
        assert await demo.load_demo(store) is True
        assert await demo.load_demo(store) is False
        home = await store.home_company()
        assert home is not None and home.id == demo.HOME_ID
        people = await store.list_people(PersonFilter(company_id=demo.STRATEGIC_ACCOUNT), 1)
        expected = sum(
            1
            for r in demo.demo_records()
            if r["kind"] == "WORKS_AT" and r["to"] == demo.STRATEGIC_ACCOUNT and r["current"]
        )
        assert people.total_count == expected
        counts = await store.counts()
        assert sum(counts.values()) == len(demo.demo_records())
    finally:
        await store.close()


# -- writers and the command ---------------------------------------------------------


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(value)
    return str(value)


def test_ndjson_and_csv_hold_every_record(tmp_path: Path) -> None:
    records = list(generate(150, seed=2))
    counts = write_ndjson(iter(records), tmp_path / "graph.ndjson")
    lines = (tmp_path / "graph.ndjson").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == records
    assert counts == Counter(r["kind"] for r in records)
    write_csv(iter(records), tmp_path / "csv")
    rows: dict[str, list[Mapping[str, str]]] = {}
    for name in ("companies", "people", "interests", "products", "opportunities", "relationships"):
        with open(tmp_path / "csv" / f"{name}.csv", encoding="utf-8", newline="") as f:
            rows[name] = list(csv.DictReader(f))
    assert list(rows["people"][0]) == list(NODE_COLUMNS[NodeKind.PERSON])
    assert list(rows["relationships"][0]) == list(RELATIONSHIP_COLUMNS)
    assert len(rows["relationships"]) == sum(not is_node(r) for r in records)
    first = next(r for r in records if r["kind"] == "COMPANY" and r.get("tags"))
    row = next(c for c in rows["companies"] if c["id"] == first["id"])
    assert {k: v for k, v in row.items() if v} == {k: _cell(v) for k, v in first.items() if k != "kind"}
    rel = next(r for r in records if r["kind"] == "WORKS_AT")
    assert any(
        {k: v for k, v in row.items() if v} == {k: _cell(v) for k, v in rel.items()}
        for row in rows["relationships"]
    )


def test_csv_refuses_a_field_it_has_no_column_for(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="column"):
        write_csv([{"kind": "PERSON", "id": "p-1", "name": "A", "shoeSize": 44}], tmp_path)


@pytest.mark.parametrize("fmt", ["ndjson", "csv"])
def test_generate_command(tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    assert main(["generate", "--people", "200", "--seed", "3", "--format", fmt, "-o", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "PERSON" in out and "KNOWS" in out and "records" in out
    if fmt == "ndjson":
        lines = (tmp_path / "graph.ndjson").read_text(encoding="utf-8").splitlines()
        assert [json.loads(line) for line in lines] == list(generate(200, seed=3))
    else:
        with open(tmp_path / "people.csv", encoding="utf-8") as f:
            assert sum(1 for _ in f) == 201


def test_generate_command_refuses_too_few_people(tmp_path: Path) -> None:
    assert main(["generate", "--people", "10", "-o", str(tmp_path)]) == 2


def test_demo_docstring_facts(demo_graph: list[Record]) -> None:
    nodes = {r["id"]: r for r in demo_graph if is_node(r)}
    accounts = [n for n in nodes.values() if n["kind"] == "COMPANY" and ("tier" in n or "status" in n)]
    assert len({a["industry"] for a in accounts}) == 14
    strategic = sorted(n["id"] for n in nodes.values() if n.get("tier") == "STRATEGIC")
    assert strategic == ["acct-globex", "acct-initech", "acct-soylent", "acct-umbrella", "acct-wayne"]
    opps = sorted(
        r["from"] for r in demo_graph if r["kind"] == "TARGETS" and r["to"] == demo.STRATEGIC_ACCOUNT
    )
    assert opps == ["o-00001", "o-00002", "o-00003", "o-00004", "o-00005"]
    stages = ["PROSPECTING", "QUALIFYING", "PROPOSAL", "NEGOTIATION", "WON"]
    assert [nodes[o]["stage"] for o in opps] == stages
    offered_by = {r["to"]: r["from"] for r in demo_graph if r["kind"] == "OFFERS"}
    incumbents = {
        offered_by[r["to"]]
        for r in demo_graph
        if r["kind"] == "USES" and r["from"] == demo.STRATEGIC_ACCOUNT and offered_by[r["to"]] != demo.HOME_ID
    }
    assert incumbents == {"comp-proseware", "comp-wingtip"}
    team = {r["from"] for r in demo_graph if r["kind"] == "WORKS_AT" and r["to"] == demo.HOME_ID}
    ceo_ties = [
        r
        for r in demo_graph
        if r["kind"] == "KNOWS"
        and demo.DECISION_MAKER in (r["from"], r["to"])
        and {r["from"], r["to"]} & team
    ]
    assert ceo_ties == []
    assert nodes[demo.TEAMMATE]["title"] == "Senior Account Executive"
    at_globex = {
        r["from"] for r in demo_graph if r["kind"] == "WORKS_AT" and r["to"] == demo.STRATEGIC_ACCOUNT
    }
    owner_ties = [
        r
        for r in demo_graph
        if r["kind"] == "KNOWS" and demo.TEAMMATE in (r["from"], r["to"]) and {r["from"], r["to"]} & at_globex
    ]
    executives = {p for p in at_globex if nodes[p]["seniority"] == "C_LEVEL"}
    to_executives = [t for t in owner_ties if {t["from"], t["to"]} & executives]
    assert sorted(t["to"] for t in to_executives) == ["p-globex-006", "p-globex-008"]
    assert nodes["p-globex-006"]["title"] == "Chief Operating Officer"
    assert {"kind": "INFLUENCES", "from": "p-globex-006", "to": "o-00001", "role": "ECONOMIC_BUYER",
            "stance": "SKEPTIC"} in demo_graph
