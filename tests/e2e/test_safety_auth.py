"""API keys and roles over HTTP: who may read personal data, who may write, and who wrote."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from pathlib import Path

import pytest

from kamgraph.api.app import create_app
from kamgraph.api.auth.keys import revoke_key
from kamgraph.api.auth.security import InsecureBindError
from kamgraph.config import Settings
from kamgraph.store.protocol import GraphStore
from tests.e2e.conftest import start_api
from tests.e2e.safety_support import Keyed, codes, start_keyed

SEED = """
mutation {
  upsertCompanies(input: [{id: "acme", name: "Acme"}]) { id }
  upsertPeople(input: [
    {id: "ann", name: "Ann", email: "ann@acme.example", phone: "+49 1", location: "Berlin",
     notes: "likes chess"},
    {id: "bob", name: "Bob", email: "bob@acme.example"}
  ]) { id }
  upsertInterests(input: [{id: "chess", name: "Chess"}]) { id }
  relate(input: [
    {kind: WORKS_AT, from: "ann", to: "acme"},
    {kind: KNOWS, from: "ann", to: "bob", strength: 0.9, source: "conference"},
    {kind: INTERESTED_IN, from: "ann", to: "chess"}
  ]) { kind }
}
"""

#: every path to a personal field: (query, the Type.field it reaches)
PERSONAL_PATHS = [
    ('{ person(id: "ann") { name email } }', "Person.email"),
    ('{ person(id: "ann") { phone } }', "Person.phone"),
    ('{ person(id: "ann") { location } }', "Person.location"),
    ('{ person(id: "ann") { notes } }', "Person.notes"),
    ('{ person(id: "ann") { interests { name } } }', "Person.interests"),
    ('{ node(id: "ann") { ... on Person { email } } }', "Person.email"),
    ('{ node(id: "chess") { ... on Interest { people { name } } } }', "Interest.people"),
    ('{ search(text: "ann") { ... P } } fragment P on Person { notes }', "Person.notes"),
    ("{ people { edges { node { email } } } }", "Person.email"),
    ('{ company(id: "acme") { people { edges { node { phone } } } } }', "Person.phone"),
    ('{ person(id: "ann") { knows { person { name } strength } } }', "Acquaintance.strength"),
    ('{ person(id: "ann") { knows { source } } }', "Acquaintance.source"),
    ('{ person(id: "ann") { knows { since lastContact } } }', "Acquaintance.since"),
    ('{ company(id: "acme") { orgChart { person { email } } } }', "Person.email"),
    ('{ person(id: "bob") { knows { person { email } } } }', "Person.email"),
]


@pytest.fixture
async def keyed(embedded_store: GraphStore, tmp_path: Path) -> AsyncIterator[Keyed]:
    async with AsyncExitStack() as stack:
        k = await start_keyed(stack, embedded_store, tmp_path)
        await k.data("admin", SEED)
        yield k


async def test_no_key_or_a_bad_key_is_401_unauthenticated(keyed: Keyed) -> None:
    for headers in ({}, {"Authorization": "Bearer kg_not-a-key"}, {"Authorization": "Basic abc"}):
        r = await keyed.api.post("{ companies { totalCount } }", headers=headers)
        assert r.status_code == 401, headers
        assert codes(r.json()) == ["UNAUTHENTICATED"]
        assert r.headers["www-authenticate"] == "Bearer"
    # health and readiness stay open for probes
    assert (await keyed.api.http.get("/healthz")).status_code == 200
    assert (await keyed.api.http.get("/readyz")).status_code == 200


@pytest.mark.parametrize(("query", "field"), PERSONAL_PATHS)
async def test_a_viewer_is_refused_personal_data_on_every_path(keyed: Keyed, query: str, field: str) -> None:
    r = await keyed.post("viewer", query)
    body = r.json()
    assert r.status_code == 403, body
    assert "data" not in body or body["data"] is None
    assert set(codes(body)) == {"FORBIDDEN"}
    assert field in {e["extensions"]["field"] for e in body["errors"]}
    assert "ann@acme.example" not in r.text and "Berlin" not in r.text and "conference" not in r.text
    # the analyst sees it all
    assert (await keyed.post("analyst", query)).status_code == 200


async def test_a_viewer_reads_everything_that_is_not_personal(keyed: Keyed) -> None:
    data = await keyed.data(
        "viewer",
        """{ person(id: "ann") { name title company { name } knows { person { name } } }
             people { totalCount edges { node { id name } } }
             search(text: "a") { id name } node(id: "chess") { name } }""",
    )
    assert data["person"]["knows"] == [{"person": {"name": "Bob"}}]
    assert data["people"]["totalCount"] == 2


async def test_the_analyst_sees_personal_data_as_stored(keyed: Keyed) -> None:
    data = await keyed.data(
        "analyst",
        '{ person(id: "ann") { email phone location notes interests { name } knows { strength source } } }',
    )
    assert data["person"] == {
        "email": "ann@acme.example",
        "phone": "+49 1",
        "location": "Berlin",
        "notes": "likes chess",
        "interests": [{"name": "Chess"}],
        "knows": [{"strength": 0.9, "source": "conference"}],
    }


WRITE = 'mutation { upsertCompanies(input: [{id: "new", name: "New Co"}]) { id } }'


@pytest.mark.parametrize("role", ["viewer", "analyst"])
async def test_readers_may_not_write_and_nothing_is_written(keyed: Keyed, role: str) -> None:
    r = await keyed.post(role, WRITE)
    assert r.status_code == 403
    assert codes(r.json()) == ["FORBIDDEN"]
    assert (await keyed.data("admin", '{ company(id: "new") { id } }'))["company"] is None


async def test_an_editor_writes_and_the_audit_log_names_the_key(keyed: Keyed) -> None:
    assert (await keyed.data("editor", WRITE))["upsertCompanies"] == [{"id": "new"}]
    log = await keyed.data("admin", '{ auditLog(first: 1) { edges { node { actor operation ids at } } } }')
    (entry,) = [e["node"] for e in log["auditLog"]["edges"]]
    assert (entry["actor"], entry["operation"], entry["ids"]) == ("editor", "upsertCompanies", ["new"])


@pytest.mark.parametrize(
    "query",
    [
        'mutation { deleteNodes(ids: ["bob"]) }',
        'mutation { erasePerson(id: "bob") }',
        '{ personalData(id: "bob") }',
        "{ auditLog { totalCount } }",
    ],
)
async def test_admin_only_operations(keyed: Keyed, query: str) -> None:
    for role in ("viewer", "analyst", "editor"):
        r = await keyed.post(role, query)
        assert r.status_code == 403, (role, r.text)
        assert codes(r.json()) == ["FORBIDDEN"]
        assert r.json()["errors"][0]["extensions"]["requiredRole"] == "admin"
    assert (await keyed.data("admin", '{ person(id: "bob") { id } }'))["person"] == {"id": "bob"}
    r = await keyed.post("admin", query)
    assert r.status_code == 200 and "errors" not in r.json()


async def test_a_revoked_key_is_refused_at_the_next_request(keyed: Keyed) -> None:
    assert (await keyed.post("editor", "{ companies { totalCount } }")).status_code == 200
    revoke_key(keyed.keys_file, "editor")
    assert (await keyed.post("editor", "{ companies { totalCount } }")).status_code == 401
    assert (await keyed.post("viewer", "{ companies { totalCount } }")).status_code == 200


async def test_without_keys_it_runs_open_on_loopback_as_anonymous(
    embedded_store: GraphStore, tmp_path: Path
) -> None:
    async with AsyncExitStack() as stack:
        settings = Settings(store=":memory:", keys_file=str(tmp_path / "none.toml"), dev=True)
        api = await start_api(stack, "asgi", embedded_store, settings)
        r = await api.post(WRITE)
        assert r.status_code == 200 and "errors" not in r.json()
        r = await api.post("{ auditLog { edges { node { actor } } } }")
        assert r.json()["data"]["auditLog"]["edges"][0]["node"]["actor"] == "anonymous"


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.10", "::"])
def test_without_keys_it_refuses_to_start_beyond_loopback(tmp_path: Path, host: str) -> None:
    settings = Settings(store=":memory:", host=host, keys_file=str(tmp_path / "none.toml"), dev=True)
    with pytest.raises(InsecureBindError, match="only on a loopback address"):
        create_app(settings)
    with pytest.raises(InsecureBindError, match="no API keys are configured"):
        create_app(settings.with_(dev=False))


def test_with_keys_it_starts_beyond_loopback(tmp_path: Path) -> None:
    from tests.e2e.safety_support import make_keys

    make_keys(tmp_path / "k.toml", ("admin",))
    app = create_app(Settings(store=":memory:", host="0.0.0.0", keys_file=str(tmp_path / "k.toml")))
    assert app.state.security.introspection is False and app.state.security.graphiql is False
