"""The attacks of the "hold under attack" review, each reproduced on both stores:
refused, or bounded in time and size.

Cost side-stepped by a float variable; a result far larger than its cost
estimate; personal data learnt through filters, thresholds and analyses; a keyed
service that loses its keys; a hidden write in a mutation document of several
fields; lone surrogates; and a JSON body nested too deeply.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from pathlib import Path

import pytest

from kamgraph.api.auth.keys import revoke_key
from kamgraph.config import Limits
from kamgraph.store.protocol import GraphStore
from tests.e2e.safety_support import Keyed, codes, start_keyed

PEOPLE = 30  # everyone KNOWS everyone: 435 ties, 29 acquaintances each

COSTLY = (
    "query($n: Int) { people(first: $n) "
    "{ edges { node { knows { person { knows { person { name } } } } } } } }"
)


async def _dense(keyed: Keyed) -> None:
    people = [{"id": f"p{i:02d}", "name": f"Person {i}"} for i in range(PEOPLE)]
    ties = [
        {"kind": "KNOWS", "from": f"p{i:02d}", "to": f"p{j:02d}", "strength": 0.5}
        for i in range(PEOPLE)
        for j in range(i + 1, PEOPLE)
    ]
    doc = (
        "mutation($p: [PersonInput!]!, $r: [RelationshipInput!]!) "
        "{ upsertPeople(input: $p) { id } relate(input: $r) { kind } }"
    )
    await keyed.data("admin", doc, {"p": people, "r": ties})


@pytest.fixture
async def keyed(store: GraphStore, tmp_path: Path) -> AsyncIterator[Keyed]:
    async with AsyncExitStack() as stack:
        yield await start_keyed(stack, store, tmp_path, limits=Limits(max_result_items=5_000))


async def test_a_float_variable_does_not_side_step_the_cost(keyed: Keyed) -> None:
    for n in (500, 500.0):
        body = (await keyed.post("viewer", COSTLY, {"n": n})).json()
        assert codes(body) == ["QUERY_TOO_COSTLY"], (n, body)
        assert body["errors"][0]["extensions"]["cost"] == 55_500


async def test_analyses_count_in_the_cost(keyed: Keyed) -> None:
    doc = "{ " + " ".join(f'a{i}: influencePaths(to: "x") {{ score }}' for i in range(11)) + " }"
    body = (await keyed.post("viewer", doc)).json()
    assert codes(body) == ["QUERY_TOO_COSTLY"], body


async def test_a_result_larger_than_its_limit_stops_before_it_is_built(keyed: Keyed) -> None:
    await _dense(keyed)
    # the estimate (30 + 300 + 3000) passes; the real result (30 x 29 x 29 acquaintances) does not
    start = time.monotonic()
    r = await keyed.post("viewer", COSTLY, {"n": PEOPLE})
    assert r.status_code == 400, r.text[:300]
    assert codes(r.json()) == ["RESULT_TOO_LARGE"]
    assert "5000 items" in r.json()["errors"][0]["message"]
    assert time.monotonic() - start < 10
    # one level less fits, and the service is fine afterwards
    small = "{ people(first: 30) { edges { node { knows { person { name } } } } } }"
    data = await keyed.data("viewer", small)
    assert sum(len(e["node"]["knows"]) for e in data["people"]["edges"]) == PEOPLE * (PEOPLE - 1)


async def test_the_timeout_holds_while_resolvers_run(store: GraphStore, tmp_path: Path) -> None:
    async with AsyncExitStack() as stack:
        await _dense(await start_keyed(stack, store, tmp_path / "seed"))
        k = await start_keyed(stack, store, tmp_path, limits=Limits(timeout_seconds=0.2, max_cost=10**6))
        start = time.monotonic()
        r = await k.post("viewer", COSTLY.replace("name", "name title"), {"n": PEOPLE})
        elapsed = time.monotonic() - start
        assert r.status_code == 504 and codes(r.json()) == ["TIMEOUT"], r.text[:300]
        assert elapsed < 0.2 + 1.0


# -- personal data by inference -------------------------------------------------------

PERSONAL_BY_INFERENCE = [
    ('{ people(filter: {interestId: "chess"}) { totalCount } }', None, "Query.people(filter.interestId)"),
    (
        "query($f: PersonFilter) { people(filter: $f) { edges { node { id } } } }",
        {"f": {"interestId": "chess", "companyId": "acme"}},
        "Query.people(filter.interestId)",
    ),
    (
        '{ person(id: "ann") { knows(minStrength: 0.88) { person { id } } } }',
        None,
        "Person.knows(minStrength)",
    ),
    ('{ icebreakers(target: "ann") { teammate { id } } }', None, "Query.icebreakers"),
]


@pytest.mark.parametrize(("query", "variables", "field"), PERSONAL_BY_INFERENCE)
async def test_a_viewer_cannot_filter_by_personal_data(
    keyed: Keyed, query: str, variables: dict[str, object] | None, field: str
) -> None:
    r = await keyed.post("viewer", query, variables)
    assert r.status_code == 403, r.text
    assert field in [e["extensions"]["field"] for e in r.json()["errors"]]
    assert (await keyed.post("analyst", query, variables)).status_code == 200
    # without the personal filter, the viewer's query runs
    if variables is not None:
        assert (await keyed.post("viewer", query, {"f": {"companyId": "acme"}})).status_code == 200


# -- fail closed ------------------------------------------------------------------------


async def test_a_keyed_service_that_loses_its_keys_file_refuses_everyone(
    keyed: Keyed, caplog: pytest.LogCaptureFixture
) -> None:
    assert (await keyed.post("admin", '{ personalData(id: "x") }')).status_code == 200
    moved = keyed.keys_file.with_name("moved.toml")
    keyed.keys_file.rename(moved)
    with caplog.at_level(logging.ERROR):
        for role in (None, "admin", "viewer"):
            r = await keyed.post(role, 'mutation { erasePerson(id: "x") }')
            assert r.status_code == 401 and codes(r.json()) == ["UNAUTHENTICATED"], (role, r.text)
    assert "every request is refused" in caplog.text
    moved.rename(keyed.keys_file)
    assert (await keyed.post("admin", '{ personalData(id: "x") }')).status_code == 200
    for role in ("viewer", "analyst", "editor", "admin"):
        revoke_key(keyed.keys_file, role)
    r = await keyed.post(None, '{ personalData(id: "x") }')
    assert r.status_code == 401


# -- hidden writes ----------------------------------------------------------------------


async def test_a_failing_second_mutation_field_does_not_hide_the_first_write(keyed: Keyed) -> None:
    doc = """mutation {
      upsertCompanies(input: [{id: "acme", name: "Acme"}]) { id }
      relate(input: [{kind: WORKS_AT, from: "nobody", to: "acme"}]) { kind }
    }"""
    r = await keyed.post("editor", doc)
    body = r.json()
    assert body["data"] == {"upsertCompanies": [{"id": "acme"}], "relate": None}, body
    assert [e["path"] for e in body["errors"]] == [["relate"]]
    log = await keyed.data("admin", "{ auditLog { edges { node { operation ids } } } }")
    assert [e["node"] for e in log["auditLog"]["edges"]] == [
        {"operation": "upsertCompanies", "ids": ["acme"]}
    ]


# -- malformed input --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ("query($id: ID!) { node(id: $id) { id } }", {"id": "a\ud800"}),
        ("query($t: String!) { search(text: $t) { id } }", {"t": "\ud800"}),
        ('{ search(text: "x\\ud800") { id } }', None),  # an escape in the document
        ('{ search(text: "x\ud800") { id } }', None),  # the character itself
        (
            "mutation($p: [PersonInput!]!) { upsertPeople(input: $p) { id } }",
            {"p": [{"id": "ok", "name": "bad \udfff"}]},
        ),
    ],
)
async def test_a_lone_surrogate_is_bad_user_input(
    keyed: Keyed, query: str, variables: dict[str, object] | None
) -> None:
    content = json.dumps({"query": query, "variables": variables})  # \\ud800 escaped, as a client sends it
    r = await keyed.api.http.post(
        "/graphql", content=content, headers={"content-type": "application/json", **keyed.headers("admin")}
    )
    # the parser refuses a bad escape in the document itself; the rest is refused before it runs
    assert codes(r.json()) in (["BAD_USER_INPUT"], ["GRAPHQL_PARSE_FAILED"]), r.text
    assert (await keyed.data("admin", "{ people { totalCount } }"))["people"]["totalCount"] == 0


async def test_a_json_body_nested_too_deeply_is_400(keyed: Keyed) -> None:
    deep = '{"query": "{ __typename }", "variables": {"x": ' + "[" * 50_000 + "]" * 50_000 + "}}"
    r = await keyed.api.http.post(
        "/graphql", content=deep, headers={"content-type": "application/json", **keyed.headers("viewer")}
    )
    assert r.status_code == 400 and codes(r.json()) == ["BAD_REQUEST"], r.text[:200]


async def test_no_field_suggestions_without_introspection(keyed: Keyed) -> None:
    body = (await keyed.post("admin", '{ person(id: "a") { emial } }')).json()
    message = body["errors"][0]["message"]
    assert "emial" in message and "Did you mean" not in message and "email" not in message
