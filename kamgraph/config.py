"""Settings, read once from the environment (and CLI flags) into a frozen object."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

DEFAULT_STORE = "./kamgraph.db"


def _bool(value: str) -> bool:
    return value.strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True, slots=True)
class Limits:
    """Query limits (the Safety issue); every one configurable."""

    max_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 2_000
    max_first: int = 500
    max_mutation_items: int = 5_000
    max_body_bytes: int = 1024 * 1024
    max_cost: int = 50_000
    timeout_seconds: float = 10.0
    max_operations: int = 1
    #: items all the lists of one result may hold (kamgraph.api.budget)
    max_result_items: int = 50_000
    #: the sum of the costs of the operations running at once (kamgraph.api.admission)
    max_inflight_cost: int = 200_000
    #: requests one API key may have in flight (kamgraph.api.admission)
    max_requests_per_key: int = 16

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Limits:
        """Limits with each field overridden by ``KAMGRAPH_<FIELD>`` when set.

        >>> Limits.from_env({"KAMGRAPH_MAX_DEPTH": "5", "KAMGRAPH_TIMEOUT_SECONDS": "2.5"}).max_depth
        5
        """
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(f"KAMGRAPH_{f.name.upper()}")
            if raw is not None:
                values[f.name] = float(raw) if f.name == "timeout_seconds" else int(raw)
        return cls(**values)


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything kamgraph reads from its environment, read once."""

    store: str = DEFAULT_STORE
    neo4j_user: str = "neo4j"
    neo4j_password: str = ""
    neo4j_database: str = "neo4j"
    host: str = "127.0.0.1"
    port: int = 8000
    demo: bool = False
    #: dev mode: open (no keys), loopback only (kamgraph.api.auth.security)
    dev: bool = False
    keys_file: str = "./kamgraph-keys.toml"
    introspection: bool | None = None  # None: on in loopback dev mode only
    graphiql: bool | None = None
    log_level: str = "info"
    cors_origins: tuple[str, ...] = ()  # pages of these origins may call the API (kamgraph/api/cors.py)
    limits: Limits = field(default_factory=Limits)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Settings from ``KAMGRAPH_*`` and ``NEO4J_*`` variables, then ``overrides``."""
        e = os.environ if env is None else env
        values: dict[str, Any] = {}
        if "KAMGRAPH_STORE" in e:
            values["store"] = e["KAMGRAPH_STORE"]
        if "NEO4J_USER" in e:
            values["neo4j_user"] = e["NEO4J_USER"]
        if "NEO4J_PASSWORD" in e:
            values["neo4j_password"] = e["NEO4J_PASSWORD"]
        if "NEO4J_DATABASE" in e:
            values["neo4j_database"] = e["NEO4J_DATABASE"]
        if "KAMGRAPH_HOST" in e:
            values["host"] = e["KAMGRAPH_HOST"]
        if "KAMGRAPH_PORT" in e:
            values["port"] = int(e["KAMGRAPH_PORT"])
        if "KAMGRAPH_DEV" in e:
            values["dev"] = _bool(e["KAMGRAPH_DEV"])
        if "KAMGRAPH_KEYS_FILE" in e:
            values["keys_file"] = e["KAMGRAPH_KEYS_FILE"]
        if "KAMGRAPH_INTROSPECTION" in e:
            values["introspection"] = _bool(e["KAMGRAPH_INTROSPECTION"])
        if "KAMGRAPH_GRAPHIQL" in e:
            values["graphiql"] = _bool(e["KAMGRAPH_GRAPHIQL"])
        if "KAMGRAPH_LOG_LEVEL" in e:
            values["log_level"] = e["KAMGRAPH_LOG_LEVEL"]
        if "KAMGRAPH_CORS_ORIGINS" in e:
            values["cors_origins"] = tuple(e["KAMGRAPH_CORS_ORIGINS"].replace(",", " ").split())
        limits = Limits.from_env(e)
        if limits != Limits():
            values["limits"] = limits
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    @property
    def store_is_neo4j(self) -> bool:
        return self.store.startswith(
            ("bolt://", "bolt+s://", "neo4j://", "neo4j+s://", "neo4j+ssc://", "bolt+ssc://")
        )

    @property
    def loopback(self) -> bool:
        return self.host in ("127.0.0.1", "localhost", "::1") or self.host.startswith("127.")
