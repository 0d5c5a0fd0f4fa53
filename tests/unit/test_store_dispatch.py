"""Every store operation reaches a query function of the same name in each backend.

``GraphStore`` hands each method's arguments to ``reads.<name>`` / ``writes.<name>``
of the backend by name (see kamgraph/store/protocol.py); this checks, without a
store, that each backend has every function named so, taking the connection
and then the method's own parameters.
"""

from __future__ import annotations

import inspect
import re
from types import ModuleType

import pytest

from kamgraph.store.embedded import reads as embedded_reads
from kamgraph.store.embedded import writes as embedded_writes
from kamgraph.store.neo4j import reads as neo4j_reads
from kamgraph.store.neo4j import writes as neo4j_writes
from kamgraph.store.protocol import GraphStore

BACKENDS = {"embedded": (embedded_reads, embedded_writes), "neo4j": (neo4j_reads, neo4j_writes)}
SOURCE = inspect.getsource(GraphStore)
#: methods handing their own arguments on: self.runner.read(GraphStore.get_nodes, ids)
BY_METHOD = re.findall(r"self\.runner\.(read|read_once|write)\(GraphStore\.(\w+)", SOURCE)
#: the others, by name: self.runner.run("read", "iter_relationships", ...)
BY_NAME = re.findall(r'self\.runner\.run\("(\w+)", "(\w+)"', SOURCE)


def _function(backend: str, mode: str, name: str) -> object:
    reads, writes = BACKENDS[backend]
    module: ModuleType = writes if mode == "write" else reads
    fn = getattr(module, name, None)
    assert callable(fn), f"{module.__name__} has no function {name!r}"
    return fn


def test_the_store_dispatches_most_of_its_methods() -> None:
    assert len(BY_METHOD) >= 19
    assert {name for _, name in BY_NAME} == {"clear", "bulk_upsert", "iter_relationships"}


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(("mode", "name"), BY_METHOD)
def test_each_backend_has_the_method_with_its_parameters(backend: str, mode: str, name: str) -> None:
    fn = _function(backend, mode, name)
    method = list(inspect.signature(getattr(GraphStore, name)).parameters)[1:]  # without self
    params = list(inspect.signature(fn).parameters)[1:]  # without the connection
    assert params[: len(method)] == method, f"{backend} {name}{tuple(params)} != {tuple(method)}"


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(("mode", "name"), BY_NAME)
def test_each_backend_has_the_functions_called_by_name(backend: str, mode: str, name: str) -> None:
    _function(backend, mode, name)


@pytest.mark.parametrize("backend", BACKENDS)
def test_each_backend_prepares_a_bulk_batch(backend: str) -> None:
    assert list(inspect.signature(BACKENDS[backend][1].prepare_bulk).parameters) == ["nodes", "rels"]
