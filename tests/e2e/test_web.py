"""The web pages over HTTP: the explorer at its addresses, GraphiQL's page, static files, CORS."""

from __future__ import annotations

import re
from contextlib import AsyncExitStack
from pathlib import Path

import pytest

from kamgraph.api.cors import CorsOriginError, check_origins
from kamgraph.config import Settings
from kamgraph.store.protocol import GraphStore
from kamgraph.web.routes import STATIC
from tests.e2e.conftest import Api, open_settings, start_api
from tests.e2e.safety_support import start_keyed

HTML = {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
ORIGIN = "https://app.example.com"


def assets_of(page: str) -> list[str]:
    """The local scripts, styles and icons a page loads."""
    return re.findall(r'(?:src|href)="(/static/[^"]+)"', page)


@pytest.mark.parametrize("path", ["/", "/accounts/acct-globex", "/people/p-globex-001", "/accounts/a%2Fb"])
async def test_every_explorer_address_answers_its_page(web: Api, path: str) -> None:
    r = await web.http.get(path, headers=HTML)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert '<script type="module" src="/static/js/main.js">' in r.text
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "connect-src 'self'" in csp and "script-src 'self'" in csp


async def test_pages_load_only_files_the_service_has(web: Api) -> None:
    index = (await web.http.get("/")).text
    graphiql = (await web.http.get("/graphql", headers=HTML)).text
    assets = assets_of(index) + assets_of(graphiql)
    assert (
        "/static/vendor/cytoscape/cytoscape.esm.min.js" not in assets
    )  # imported by a module, checked below
    assert len(assets) >= 10
    for path in assets:
        r = await web.http.get(path)
        assert r.status_code == 200, path
    for text in (index, graphiql):
        assert not re.search(r'(?:src|href)="(?:https?:)?//', text), "a page loads from another host"


async def test_the_explorer_modules_import_only_files_the_service_has(web: Api) -> None:
    for module in sorted((STATIC / "js").glob("*.js")):
        r = await web.http.get(f"/static/js/{module.name}")
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/javascript")
        for target in re.findall(r'^import .* from "([^"]+)";$', r.text, re.M):
            url = target if target.startswith("/") else f"/static/js/{target.removeprefix('./')}"
            assert (await web.http.get(url)).status_code == 200, (module.name, target)


async def test_graphiql_is_served_from_the_package(web: Api) -> None:
    r = await web.http.get("/graphql", headers=HTML)
    assert r.status_code == 200
    assert "/static/vendor/graphiql/graphiql.min.js" in r.text
    assert "unpkg" not in r.text and "cdn" not in r.text.lower()
    assert "default-src 'self'" in r.headers["content-security-policy"]


async def test_a_static_file_that_does_not_exist_is_404(web: Api) -> None:
    assert (await web.http.get("/static/js/nope.js")).status_code == 404
    assert (await web.http.get("/static/vendor/../routes.py")).status_code == 404


# ---- CORS ----


async def test_without_allowed_origins_a_preflight_is_refused(web: Api) -> None:
    r = await web.http.options(
        "/graphql", headers={"origin": ORIGIN, "access-control-request-method": "POST"}
    )
    assert r.status_code == 405
    assert "access-control-allow-origin" not in r.headers
    r = await web.post("{ __typename }", headers={"origin": ORIGIN})
    assert r.status_code == 200
    assert "access-control-allow-origin" not in r.headers


async def cors_api(stack: AsyncExitStack, store: GraphStore, origins: tuple[str, ...]) -> Api:
    return await start_api(stack, "asgi", store, open_settings().with_(cors_origins=origins))


async def test_an_allowed_origin_gets_its_preflight_answered(embedded_store: GraphStore) -> None:
    async with AsyncExitStack() as stack:
        api = await cors_api(stack, embedded_store, (ORIGIN,))
        r = await api.http.options(
            "/graphql",
            headers={
                "origin": ORIGIN,
                "access-control-request-method": "POST",
                "access-control-request-headers": "authorization, content-type",
            },
        )
        assert r.status_code == 200
        assert r.headers["access-control-allow-origin"] == ORIGIN
        assert "POST" in r.headers["access-control-allow-methods"]
        allowed = {h.strip().lower() for h in r.headers["access-control-allow-headers"].split(",")}
        assert {"authorization", "content-type", "accept"} <= allowed
        assert "access-control-allow-credentials" not in r.headers
        assert "origin" in r.headers["vary"].lower()

        r = await api.post("{ __typename }", headers={"origin": ORIGIN})
        assert r.status_code == 200 and r.json() == {"data": {"__typename": "Query"}}
        assert r.headers["access-control-allow-origin"] == ORIGIN
        assert "x-request-id" in r.headers["access-control-expose-headers"].lower()


async def test_another_origin_is_not_allowed(embedded_store: GraphStore) -> None:
    async with AsyncExitStack() as stack:
        api = await cors_api(stack, embedded_store, (ORIGIN,))
        other = "https://evil.example.net"
        r = await api.http.options(
            "/graphql", headers={"origin": other, "access-control-request-method": "POST"}
        )
        assert r.status_code == 400
        assert "access-control-allow-origin" not in r.headers
        r = await api.post("{ __typename }", headers={"origin": other})
        assert "access-control-allow-origin" not in r.headers


async def test_a_refusal_carries_cors_headers_so_the_page_can_read_it(
    embedded_store: GraphStore, tmp_path: Path
) -> None:
    async with AsyncExitStack() as stack:
        keyed = await start_keyed(stack, embedded_store, tmp_path, cors_origins=(ORIGIN,))
        r = await keyed.api.http.options(
            "/graphql",
            headers={
                "origin": ORIGIN,
                "access-control-request-method": "POST",
                "access-control-request-headers": "authorization",
            },
        )
        assert r.status_code == 200  # a preflight carries no key and is not refused for it
        r = await keyed.api.post("{ __typename }", headers={"origin": ORIGIN})
        assert r.status_code == 401
        assert r.headers["access-control-allow-origin"] == ORIGIN
        r = await keyed.api.post("{ __typename }", headers={"origin": ORIGIN, **keyed.headers("viewer")})
        assert r.status_code == 200 and r.headers["access-control-allow-origin"] == ORIGIN


async def test_any_origin_with_a_star(embedded_store: GraphStore) -> None:
    async with AsyncExitStack() as stack:
        api = await cors_api(stack, embedded_store, ("*",))
        r = await api.post("{ __typename }", headers={"origin": "http://localhost:3000"})
        assert r.headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize(
    "bad",
    [
        "app.example.com",
        "https://app.example.com/",
        "https://app.example.com/x",
        "ftp://a.b",
        "https://a.b:99999",
    ],
)
def test_an_origin_that_is_not_one_is_refused_naming_it(bad: str) -> None:
    with pytest.raises(CorsOriginError, match=re.escape(repr(bad))):
        check_origins([bad])


def test_origins_come_from_the_environment() -> None:
    settings = Settings.from_env({"KAMGRAPH_CORS_ORIGINS": "https://a.example, http://localhost:3000"})
    assert settings.cors_origins == ("https://a.example", "http://localhost:3000")
    assert Settings.from_env({}).cors_origins == ()


def test_serve_refuses_a_bad_cors_origin_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from kamgraph.cli import main

    monkeypatch.setenv("KAMGRAPH_KEYS_FILE", str(tmp_path / "none.toml"))
    args = ["serve", "--dev", "--store", ":memory:", "--cors-origin", "https://ok.example"]
    assert main([*args, "--cors-origin", "nope"]) == 2
    assert "CORS origin 'nope' is not an origin" in capsys.readouterr().err
