"""The root Query and Mutation types, composed of one class per feature.

To add queries (the analyses, say): write a ``@strawberry.type`` class with
their fields in a module of this package and append it to :data:`QUERIES`
(mutations: :data:`MUTATIONS`) before :func:`build_schema` runs; the classes
are merged with ``strawberry.tools.merge_types`` into ``Query``/``Mutation``.
"""

from __future__ import annotations

from collections.abc import Sequence

import strawberry
from strawberry.extensions import ValidationCache
from strawberry.tools import merge_types

from kamgraph.api.auth.access import AccessControl
from kamgraph.api.limits import QueryLimits
from kamgraph.api.resolvers.analysis import AnalysisQueries
from kamgraph.api.resolvers.extensions import ErrorFormatting, KamgraphSchema, OperationMetrics
from kamgraph.api.resolvers.mutation_fields import MutationFieldsApart
from kamgraph.api.resolvers.reads import NodeQueries
from kamgraph.api.resolvers.safety import SafetyMutations, SafetyQueries
from kamgraph.api.resolvers.writes import WriteMutations
from kamgraph.api.schema.nodes import TYPES

#: the classes whose fields make up ``Query``
QUERIES: list[type] = [NodeQueries, SafetyQueries, AnalysisQueries]
#: the classes whose fields make up ``Mutation``
MUTATIONS: list[type] = [WriteMutations, SafetyMutations]
#: how many distinct queries keep their validation
CACHED_QUERIES = 256


def build_schema(
    queries: Sequence[type] | None = None,
    mutations: Sequence[type] | None = None,
    *,
    fast_execution: bool = True,
) -> strawberry.Schema:
    """The GraphQL schema of :data:`QUERIES` and :data:`MUTATIONS` (or of those given);
    ``fast_execution``: with the short execution path of :mod:`kamgraph.api.schema.execution`
    (the answers are the same without it, at about 1.7 times the CPU of a nested read)."""
    query = merge_types("Query", tuple(QUERIES if queries is None else queries))
    mutation = merge_types("Mutation", tuple(MUTATIONS if mutations is None else mutations))
    return KamgraphSchema(
        query=query,
        mutation=mutation,
        types=TYPES,
        fast_execution=fast_execution,
        # validation is cached (by document and rules): a frontend sends the same
        # few queries again and again
        extensions=[
            ErrorFormatting,
            OperationMetrics,
            AccessControl,
            QueryLimits,
            MutationFieldsApart,
            lambda: ValidationCache(maxsize=CACHED_QUERIES),
        ],
    )


__all__ = ["MUTATIONS", "QUERIES", "build_schema"]
