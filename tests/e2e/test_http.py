"""HTTP semantics: GraphQL over HTTP media types and status codes, GET, health, metrics."""

from __future__ import annotations

import re
from contextlib import AsyncExitStack

from kamgraph.domain.errors import StoreUnavailableError
from kamgraph.store.protocol import GraphStore
from tests.e2e.conftest import Api, open_settings, start_api

GQL_JSON = "application/graphql-response+json"
ADD = 'mutation { upsertCompanies(input: [{id: "a", name: "A"}]) { id } }'


async def test_a_mutation_over_get_is_405_and_writes_nothing(web: Api) -> None:
    r = await web.http.get("/graphql", params={"query": ADD})
    assert r.status_code == 405
    assert r.headers["allow"] == "POST"
    assert (await web.query('{ node(id: "a") { id } }')) == {"node": None}


async def test_a_query_over_get_works(web: Api) -> None:
    await web.query(ADD)
    r = await web.http.get(
        "/graphql",
        params={"query": "query($id: ID!) { node(id: $id) { name } }", "variables": '{"id": "a"}'},
        headers={"accept": "application/json"},
    )
    assert r.status_code == 200
    assert r.json() == {"data": {"node": {"name": "A"}}}


async def test_other_methods_are_405(web: Api) -> None:
    r = await web.http.put("/graphql", json={"query": "{ __typename }"})
    assert r.status_code == 405


async def test_parse_error_is_400_with_graphql_response_json(web: Api) -> None:
    r = await web.post("{ companies { ", headers={"accept": GQL_JSON})
    assert r.status_code == 400
    assert r.headers["content-type"].startswith(GQL_JSON)
    body = r.json()
    assert "data" not in body
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"


async def test_validation_error_is_400_with_graphql_response_json(web: Api) -> None:
    r = await web.post("{ companies { nope } }", headers={"accept": f"{GQL_JSON}, application/json;q=0.9"})
    assert r.status_code == 400
    assert r.headers["content-type"].startswith(GQL_JSON)
    assert "nope" in r.json()["errors"][0]["message"]


async def test_validation_error_is_200_with_legacy_application_json(web: Api) -> None:
    for accept in ("application/json", "*/*"):
        r = await web.post("{ companies { nope } }", headers={"accept": accept})
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("application/json")
        body = r.json()
        assert "data" not in body and body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


async def test_execution_error_is_200_with_data_either_way(web: Api) -> None:
    for accept in (GQL_JSON, "application/json"):
        r = await web.post(
            '{ ok: node(id: "x") { id } companies(first: 9999) { totalCount } }', headers={"accept": accept}
        )
        assert r.status_code == 200
        body = r.json()
        assert body["data"] is None  # companies is non-null, so its error nulls the whole data
        assert body["errors"][0]["path"] == ["companies"]


async def test_each_response_carries_a_request_id_that_errors_repeat(web: Api) -> None:
    r = await web.post("{ companies(first: -5) { totalCount } }")
    rid = r.headers["x-request-id"]
    assert rid and r.json()["errors"][0]["extensions"]["requestId"] == rid
    assert (await web.post("{ __typename }")).headers["x-request-id"] != rid


async def test_graphiql_for_a_browser(web: Api) -> None:
    r = await web.http.get("/graphql", headers={"accept": "text/html,application/xhtml+xml"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "graphiql" in r.text.lower()


async def test_health_and_readiness(web: Api) -> None:
    health = await web.http.get("/healthz")
    assert health.status_code == 200 and health.json()["status"] == "ok"
    ready = await web.http.get("/readyz")
    assert ready.status_code == 200 and ready.json()["status"] == "ready"


class PingFails:
    """A store that is there for everything but cannot be reached by ping."""

    def __init__(self, inner: GraphStore) -> None:
        self.inner = inner
        self.backend = inner.backend

    async def ping(self) -> None:
        raise StoreUnavailableError("no route to the store")

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)


async def test_readyz_is_503_when_the_store_does_not_answer(embedded_store: GraphStore) -> None:
    async with AsyncExitStack() as stack:
        api = await start_api(stack, "asgi", PingFails(embedded_store))  # type: ignore[arg-type]
        r = await api.http.get("/readyz")
        assert r.status_code == 503
        assert r.json()["status"] == "unavailable"
        assert (await api.http.get("/healthz")).status_code == 200  # alive all the same
        metrics = (await api.http.get("/metrics")).text
        assert re.search(r"^kamgraph_store_up 0\.0$", metrics, re.M)


def _sample(metrics: str, name: str, **labels: str) -> float:
    """The value of one sample of the Prometheus text format (0 when absent)."""
    for line in metrics.splitlines():
        if not line.startswith(name + "{") and not line.startswith(name + " "):
            continue
        if all(f'{k}="{v}"' in line for k, v in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


async def test_metrics_count_operations_and_store_round_trips(web: Api) -> None:
    await web.query(ADD)
    await web.query("{ companies { totalCount edges { node { people { totalCount } } } } }")
    await web.post("{ nope }")
    r = await web.http.get("/metrics")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain")
    m = r.text
    assert _sample(m, "kamgraph_graphql_requests_total", operation_type="mutation", outcome="ok") == 1
    assert _sample(m, "kamgraph_graphql_requests_total", operation_type="query", outcome="ok") == 1
    assert _sample(m, "kamgraph_graphql_requests_total", outcome="rejected") == 1
    assert _sample(m, "kamgraph_graphql_request_seconds_count", operation_type="query") == 2  # ok + rejected
    assert _sample(m, "kamgraph_store_queries_total", method="list_companies", outcome="ok") == 1
    assert _sample(m, "kamgraph_store_queries_total", method="upsert_nodes", outcome="ok") == 1
    assert _sample(m, "kamgraph_store_queries_total", method="get_relationships", outcome="ok") == 1
    assert _sample(m, "kamgraph_store_query_seconds_count", method="list_companies") == 1
    assert _sample(m, "kamgraph_http_requests_total", route="/graphql", status="200") >= 3


async def test_each_app_has_its_own_metrics(embedded_store: GraphStore) -> None:
    async with AsyncExitStack() as stack:
        one = await start_api(stack, "asgi", embedded_store, open_settings())
        two = await start_api(stack, "asgi", embedded_store, open_settings())
        await one.query("{ companies { totalCount } }")
        m1 = (await one.http.get("/metrics")).text
        m2 = (await two.http.get("/metrics")).text
        assert _sample(m1, "kamgraph_store_queries_total", method="list_companies", outcome="ok") == 1
        assert _sample(m2, "kamgraph_store_queries_total", method="list_companies", outcome="ok") == 0
