"""Prometheus metrics of one app, in a registry of its own (not the global one).

Each :func:`~kamgraph.api.app.create_app` makes its own :class:`Metrics`, so that
several apps (in tests, say) never share or clash over collectors.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

#: the media type of the text exposition format
CONTENT_TYPE = CONTENT_TYPE_LATEST

_REQUEST_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
_STORE_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0)


class Metrics:
    """The collectors kamgraph updates, and their exposition."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.graphql_requests = Counter(
            "kamgraph_graphql_requests",
            "GraphQL operations, by operation type (query, mutation, unknown) and outcome "
            "(ok: no errors; error: executed with errors; rejected: did not parse or validate)",
            ["operation_type", "outcome"],
            registry=self.registry,
        )
        self.graphql_seconds = Histogram(
            "kamgraph_graphql_request_seconds",
            "Time to run one GraphQL operation, by operation type",
            ["operation_type"],
            buckets=_REQUEST_BUCKETS,
            registry=self.registry,
        )
        self.http_requests = Counter(
            "kamgraph_http_requests",
            "HTTP requests, by route and status code",
            ["route", "status"],
            registry=self.registry,
        )
        self.store_queries = Counter(
            "kamgraph_store_queries",
            "Round-trips to the graph store, by store method and outcome",
            ["method", "outcome"],
            registry=self.registry,
        )
        self.store_seconds = Histogram(
            "kamgraph_store_query_seconds",
            "Time of one round-trip to the graph store, by store method",
            ["method"],
            buckets=_STORE_BUCKETS,
            registry=self.registry,
        )
        self.store_up = Gauge(
            "kamgraph_store_up",
            "1 when the last readiness check reached the store, else 0",
            registry=self.registry,
        )

    def observe_store(self, method: str, seconds: float, ok: bool) -> None:
        self.store_queries.labels(method, "ok" if ok else "error").inc()
        self.store_seconds.labels(method).observe(seconds)

    def observe_graphql(self, operation_type: str, outcome: str, seconds: float) -> None:
        self.graphql_requests.labels(operation_type, outcome).inc()
        self.graphql_seconds.labels(operation_type).observe(seconds)

    def render(self) -> bytes:
        """The metrics in the Prometheus text format."""
        return generate_latest(self.registry)
