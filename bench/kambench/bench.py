"""One benchmark run: import, latency, round-trips, memory, and the @neo4j/graphql comparison."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from kambench import data, imports, latency, ngql, queries, service
from kambench import neo4j as bench_neo4j
from kambench.env import DATA, peak_rss_mib, stop


def _log(people: int) -> Path:
    path = DATA / f"p{people}" / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def import_phase(
    store_kind: str, people: int, say: Callable[[str], None], raw: dict[str, Any] | None = None
) -> tuple[str, dict[str, Any]]:
    """Raw baseline (unless ``raw``, a previous one, is given), then ``kamgraph import`` into a
    fresh store; the store URI and the figures."""
    csv_dir = data.dataset(people)
    logs = _log(people)
    out: dict[str, Any] = {}
    if store_kind == "embedded":
        raw_db = DATA / f"p{people}" / "raw.db"
        if raw is None:
            say("raw sqlite3 executemany baseline")
            raw = imports.raw_sqlite(csv_dir, raw_db)
            _remove_db(raw_db)
        store = str(DATA / f"p{people}" / "embedded.db")
        _remove_db(Path(store))
        env: dict[str, str] = {}
    else:
        env = bench_neo4j.service_env()
        if raw is None:
            say("raw Neo4j UNWIND baseline (fresh database)")
            uri = bench_neo4j.start(fresh=True)
            raw = imports.raw_neo4j(csv_dir, uri, bench_neo4j.PASSWORD)
        store = bench_neo4j.start(fresh=True)
    out["raw"] = raw
    say(f"raw: {out['raw']['rows_per_s']:,} rows/s")
    say("kamgraph import")
    out["kamgraph"] = imports.kamgraph_import(csv_dir, store, logs / f"import-{store_kind}.log", env)
    out["ratio"] = round(out["kamgraph"]["rows_per_s"] / out["raw"]["rows_per_s"], 3)
    say(f"kamgraph: {out['kamgraph']['rows_per_s']:,} rows/s (ratio {out['ratio']})")
    return store, out


def store_of(store_kind: str, people: int) -> str:
    if store_kind == "embedded":
        return str(DATA / f"p{people}" / "embedded.db")
    return bench_neo4j.start(fresh=False)


def query_phase(
    store_kind: str,
    store: str,
    people: int,
    facts: data.Facts,
    opts: dict[str, Any],
    say: Callable[[str], None],
) -> dict[str, Any]:
    env = bench_neo4j.service_env() if store_kind == "neo4j" else {}
    svc = service.start(store, _log(people) / f"serve-{store_kind}.log", env)
    out: dict[str, Any] = {"queries": {}}
    try:
        served = svc.schema_fields()
        pids: dict[str, int | None] = {"kamgraph": svc.proc.pid}
        if store_kind == "neo4j":
            pids["neo4j"] = bench_neo4j.pid()
        with httpx.Client(timeout=120) as client:
            for q in queries.query_set(facts):
                if q.analysis is not None and q.analysis not in served:
                    out["queries"][q.name] = {"status": "not served yet"}
                    say(f"{q.name}: not served yet")
                    continue
                try:
                    latency.post(client, svc.graphql, q.text, q.variables)  # first call, then count
                    before = svc.store_calls()
                    fig = latency.measure(
                        client, svc.graphql, q.text, q.variable_sets(), cpu_pids=pids, **opts
                    )
                    after = svc.store_calls()
                except latency.QueryFailed as exc:
                    out["queries"][q.name] = {"status": f"failed: {exc}"}
                    say(f"{q.name}: FAILED {exc}")
                    continue
                delta = after - before
                calls = sum(delta.values())
                requests = fig["n"] + fig["warmup"]  # the first call came before `before`
                fig["round_trips"] = round(calls / requests, 2)
                fig["round_trips_by_method"] = {k: round(v / requests, 2) for k, v in sorted(delta.items())}
                fig["status"] = "ok"
                out["queries"][q.name] = fig
                sets = f" over {fig['variable_sets']} accounts" if "variable_sets" in fig else ""
                say(f"{q.name}: p50 {fig['p50_ms']} ms, p99 {fig['p99_ms']} ms, "
                    f"{fig['round_trips']} round-trips, n={fig['n']}{sets}")
        out["rss_peak_mib"] = peak_rss_mib(svc.proc.pid)
        say(f"service peak RSS {out['rss_peak_mib']:.0f} MiB")
    finally:
        service.shutdown(svc)
    return out


def _org_rows(sample: dict[str, Any], ngql_shape: bool) -> tuple[int, dict[str, tuple[str, ...]]]:
    """(totalCount, person id -> manager ids) of a nested-org answer of either server."""
    if ngql_shape:
        company = sample["companies"][0]
        conn = company["employeesConnection"]
        people = {
            e["node"]["id"]: tuple(sorted(m["id"] for m in e["node"]["manager"])) for e in conn["edges"]
        }
    else:
        conn = sample["company"]["people"]
        people = {
            e["node"]["id"]: (() if e["node"]["manager"] is None else (e["node"]["manager"]["id"],))
            for e in conn["edges"]
        }
    return int(conn["totalCount"]), people


def ngql_phase(
    uri: str, facts: data.Facts, kam: dict[str, Any], opts: dict[str, Any], people: int,
    say: Callable[[str], None],
) -> dict[str, Any]:
    if not ngql.installed():
        return {"status": "not installed (npm ci in bench/neo4j-graphql)"}
    proc, url = ngql.start(uri, bench_neo4j.PASSWORD, _log(people) / "neo4j-graphql.log")
    try:
        with httpx.Client(timeout=120) as client:
            pids: dict[str, int | None] = {"neo4j-graphql": proc.pid, "neo4j": bench_neo4j.pid()}
            fig = latency.measure(
                client, url, queries.NESTED_ORG_NGQL, [{"id": facts.org_company}], cpu_pids=pids, **opts
            )
        fig["rss_peak_mib"] = peak_rss_mib(proc.pid)
    finally:
        stop(proc)
    ours = kam["queries"].get("nestedOrg", {})
    if ours.get("status") == "ok":
        n_total, n_people = _org_rows(fig["sample"], True)
        k_total, k_people = _org_rows(ours["sample"], False)
        fig["same_people"] = set(n_people) == set(k_people) and n_total == k_total
        fig["same_managers"] = n_people == k_people
        fig["people_returned"] = {"neo4j-graphql": len(n_people), "kamgraph": len(k_people)}
        fig["ratio_nested"] = round(ours["p50_ms"] / fig["p50_ms"], 3)
        org = kam["queries"].get("orgChart", {})
        if org.get("status") == "ok":
            fig["ratio_orgchart"] = round(org["p50_ms"] / fig["p50_ms"], 3)
    fig["status"] = "ok"
    say(f"@neo4j/graphql nested org: p50 {fig['p50_ms']} ms (ratio {fig.get('ratio_nested')})")
    return fig


def run_one(
    store_kind: str,
    people: int,
    opts: dict[str, Any],
    do_import: bool,
    say: Callable[[str], None],
    raw: dict[str, Any] | None = None,
) -> dict[str, Any]:
    facts = data.facts(data.dataset(people))
    result: dict[str, Any] = {"people": people, "store": store_kind, "facts": facts.__dict__}
    if do_import:
        store, result["import"] = import_phase(store_kind, people, say, raw)
    else:
        store = store_of(store_kind, people)
    if store_kind == "neo4j":
        result["neo4j_version"] = bench_neo4j.version(store)
    result.update(query_phase(store_kind, store, people, facts, opts, say))
    if store_kind == "neo4j":
        result["neo4j_graphql"] = ngql_phase(store, facts, result, opts, people, say)
    for q in result["queries"].values():
        q.pop("sample", None)
    result.get("neo4j_graphql", {}).pop("sample", None)
    return result
