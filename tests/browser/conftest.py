"""A real browser against a served demo: Chromium driven by Playwright.

Chromium is Debian's package (``/usr/bin/chromium``, installed by ``scripts/test``
when missing); Playwright's own browser download is not used. When Chromium or
Playwright cannot be had, these tests are skipped, except under ``CI=true``,
where the run fails (as for Neo4j).

Two services run for the session, each ``kamgraph serve --demo`` in its own
process on an in-memory store: one open (no keys, loopback: the developer's
demo) and one with a key per role that lets one other origin call it (CORS).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from kamgraph.api.auth.keys import add_key
from kamgraph.api.auth.roles import Role

CHROMIUM = os.environ.get("KAMGRAPH_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
START_SECONDS = 120


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true and the browser tests cannot run: {reason}", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Served:
    """A running ``kamgraph serve --demo``: its base URL and its keys (role -> secret)."""

    url: str
    keys: dict[str, str]
    process: subprocess.Popen[bytes]
    log: Path


def serve_demo(tmp: Path, *, keys: bool, cors_origin: str | None = None) -> Served:
    port = free_port()
    keys_file = tmp / "keys.toml"
    secrets = {r: add_key(keys_file, r, Role.parse(r)) for r in ("viewer", "analyst")} if keys else {}
    env = {**os.environ, "KAMGRAPH_KEYS_FILE": str(keys_file), "KAMGRAPH_LOG_LEVEL": "warning"}
    env.pop("KAMGRAPH_CORS_ORIGINS", None)
    args = [
        sys.executable,
        "-m",
        "kamgraph.cli",
        "serve",
        "--demo",
        "--store",
        ":memory:",
        "--port",
        str(port),
    ]
    if not keys:
        args.append("--dev")
    if cors_origin:
        args += ["--cors-origin", cors_origin]
    log = tmp / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(args, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"kamgraph serve exited: {log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:  # after the demo loaded
                return Served(url, secrets, process, log)
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    process.terminate()
    raise RuntimeError(f"kamgraph serve did not start in {START_SECONDS} s: {log.read_text()[-2000:]}")


def stop(served: Served) -> None:
    served.process.terminate()
    try:
        served.process.wait(30)
    except subprocess.TimeoutExpired:
        served.process.kill()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Chromium, for one module's tests: Playwright's sync API runs an event loop of its own,
    which must be gone before the async tests of other modules run theirs."""
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        _unavailable(f"no Chromium at {CHROMIUM} (scripts/test installs Debian's package `chromium`)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        _unavailable(f"Playwright is not installed: {exc}")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The open demo service, as `kamgraph serve --demo` on a developer's machine."""
    served = serve_demo(tmp_path_factory.mktemp("demo"), keys=False)
    yield served
    stop(served)


#: the other origin allowed to call the keyed service
APP_ORIGIN_HOST = "127.0.0.1"


@pytest.fixture(scope="session")
def app_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A page of another origin (a static file server on another port): its URL."""
    root = tmp_path_factory.mktemp("app")
    (root / "index.html").write_text("<!doctype html><title>another app</title><p>another app</p>")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", APP_ORIGIN_HOST, "--directory", str(root)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://{APP_ORIGIN_HOST}:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(10)


@pytest.fixture(scope="session")
def keyed_demo(tmp_path_factory: pytest.TempPathFactory, app_page: str) -> Iterator[Served]:
    """The demo behind API keys (viewer, analyst), callable from `app_page`'s origin."""
    served = serve_demo(tmp_path_factory.mktemp("keyed"), keys=True, cors_origin=app_page)
    yield served
    stop(served)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        yield pg
    finally:
        context.close()
    assert not errors, f"the page raised: {errors}"
