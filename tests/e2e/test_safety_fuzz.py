"""Random mutation inputs over the in-process service: never a 500 nor an unmasked error,
never a partial write (a call either writes all of its items or none)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kamgraph.config import Settings
from kamgraph.store.protocol import GraphStore
from tests.e2e.conftest import Api, start_api

IDS = st.sampled_from(["a", "b", "c", "acme", "us", "' OR 1=1 --", "x" * 300, ""])
TEXT = st.one_of(st.text(max_size=40), st.sampled_from(["' OR 1=1 --", '"}) MATCH (n) DETACH DELETE n //']))
NUMBER = st.one_of(st.floats(allow_nan=False, allow_infinity=False, width=32), st.integers(-5, 10))
ANY = st.one_of(st.none(), TEXT, NUMBER, st.booleans(), st.lists(TEXT, max_size=3))
DATE = st.one_of(st.dates().map(str), TEXT)


def maybe(value: st.SearchStrategy[Any], wrong: float = 0.1) -> st.SearchStrategy[Any]:
    """Usually ``value``, sometimes anything at all (a wrong type)."""
    return st.one_of(value, ANY) if wrong else value


COMPANY = st.fixed_dictionaries(
    {"id": IDS, "name": maybe(TEXT)},
    optional={
        "tier": maybe(st.sampled_from(["STRATEGIC", "KEY", "GROWTH", "STANDARD"])),
        "status": st.sampled_from(["PROSPECT", "CUSTOMER", "FORMER", "NOPE"]),
        "home": maybe(st.booleans()),
        "annualRevenue": maybe(NUMBER),
        "currentSpend": NUMBER,
        "tags": maybe(st.lists(TEXT, max_size=3)),
        "website": TEXT,
    },
)
PERSON = st.fixed_dictionaries(
    {"id": IDS, "name": maybe(TEXT)},
    optional={
        "seniority": st.sampled_from(["C_LEVEL", "VP", "INTERN"]),
        "decisionMaker": maybe(st.booleans()),
        "email": TEXT,
        "notes": maybe(TEXT),
        "bogus": TEXT,
    },
)
RELATIONSHIP = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(["WORKS_AT", "KNOWS", "REPORTS_TO", "USES", "COVERS", "SUPPLIES", "NOPE"]),
        "from": IDS,
        "to": IDS,
    },
    optional={
        "strength": maybe(NUMBER),
        "since": DATE,
        "current": maybe(st.booleans()),
        "share": NUMBER,
        "satisfaction": maybe(st.integers(-3, 9)),
        "role": TEXT,
        "level": st.integers(-1, 5),
    },
)
CALLS = st.one_of(
    st.tuples(
        st.just("upsertCompanies(input: $in) { id }"),
        st.just("[CompanyInput!]!"),
        st.lists(COMPANY, max_size=4),
    ),
    st.tuples(
        st.just("upsertPeople(input: $in) { id }"), st.just("[PersonInput!]!"), st.lists(PERSON, max_size=4)
    ),
    st.tuples(
        st.just("relate(input: $in) { kind }"),
        st.just("[RelationshipInput!]!"),
        st.lists(RELATIONSHIP, max_size=4),
    ),
    st.tuples(
        st.just("unrelate(input: $in)"),
        st.just("[RelationshipKeyInput!]!"),
        st.lists(RELATIONSHIP, max_size=3),
    ),
    st.tuples(st.just("deleteNodes(ids: $in)"), st.just("[ID!]!"), st.lists(IDS, max_size=3)),
)


@pytest.fixture
async def fuzz_api(embedded_store: GraphStore, tmp_path: Path) -> AsyncIterator[Api]:
    async with AsyncExitStack() as stack:
        settings = Settings(store=":memory:", keys_file=str(tmp_path / "none.toml"), dev=True)
        api = await start_api(stack, "asgi", embedded_store, settings)
        await api.query('mutation { upsertCompanies(input: [{id: "us", name: "Us", home: true}]) { id } }')
        yield api


async def _state(api: Api) -> tuple[dict[str, int], int]:
    counts = await api.store.counts()
    _, _, audited = await api.store.audit_log(1)
    return counts, audited


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(call=CALLS)
async def test_random_mutations_fail_cleanly_or_write_everything(
    fuzz_api: Api, call: tuple[str, str, list[Any]]
) -> None:
    field, type_, items = call
    before = await _state(fuzz_api)
    r = await fuzz_api.post(f"mutation($in: {type_}) {{ {field} }}", {"in": items})
    assert r.status_code in (200, 400), r.text
    body = r.json()
    errors = body.get("errors", [])
    for e in errors:
        code = e.get("extensions", {}).get("code")
        assert code not in (None, "INTERNAL"), e
        assert "Traceback" not in e["message"] and "sqlite" not in e["message"].lower()
    after = await _state(fuzz_api)
    event("refused" if errors else "written")
    if errors:
        assert after == before, "a refused call must write nothing"
    else:
        assert after[1] == before[1] + 1, "a successful write is audited once"
