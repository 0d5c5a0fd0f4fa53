"""Graph stores: the ``GraphStore`` protocol and its backends."""

from __future__ import annotations

from kamgraph.config import Settings
from kamgraph.store.protocol import GraphStore


def make_store(settings: Settings) -> GraphStore:
    """The store named by ``settings.store``: a Neo4j URI, ``:memory:`` or a file path.

    The store is not opened; call ``await store.open()`` (``create_app`` does).
    """
    if settings.store_is_neo4j:
        from kamgraph.store.neo4j.store import Neo4jStore

        return Neo4jStore(
            settings.store,
            user=settings.neo4j_user,
            password=settings.neo4j_password,
            database=settings.neo4j_database,
        )
    from kamgraph.store.embedded.store import EmbeddedStore

    return EmbeddedStore(settings.store)


__all__ = ["GraphStore", "make_store"]
