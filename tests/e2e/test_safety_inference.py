"""A viewer learns nothing personal by inference: on both stores, every answer a
viewer gets — listings, acquaintances, and the analyses with their rankings and
scores — is the same whatever the hidden personal values are (KNOWS strengths and
dates, who is interested in what, emails and notes). Hypothesis draws the hidden
values; the viewer's answers must equal those of a world with none of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kamgraph.store.protocol import GraphStore
from tests.e2e.safety_support import Keyed, start_keyed

TIES = [("me", "ceo"), ("you", "eng"), ("eng", "cto"), ("me", "eng"), ("you", "cto"), ("cto", "ceo")]
INTERESTS = [(p, i) for p in ("me", "you", "ceo", "cto", "eng") for i in ("golf", "jazz")]

SEED = """mutation($p: [PersonInput!]!, $r: [RelationshipInput!]!) {
  upsertCompanies(input: [{id: "us", name: "Us", home: true},
                          {id: "acme", name: "Acme", tier: STRATEGIC, status: CUSTOMER}]) { id }
  upsertInterests(input: [{id: "golf", name: "Golf"}, {id: "jazz", name: "Jazz"}]) { id }
  upsertOpportunities(input: [{id: "o1", name: "o1", stage: PROPOSAL, amount: 10}]) { id }
  upsertPeople(input: $p) { id }
  relate(input: $r) { kind }
}"""

VIEWER_QUERIES = [
    '{ person(id: "me") { name knows { person { id } } } }',
    '{ people(filter: {companyId: "acme"}) { totalCount edges { node { id name title } } } }',
    '{ search(text: "e") { id name } }',
    '{ influencePaths(to: "ceo", maxHops: 3, limit: 5) { score hops people { id } steps { tie } } }',
    '{ influencePaths(to: "cto", maxHops: 1) { score } }',
    """{ relationshipGaps(account: "acme", staleDays: 1, asOf: "2025-06-01") {
         coverage threads singleThreaded covered { id } decisionMakers { id }
         stale { teammate { id } person { id } } uncovered { person { id } bestPath { score } } } }""",
    '{ relationshipGaps(account: "acme", minStrength: 0.89) { covered { id } } }',
    '{ keyInfluencers(account: "acme") { person { id } score } }',
    "{ accountPriorities { company { id } score coverage } }",
]


def _people(hidden: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for pid in ("me", "you"):
        out.append({"id": pid, "name": pid.title(), **hidden.get(pid, {})})
    for pid, extra in (
        ("ceo", {"seniority": "C_LEVEL", "decisionMaker": True}),
        ("cto", {"decisionMaker": True}),
        ("eng", {}),
    ):
        out.append({"id": pid, "name": pid.upper(), "title": pid, **extra, **hidden.get(pid, {})})
    return out


def _relationships(
    strengths: list[float | None], dates: list[str | None], interests: list[bool]
) -> list[dict[str, Any]]:
    rels: list[dict[str, Any]] = [{"kind": "WORKS_AT", "from": p, "to": "us"} for p in ("me", "you")] + [
        {"kind": "WORKS_AT", "from": p, "to": "acme"} for p in ("ceo", "cto", "eng")
    ]
    rels += [
        {"kind": "REPORTS_TO", "from": "cto", "to": "ceo"},
        {"kind": "REPORTS_TO", "from": "eng", "to": "cto"},
        {"kind": "COVERS", "from": "me", "to": "acme"},
        {"kind": "TARGETS", "from": "o1", "to": "acme"},
    ]
    for (a, b), strength, date in zip(TIES, strengths, dates, strict=True):
        tie: dict[str, Any] = {"kind": "KNOWS", "from": a, "to": b}
        if strength is not None:
            tie["strength"] = strength
        if date is not None:
            tie["lastContact"] = tie["since"] = date
            tie["source"] = "met at " + date
        rels.append(tie)
    rels += [
        {"kind": "INTERESTED_IN", "from": p, "to": i}
        for (p, i), on in zip(INTERESTS, interests, strict=True)
        if on
    ]
    return rels


HIDDEN = st.fixed_dictionaries(
    {
        "strengths": st.lists(
            st.one_of(st.none(), st.floats(0, 1).map(lambda x: round(x, 2))),
            min_size=len(TIES),
            max_size=len(TIES),
        ),
        "dates": st.lists(
            st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)).map(str)),
            min_size=len(TIES),
            max_size=len(TIES),
        ),
        "interests": st.lists(st.booleans(), min_size=len(INTERESTS), max_size=len(INTERESTS)),
        "email": st.one_of(st.none(), st.emails()),
        "notes": st.one_of(st.none(), st.text(max_size=20)),
    }
)


async def _viewer_answers(keyed: Keyed, store: GraphStore, hidden: dict[str, Any] | None) -> list[Any]:
    await store.clear()
    personal: dict[str, dict[str, Any]] = {}
    if hidden is not None:
        personal = {p: {"email": hidden["email"], "notes": hidden["notes"]} for p in ("me", "ceo")}
        rels = _relationships(hidden["strengths"], hidden["dates"], hidden["interests"])
    else:
        rels = _relationships([None] * len(TIES), [None] * len(TIES), [False] * len(INTERESTS))
    await keyed.data("admin", SEED, {"p": _people(personal), "r": rels})
    return [await keyed.data("viewer", q) for q in VIEWER_QUERIES]


@pytest.fixture
async def keyed(store: GraphStore, tmp_path: Path) -> AsyncIterator[Keyed]:
    async with AsyncExitStack() as stack:
        yield await start_keyed(stack, store, tmp_path)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(hidden=HIDDEN)
async def test_a_viewers_answers_do_not_depend_on_personal_values(
    keyed: Keyed, store: GraphStore, hidden: dict[str, Any]
) -> None:
    baseline = await _viewer_answers(keyed, store, None)
    assert baseline[3]["influencePaths"], "the world has paths to find"
    assert await _viewer_answers(keyed, store, hidden) == baseline
